package dev.vertxsfu.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Test support for the wire codecs: hex test vectors and the two kinds of hostile input every
 * parser must survive, purely random bytes and mutations of a valid message (truncations,
 * flipped bits, overwritten bytes), which reach much deeper into a parser than noise does.
 *
 * <p>A parser passes when, for every input, it either returns or throws the given subclass of
 * {@link WireFormatException}; any other exception fails the test with the input in hex.
 */
public final class WireFuzz {
  private WireFuzz() {}

  /** Bytes from hex that may contain white space (as RFC test vectors are printed). */
  public static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
  }

  /** Lower-case hex of {@code bytes}, for assertion messages. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** {@code count} random inputs of 0 to {@code maxLength} bytes, from a fixed seed. */
  public static int randomBytes(long seed, int count, int maxLength,
      Class<? extends WireFormatException> typed, Consumer<byte[]> parser) {
    SplittableRandom random = new SplittableRandom(seed);
    int rejected = 0;
    for (int i = 0; i < count; i++) {
      byte[] input = new byte[random.nextInt(maxLength + 1)];
      random.nextBytes(input);
      rejected += feed(input, typed, parser);
    }
    return rejected;
  }

  /**
   * {@code count} mutations of {@code valid}: each input is a copy with a few bytes
   * overwritten or bits flipped, and half of them also cut short or extended with noise.
   */
  public static int mutations(long seed, int count, byte[] valid,
      Class<? extends WireFormatException> typed, Consumer<byte[]> parser) {
    SplittableRandom random = new SplittableRandom(seed);
    int rejected = 0;
    for (int i = 0; i < count; i++) {
      byte[] input = valid.clone();
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits && input.length > 0; e++) {
        int at = random.nextInt(input.length);
        input[at] = random.nextBoolean()
            ? (byte) (input[at] ^ (1 << random.nextInt(8)))
            : (byte) random.nextInt(256);
      }
      if (random.nextBoolean()) {
        int length = random.nextInt(valid.length + 16);
        byte[] resized = new byte[length];
        System.arraycopy(input, 0, resized, 0, Math.min(length, input.length));
        for (int k = input.length; k < length; k++) {
          resized[k] = (byte) random.nextInt(256);
        }
        input = resized;
      }
      rejected += feed(input, typed, parser);
    }
    return rejected;
  }

  /** Every proper prefix of {@code valid} (including the empty one) must be refused. */
  public static void everyTruncationRejected(byte[] valid,
      Class<? extends WireFormatException> typed, Consumer<byte[]> parser) {
    for (int length = 0; length < valid.length; length++) {
      byte[] prefix = java.util.Arrays.copyOf(valid, length);
      assertThat(feed(prefix, typed, parser))
          .as("a truncation to %d of %d bytes must be rejected: %s", length, valid.length,
              hex(prefix))
          .isEqualTo(1);
    }
  }

  private static int feed(byte[] input, Class<? extends WireFormatException> typed,
      Consumer<byte[]> parser) {
    try {
      parser.accept(input);
      return 0;
    } catch (RuntimeException e) {
      if (!typed.isInstance(e)) {
        AssertionError error = new AssertionError(
            "expected only " + typed.getSimpleName() + " but got " + e + " for input " + hex(input));
        error.initCause(e);
        throw error;
      }
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        fail("a %s without a message for input %s", typed.getSimpleName(), hex(input));
      }
      return 1;
    }
  }
}
