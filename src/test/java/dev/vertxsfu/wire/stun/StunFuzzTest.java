package dev.vertxsfu.wire.stun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.wire.WireFuzz;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Hostile input: random bytes, random attribute sections behind a valid header, mutations and
 * truncations of valid messages. Parsing, every getter and both checks may only ever end in a
 * {@link StunFormatException}.
 */
@Tag("fuzz")
class StunFuzzTest {

  private final StunMessage message = new StunMessage();
  private final MessageIntegrity key = MessageIntegrity.shortTerm(Rfc5769Test.SHORT_TERM_PASSWORD);

  /** Parses and then reads everything a caller could read. */
  private final Consumer<byte[]> parseAndRead = input -> {
    message.wrap(input, 0, input.length);
    readEverything();
  };

  private void readEverything() {
    message.messageClass();
    message.method();
    message.transactionId();
    message.toString();
    StunAttributes attributes = message.attributes();
    for (int i = 0; i < attributes.count(); i++) {
      attributes.value(i);
    }
    attributes.firstUnknownComprehensionRequired();
    if (message.hasUsername()) {
      message.username();
    }
    if (message.hasSoftware()) {
      message.software();
    }
    if (message.hasPriority()) {
      message.priority();
    }
    if (message.hasIceControlling()) {
      message.iceControlling();
    }
    if (message.hasIceControlled()) {
      message.iceControlled();
    }
    if (message.hasXorMappedAddress()) {
      message.xorMappedAddress();
    }
    if (message.hasMappedAddress()) {
      message.mappedAddress();
    }
    if (message.hasErrorCode()) {
      message.errorCode();
      message.errorReason();
    }
    if (message.hasUnknownAttributes()) {
      message.unknownAttributes();
    }
    key.verify(message);
    message.fingerprintMatches();
  }

  private static byte[][] validMessages() {
    return new byte[][] {
        Rfc5769Test.SAMPLE_REQUEST, Rfc5769Test.SAMPLE_IPV4_RESPONSE,
        Rfc5769Test.SAMPLE_IPV6_RESPONSE, Rfc5769Test.SAMPLE_REQUEST_LONG_TERM,
        StunRoundTripTest.chromiumLikeRequest(new StunMessageBuilder(),
            MessageIntegrity.shortTerm(StunRoundTripTest.LOCAL_PASSWORD)),
        new StunMessageBuilder().start(StunMessageType.BINDING_ERROR_RESPONSE,
            StunRoundTripTest.TRANSACTION_ID, 0).errorCode(420, "Unknown Attribute")
            .unknownAttributes(0x31, 0x32).mappedAddress(new byte[16], 9).fingerprint()
            .toByteArray(),
    };
  }

  @Test
  void randomBytesGiveOnlyTheTypedError() {
    int rejected = WireFuzz.randomBytes(5389, 20_000, 120, StunFormatException.class,
        parseAndRead);
    assertThat(rejected).isEqualTo(20_000); // noise never carries the magic cookie
  }

  @Test
  void randomAttributesBehindAValidHeaderGiveOnlyTheTypedError() {
    SplittableRandom random = new SplittableRandom(8489);
    int[] types = {0x0001, 0x0006, 0x0008, 0x0009, 0x000a, 0x001c, 0x0020, 0x0024, 0x0025,
        0x8022, 0x8028, 0x8029, 0x802a, 0xc057, 0x7fff};
    int accepted = 0;
    for (int i = 0; i < 30_000; i++) {
      // a few attributes with plausible types and lengths, then random values
      int words = random.nextInt(24);
      byte[] input = new byte[20 + 4 * words];
      random.nextBytes(input);
      System.arraycopy(Rfc5769Test.SAMPLE_REQUEST, 0, input, 0, 20);
      input[0] = (byte) random.nextInt(4);
      input[2] = (byte) (4 * words >>> 8);
      input[3] = (byte) (4 * words);
      for (int at = 20; at + 4 <= input.length; ) {
        int type = types[random.nextInt(types.length)];
        int length = random.nextInt(4) == 0 ? random.nextInt(64) : new int[] {0, 4, 8, 20}[
            random.nextInt(4)];
        input[at] = (byte) (type >>> 8);
        input[at + 1] = (byte) type;
        input[at + 2] = (byte) (length >>> 8);
        input[at + 3] = (byte) length;
        at += 4 + StunAttributeType.padded(length);
      }
      try {
        parseAndRead.accept(input);
        accepted++;
      } catch (StunFormatException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
    assertThat(accepted).as("some inputs must get deep enough to be accepted").isPositive();
  }

  @Test
  void mutationsOfValidMessagesGiveOnlyTheTypedError() {
    long seed = 5769;
    for (byte[] valid : validMessages()) {
      WireFuzz.mutations(seed++, 8_000, valid, StunFormatException.class, parseAndRead);
    }
  }

  @Test
  void everyTruncationOfAValidMessageIsRefused() {
    for (byte[] valid : validMessages()) {
      WireFuzz.everyTruncationRejected(valid, StunFormatException.class, parseAndRead);
    }
  }

  @Test
  void validMessagesAreAcceptedByTheFuzzConsumer() {
    for (byte[] valid : validMessages()) {
      parseAndRead.accept(valid);
      assertThat(message.length()).isEqualTo(valid.length);
    }
  }
}
