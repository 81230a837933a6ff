package dev.vertxsfu.wire.rtcp;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Transport-wide feedback captured from a Chrome receiver (sender SSRC 1, as libwebrtc writes
 * it), with the field values a Wireshark dissection of the same bytes gives, published as test
 * data in the public repository olivermichel/webrtc-analysis ({@code test/include/data.h}). The
 * bytes are the capture; the expected values are Wireshark's, an implementation independent of
 * this one.
 */
@Tag("fast")
class ChromiumCaptureTest {
  /** Wireshark: base 1, 9 statuses, reference time 6197520, fb count 0, one run of 9 small. */
  static byte[] chromeFeedback() {
    return hex(""
        + "af cd 00 07" // V=2 P=1 FMT=15 | PT=205 | length=7 (32 bytes)
        + "00 00 00 01" // SSRC of packet sender
        + "dd 58 6e b6" // SSRC of media source
        + "00 01 00 09" // base sequence number 1, packet status count 9
        + "5e 91 10 00" // reference time 6197520, fb pkt. count 0
        + "20 09"       // run length chunk: received small delta x 9
        + "1c 0c 2c 38 00 04 00 08 18" // deltas: 7, 3, 11, 14, 0, 1, 0, 2, 6 ms
        + "01");        // one octet of padding
  }

  @Test
  void chromeFeedbackParsesToWiresharksFields() {
    byte[] b = chromeFeedback();
    TransportWideCcFeedback feedback = TransportWideCcFeedback.parse(b, 0, b.length);

    assertThat(feedback.senderSsrc()).isEqualTo(1);
    assertThat(feedback.mediaSsrc()).isEqualTo(0xdd586eb6L);
    assertThat(feedback.baseSequenceNumber()).isEqualTo(1);
    assertThat(feedback.packetStatusCount()).isEqualTo(9);
    assertThat(feedback.referenceTime()).isEqualTo(6197520);
    assertThat(feedback.feedbackPacketCount()).isZero();
    assertThat(feedback.chunks()).containsExactly(0x2009);
    assertThat(feedback.receiveDeltas()).containsExactly(28, 12, 44, 56, 0, 4, 0, 8, 24);
  }

  @Test
  void chromeFeedbackVisitsArrivalTimesWithoutParsing() {
    byte[] b = chromeFeedback();
    List<long[]> seen = new ArrayList<>();
    TransportWideCcFeedback.forEachPacket(b, 0, b.length,
        (seq, symbol, time) -> seen.add(new long[] {seq, symbol, time}));

    long reference = 6197520L * 64_000;
    long[] deltasMs = {7, 3, 11, 14, 0, 1, 0, 2, 6};
    long time = reference;
    assertThat(seen).hasSize(9);
    for (int i = 0; i < 9; i++) {
      time += deltasMs[i] * 1000;
      assertThat(seen.get(i)).containsExactly(1 + i,
          TransportWideCcFeedback.RECEIVED_SMALL_DELTA, time);
    }
  }

  @Test
  void chromeFeedbackRoundTripsByteForByte() {
    byte[] b = chromeFeedback();
    TransportWideCcFeedback feedback = TransportWideCcFeedback.parse(b, 0, b.length);
    byte[] out = new byte[feedback.serializedLength()];

    assertThat(feedback.write(out, 0)).isEqualTo(32);
    assertThat(hex(out)).isEqualTo(hex(b));
  }

  @Test
  void chromeFeedbackCutShortIsATypedError() {
    byte[] b = chromeFeedback();
    for (int cut = 4; cut < b.length; cut += 4) {
      byte[] shorter = Arrays.copyOf(b, cut);
      // the length field still says 32 bytes: past the end of what is there
      assertThatThrownBy(() -> TransportWideCcFeedback.parse(shorter, 0, shorter.length))
          .isInstanceOf(RtcpFormatException.class);
    }
    byte[] fewerDeltas = chromeFeedback();
    fewerDeltas[15] = 0x0d; // 13 statuses announced, the run of 9 ends the chunks
    assertThatThrownBy(() -> TransportWideCcFeedback.parse(fewerDeltas, 0, fewerDeltas.length))
        .isInstanceOf(RtcpFormatException.class);
    assertThatThrownBy(() -> TransportWideCcFeedback.forEachPacket(fewerDeltas, 0,
        fewerDeltas.length, (seq, symbol, time) -> { }))
        .isInstanceOf(RtcpFormatException.class);
  }
}
