package dev.vertxsfu.wire.mux;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;

/** Real datagram heads, and the promise never to throw whatever the bounds. */
@Tag("fast")
class DatagramClassifierTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "STUN Binding request (RFC 5769 2.1),        000100582112a442b7e7a701,  STUN",
      "STUN Binding success response,               010100482112a442b7e7a701,  STUN",
      "STUN Binding error response,                 011100202112a442b7e7a701,  STUN",
      "STUN Binding indication (consent keepalive), 001100002112a442b7e7a701,  STUN",
      "DTLS 1.2 ClientHello record,                 16fefd0000000000000000,    DTLS",
      "DTLS 1.0 ClientHello record,                 16feff0000000000000000,    DTLS",
      "DTLS ChangeCipherSpec record,                14fefd0000000000000000,    DTLS",
      "DTLS alert record,                           15fefd0000000000000000,    DTLS",
      "DTLS application data record,                17fefd0001000000000000,    DTLS",
      "DTLS 1.3 unified header (RFC 9147 4),        2c1a2b00,                  DTLS",
      "TURN ChannelData on channel 0x4000,          40000010,                  TURN_CHANNEL",
      "TURN ChannelData on channel 0x4fff,          4fff0004,                  TURN_CHANNEL",
      "ZRTP packet preamble,                        10000005,                  ZRTP",
      "RTP Opus PT 111 no extension,                806f1234,                  RTP",
      "RTP Opus PT 111 with header extension,       906f1234,                  RTP",
      "RTP VP8 PT 96 with marker,                   90e01234,                  RTP",
      "RTP PT 127 with marker,                      80ff0001,                  RTP",
      "RTP PT 35 (libwebrtc's lower dynamic range), 80230001,                  RTP",
      "RTP with padding and two CSRCs,              a2600001,                  RTP",
      "RTCP sender report,                          80c80006,                  RTCP",
      "RTCP receiver report with one block,         81c90007,                  RTCP",
      "RTCP SDES,                                   81ca0003,                  RTCP",
      "RTCP BYE,                                    81cb0001,                  RTCP",
      "RTCP generic NACK (RTPFB FMT 1),             81cd0003,                  RTCP",
      "RTCP transport-wide CC (RTPFB FMT 15),       8fcd0005,                  RTCP",
      "RTCP PLI (PSFB FMT 1),                       81ce0002,                  RTCP",
      "RTCP REMB (PSFB FMT 15),                     8fce0005,                  RTCP",
      "RTCP XR,                                     80cf0004,                  RTCP",
      "RTP version 0 (not RTP),                     00600001,                  STUN",
      "RTP version 3 (not RTP),                     c0600001,                  OTHER",
      "lower-case ASCII text,                       67657420,                  OTHER",
  })
  void realDatagramHeads(String what, String bytes, DatagramKind expected) {
    assertThat(DatagramClassifier.classify(hex(bytes))).as(what).isEqualTo(expected);
  }

  @Test
  void readsAtTheGivenOffsetOnly() {
    byte[] buf = hex("16fefd 80c8 000100 80");
    assertThat(DatagramClassifier.classify(buf, 0, 3)).isEqualTo(DatagramKind.DTLS);
    assertThat(DatagramClassifier.classify(buf, 3, 2)).isEqualTo(DatagramKind.RTCP);
    assertThat(DatagramClassifier.classify(buf, 5, 3)).isEqualTo(DatagramKind.STUN);
  }

  @Test
  void emptyAndOneByteInputsAreOther() {
    byte[] stunStart = {0x00, 0x01};
    assertThat(DatagramClassifier.classify(stunStart, 0, 0)).isEqualTo(DatagramKind.OTHER);
    assertThat(DatagramClassifier.classify(stunStart, 0, 1)).isEqualTo(DatagramKind.OTHER);
    assertThat(DatagramClassifier.classify(new byte[0])).isEqualTo(DatagramKind.OTHER);
    assertThat(DatagramClassifier.classify(new byte[] {(byte) 0x80})).isEqualTo(DatagramKind.OTHER);
    assertThat(DatagramClassifier.classify(new byte[] {0x16})).isEqualTo(DatagramKind.OTHER);
  }

  @Test
  void boundsOutsideTheBufferAreOtherNotAnException() {
    byte[] rtp = hex("80600001");
    assertThat(DatagramClassifier.classify(null)).isEqualTo(DatagramKind.OTHER);
    assertThat(DatagramClassifier.classify(null, 0, 4)).isEqualTo(DatagramKind.OTHER);
    assertThat(DatagramClassifier.classify(rtp, -1, 4)).isEqualTo(DatagramKind.OTHER);
    assertThat(DatagramClassifier.classify(rtp, 0, -1)).isEqualTo(DatagramKind.OTHER);
    assertThat(DatagramClassifier.classify(rtp, 0, 5)).isEqualTo(DatagramKind.OTHER);
    assertThat(DatagramClassifier.classify(rtp, 3, 2)).isEqualTo(DatagramKind.OTHER);
    assertThat(DatagramClassifier.classify(rtp, 4, 2)).isEqualTo(DatagramKind.OTHER);
    assertThat(DatagramClassifier.classify(rtp, 1, Integer.MAX_VALUE)).isEqualTo(DatagramKind.OTHER);
    assertThat(DatagramClassifier.classify(rtp, Integer.MAX_VALUE, 2)).isEqualTo(DatagramKind.OTHER);
    assertThat(DatagramClassifier.classify(rtp, Integer.MIN_VALUE, Integer.MIN_VALUE))
        .isEqualTo(DatagramKind.OTHER);
  }

  @Test
  void randomBoundsAndBytesNeverThrow() {
    SplittableRandom random = new SplittableRandom(7983);
    int[] counts = new int[DatagramKind.values().length];
    for (int i = 0; i < 20_000; i++) {
      byte[] buf = new byte[random.nextInt(8)];
      random.nextBytes(buf);
      int off = random.nextInt(-2, 10);
      int len = random.nextInt(-2, 10);
      counts[DatagramClassifier.classify(buf, off, len).ordinal()]++;
    }
    assertThat(counts).doesNotContain(0);
  }
}
