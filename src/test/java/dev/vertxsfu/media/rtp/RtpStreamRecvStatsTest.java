package dev.vertxsfu.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("fast")
class RtpStreamRecvStatsTest {

  @Test
  void lossAndFractionLostFollowRfc3550AppendixA3() {
    RtpStreamRecvStats stats = new RtpStreamRecvStats(90_000);
    for (int seq = 0; seq < 100; seq++) {
      if (seq % 4 != 3) { // every fourth packet lost: 25 of 100
        stats.onPacket(seq, seq * 3000L, seq * 33L);
      }
    }
    // 99 itself is lost, so the highest received is 98: 99 expected, 75 received, 24 lost.
    assertThat(stats.packetsReceived()).isEqualTo(75);
    assertThat(stats.extendedHighestSequenceNumber()).isEqualTo(98);
    assertThat(stats.cumulativeLost()).isEqualTo(24);
    assertThat(stats.fractionLostSinceLastReport()).isEqualTo(24 * 256 / 99); // 62
    assertThat(stats.fractionLostSinceLastReport()).isZero(); // a new interval with nothing in it
  }

  @Test
  void theExtendedHighestSequenceNumberCountsWraps() {
    RtpStreamRecvStats stats = new RtpStreamRecvStats(90_000);
    stats.onPacket(65534, 0, 0);
    stats.onPacket(65535, 0, 0);
    stats.onPacket(0, 0, 0);
    stats.onPacket(1, 0, 0);
    assertThat(stats.extendedHighestSequenceNumber()).isEqualTo(65536 + 1);
    assertThat(stats.cumulativeLost()).isZero();
  }

  @Test
  void jitterIsZeroForPerfectPacingAndGrowsWithIrregularArrivals() {
    RtpStreamRecvStats steady = new RtpStreamRecvStats(90_000);
    for (int i = 0; i < 50; i++) {
      steady.onPacket(i, i * 3000L, 1000 + i * 33L);
    }
    // 3000 ticks = 33.33 ms while arrivals step 33 ms: a rounding drift of 30 ticks per packet.
    assertThat(steady.jitter()).isLessThanOrEqualTo(30);

    RtpStreamRecvStats jittery = new RtpStreamRecvStats(90_000);
    for (int i = 0; i < 50; i++) {
      jittery.onPacket(i, i * 3000L, 1000 + i * 33L + (i % 2 == 0 ? 0 : 20));
    }
    assertThat(jittery.jitter()).isGreaterThan(1000); // ~20 ms swings = 1800 ticks
  }
}
