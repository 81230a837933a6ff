package dev.vertxsfu.wire.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** draft-alvestrand-rmcat-remb-03 §2.2: Receiver Estimated Maximum Bitrate. */
@Tag("fast")
class RembDraftTest {

  @Test
  void rembOfOneMegabit() {
    byte[] bytes = RtcpVectors.remb();
    RtcpPacket packet = RtcpPacket.parse(bytes, 0, bytes.length);
    assertThat(packet).isInstanceOf(ReceiverEstimatedMaxBitrate.class);
    ReceiverEstimatedMaxBitrate remb = (ReceiverEstimatedMaxBitrate) packet;
    assertThat(remb.exponent()).isEqualTo(2);
    assertThat(remb.mantissa()).isEqualTo(250_000);
    assertThat(remb.bitrate()).isEqualTo(1_000_000);
    assertThat(remb.ssrcs()).containsExactly(0x11223344L);
    assertThat(remb.toBytes()).isEqualTo(bytes);
  }

  @Test
  void ofPicksTheSmallestExponentAndTruncates() {
    assertThat(ReceiverEstimatedMaxBitrate.of(1, 1_000_000, List.of(0x11223344L)).toBytes())
        .isEqualTo(RtcpVectors.remb());
    ReceiverEstimatedMaxBitrate small = ReceiverEstimatedMaxBitrate.of(1, 262_143, List.of());
    assertThat(small.exponent()).isZero();
    ReceiverEstimatedMaxBitrate odd = ReceiverEstimatedMaxBitrate.of(1, 1_000_001, List.of());
    assertThat(odd.bitrate()).isEqualTo(1_000_000);
    ReceiverEstimatedMaxBitrate huge = ReceiverEstimatedMaxBitrate.of(1, Long.MAX_VALUE, List.of());
    assertThat(huge.bitrate()).isLessThanOrEqualTo(Long.MAX_VALUE).isGreaterThan(1L << 62);
  }

  @Test
  void otherApplicationLayerFeedbackStaysRaw() {
    byte[] bytes = RtcpVectors.remb();
    bytes[12] = 'X';
    RtcpPacket packet = RtcpPacket.parse(bytes, 0, bytes.length);
    assertThat(packet).isInstanceOf(RawPacket.class);
    assertThat(packet.toBytes()).isEqualTo(bytes);
  }
}
