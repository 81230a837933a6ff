package dev.vertxsfu.wire.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 4571 framing: frames cut back out of reads of every size, the bound and the empty frame
 * refused with the typed error, and random streams that only ever end in that error.
 */
@Tag("fast")
class Rfc4571DecoderTest {
  private final List<byte[]> frames = new ArrayList<>();
  private final Rfc4571Decoder.FrameHandler collect =
      (buf, off, len) -> frames.add(Arrays.copyOfRange(buf, off, off + len));

  private static byte[] packet(int length, int seed) {
    byte[] packet = new byte[length];
    new SplittableRandom(seed).nextBytes(packet);
    return packet;
  }

  private static byte[] stream(byte[]... packets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] packet : packets) {
      out.writeBytes(Rfc4571.frame(packet, 0, packet.length));
    }
    return out.toByteArray();
  }

  @Test
  void theHeaderIsTheLengthInNetworkOrder() {
    byte[] framed = Rfc4571.frame(packet(0x0123, 1), 0, 0x0123);
    assertThat(framed[0]).isEqualTo((byte) 0x01);
    assertThat(framed[1]).isEqualTo((byte) 0x23);
    assertThat(framed).hasSize(0x0125);
    assertThat(Rfc4571.readHeader(new byte[] {(byte) 0xFF, (byte) 0xFF}, 0)).isEqualTo(65535);
    assertThatThrownBy(() -> Rfc4571.writeHeader(0, new byte[2], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rfc4571.writeHeader(65536, new byte[2], 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void severalFramesInOneReadComeOutInOrderWithoutCopies() {
    byte[] a = packet(20, 1);
    byte[] b = packet(1200, 2);
    byte[] c = packet(1, 3);
    byte[] stream = stream(a, b, c);
    List<Integer> offsets = new ArrayList<>();
    Rfc4571Decoder decoder = new Rfc4571Decoder(1500);
    decoder.feed(stream, 0, stream.length, (buf, off, len) -> {
      assertThat(buf).isSameAs(stream); // handed on in place
      offsets.add(off);
      collect.onFrame(buf, off, len);
    });
    assertThat(frames).containsExactly(a, b, c);
    assertThat(offsets).containsExactly(2, 24, 1226);
    assertThat(decoder.buffered()).isZero();
    assertThat(decoder.frames()).isEqualTo(3);
  }

  @Test
  void aStreamCutAtEveryOctetGivesTheSameFrames() {
    byte[] a = packet(100, 4);
    byte[] b = packet(3, 5);
    byte[] stream = stream(a, b);
    for (int cut = 0; cut <= stream.length; cut++) {
      frames.clear();
      Rfc4571Decoder decoder = new Rfc4571Decoder(1500);
      decoder.feed(stream, 0, cut, collect);
      decoder.feed(stream, cut, stream.length - cut, collect);
      assertThat(frames).as("cut at %d", cut).containsExactly(a, b);
      assertThat(decoder.buffered()).isZero();
    }
  }

  @Test
  void aStreamFedOneOctetAtATimeGivesTheSameFrames() {
    byte[] a = packet(300, 6);
    byte[] b = packet(1500, 7);
    byte[] stream = stream(a, b);
    Rfc4571Decoder decoder = new Rfc4571Decoder(1500);
    for (int i = 0; i < stream.length; i++) {
      decoder.feed(stream, i, 1, collect);
      if (i == 1) {
        assertThat(decoder.buffered()).isEqualTo(2); // the header alone
      }
    }
    assertThat(frames).containsExactly(a, b);
  }

  @Test
  void aFrameOverTheBoundIsRefusedAndTheStreamStaysRefused() {
    byte[] ok = packet(10, 8);
    byte[] stream = stream(ok, packet(1501, 9));
    Rfc4571Decoder decoder = new Rfc4571Decoder(1500);
    assertThatThrownBy(() -> decoder.feed(stream, 0, stream.length, collect))
        .isInstanceOf(Rfc4571FormatException.class).hasMessageContaining("1501");
    assertThat(frames).containsExactly(ok); // what came before the bad frame was handed on
    assertThat(decoder.failed()).isTrue();
    byte[] good = stream(ok);
    assertThatThrownBy(() -> decoder.feed(good, 0, good.length, collect))
        .isInstanceOf(Rfc4571FormatException.class);
    assertThat(frames).hasSize(1);
  }

  @Test
  void anOversizeHeaderSplitAcrossReadsIsRefusedOnceComplete() {
    Rfc4571Decoder decoder = new Rfc4571Decoder(1500);
    decoder.feed(new byte[] {0x10}, 0, 1, collect);
    assertThatThrownBy(() -> decoder.feed(new byte[] {0x00, 1, 2}, 0, 3, collect))
        .isInstanceOf(Rfc4571FormatException.class).hasMessageContaining("4096");
    assertThat(decoder.buffered()).isZero();
  }

  @Test
  void anEmptyFrameIsRefused() {
    Rfc4571Decoder decoder = new Rfc4571Decoder(1500);
    assertThatThrownBy(() -> decoder.feed(new byte[] {0, 0, 0, 1, 7}, 0, 5, collect))
        .isInstanceOf(Rfc4571FormatException.class).hasMessageContaining("length 0");
    assertThat(frames).isEmpty();
  }

  @Test
  void theBoundIsOneTo65535() {
    assertThatThrownBy(() -> new Rfc4571Decoder(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Rfc4571Decoder(65536))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] largest = packet(65535, 10);
    byte[] stream = stream(largest);
    new Rfc4571Decoder(65535).feed(stream, 0, stream.length, collect);
    assertThat(frames).containsExactly(largest);
  }

  @Test
  void randomFramesInRandomReadsComeBackByteForByte() {
    SplittableRandom random = new SplittableRandom(4571);
    for (int round = 0; round < 200; round++) {
      List<byte[]> sent = new ArrayList<>();
      for (int i = random.nextInt(1, 20); i > 0; i--) {
        sent.add(packet(random.nextInt(1, 1501), random.nextInt()));
      }
      byte[] stream = stream(sent.toArray(byte[][]::new));
      frames.clear();
      Rfc4571Decoder decoder = new Rfc4571Decoder(1500);
      for (int at = 0; at < stream.length; ) {
        int read = Math.min(stream.length - at, random.nextInt(1, 3000));
        decoder.feed(stream, at, read, collect);
        at += read;
      }
      assertThat(frames).containsExactlyElementsOf(sent);
    }
  }

  @Test
  void randomBytesOnlyEverEndInTheTypedError() {
    SplittableRandom random = new SplittableRandom(6544);
    for (int round = 0; round < 2_000; round++) {
      byte[] noise = new byte[random.nextInt(0, 600)];
      random.nextBytes(noise);
      Rfc4571Decoder decoder = new Rfc4571Decoder(random.nextInt(1, 1501));
      try {
        for (int at = 0; at < noise.length; ) {
          int read = Math.min(noise.length - at, random.nextInt(1, 100));
          decoder.feed(noise, at, read, (buf, off, len) -> assertThat(len).isPositive());
          at += read;
        }
        assertThat(decoder.buffered()).isLessThanOrEqualTo(noise.length);
      } catch (Rfc4571FormatException expected) {
        assertThat(decoder.failed()).isTrue();
      }
    }
  }
}
