package dev.vertxsfu.wire.mux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;

/**
 * The first-byte ranges of RFC 7983 §7 (updating RFC 5764 §5.1.2) and the RTP/RTCP split of
 * RFC 5761 §4, at every boundary.
 */
@Tag("fast")
class Rfc7983Test {

  @ParameterizedTest(name = "first byte {0}, second byte {1} -> {2}")
  @CsvSource({
      // STUN [0..3]
      "0,   0x01, STUN",
      "1,   0x01, STUN",
      "3,   0x01, STUN",
      "4,   0x01, OTHER",
      // unassigned [4..15]
      "15,  0x01, OTHER",
      // ZRTP [16..19]
      "16,  0x00, ZRTP",
      "19,  0x00, ZRTP",
      // DTLS [20..63]
      "20,  0xfe, DTLS",
      "63,  0xfe, DTLS",
      // TURN channel [64..79]
      "64,  0x00, TURN_CHANNEL",
      "79,  0x00, TURN_CHANNEL",
      // unassigned [80..127]
      "80,  0x00, OTHER",
      "127, 0x00, OTHER",
      // RTP/RTCP [128..191], split by the second byte
      "128, 0x00, RTP",
      "128, 0x3f, RTP",
      "128, 0x40, RTCP",
      "128, 0x5f, RTCP",
      "128, 0x60, RTP",
      "128, 0x7f, RTP",
      "128, 0x80, RTP",
      "128, 0xbf, RTP",
      "128, 0xc0, RTCP",
      "128, 0xdf, RTCP",
      "128, 0xe0, RTP",
      "128, 0xff, RTP",
      "191, 0xc8, RTCP",
      "191, 0x60, RTP",
      // unassigned [192..255]
      "192, 0xc8, OTHER",
      "255, 0x00, OTHER",
  })
  void boundaryValues(int first, String second, DatagramKind expected) {
    byte[] datagram = {(byte) first, (byte) Integer.parseInt(second.substring(2), 16), 0, 0};
    assertThat(DatagramClassifier.classify(datagram, 0, datagram.length)).isEqualTo(expected);
  }

  private record Range(int low, int high, DatagramKind kind) {}

  /** The figure of RFC 7983 §7 as data, every unlisted value being OTHER. */
  private static final List<Range> FIGURE = List.of(
      new Range(0, 3, DatagramKind.STUN),
      new Range(16, 19, DatagramKind.ZRTP),
      new Range(20, 63, DatagramKind.DTLS),
      new Range(64, 79, DatagramKind.TURN_CHANNEL),
      new Range(128, 191, DatagramKind.RTP));

  @Test
  void everyFirstByteFallsInTheRangeOfTheFigure() {
    for (int first = 0; first < 256; first++) {
      DatagramKind expected = DatagramKind.OTHER;
      for (Range range : FIGURE) {
        if (first >= range.low() && first <= range.high()) {
          expected = range.kind();
        }
      }
      // second byte 0x60: payload type 96, never RTCP
      byte[] datagram = {(byte) first, 0x60};
      assertThat(DatagramClassifier.classify(datagram, 0, 2)).as("first byte %d", first)
          .isEqualTo(expected);
    }
  }

  @Test
  void everySecondByteSplitsRtpFromRtcpAsRfc5761Says() {
    for (int second = 0; second < 256; second++) {
      int withoutMarker = second & 0x7F;
      DatagramKind expected = withoutMarker >= 64 && withoutMarker <= 95
          ? DatagramKind.RTCP : DatagramKind.RTP;
      byte[] datagram = {(byte) 0x80, (byte) second};
      assertThat(DatagramClassifier.classify(datagram, 0, 2)).as("second byte %d", second)
          .isEqualTo(expected);
    }
  }

  @Test
  void everyRtcpPacketTypeOfTheConflictRangeIsRtcp() {
    for (int packetType = 192; packetType <= 223; packetType++) {
      byte[] datagram = {(byte) 0x81, (byte) packetType, 0, 1};
      assertThat(DatagramClassifier.classify(datagram, 0, 4)).as("packet type %d", packetType)
          .isEqualTo(DatagramKind.RTCP);
    }
  }
}
