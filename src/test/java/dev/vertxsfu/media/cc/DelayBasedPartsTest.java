package dev.vertxsfu.media.cc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The pieces of the delay-based part, each alone, on hand-made timings. */
@Tag("fast")
class DelayBasedPartsTest {

  @Test
  void packetsSentWithinFiveMillisecondsFormOneGroup() {
    List<double[]> deltas = new ArrayList<>();
    InterArrival groups = new InterArrival((send, arrival, at, now) ->
        deltas.add(new double[] {send, arrival}));
    // three groups 20 ms apart, three packets each 2 ms apart; arrivals 30 ms later, spread 3 ms
    for (int g = 0; g < 3; g++) {
      for (int p = 0; p < 3; p++) {
        long send = g * 20_000L + p * 2_000L;
        groups.onPacket(send, send + 30_000 + p * 1_000L, 0);
      }
    }
    groups.onPacket(60_000, 90_000, 0);

    // a delta is reported when the group after the pair starts: groups 1-0 and 2-1
    assertThat(deltas).hasSize(2);
    assertThat(deltas.get(0)).containsExactly(20.0, 20.0);
    assertThat(deltas.get(1)).containsExactly(20.0, 20.0);
  }

  @Test
  void aBurstDeliveredTogetherJoinsTheGroupAndAReorderedPacketIsSkipped() {
    List<double[]> deltas = new ArrayList<>();
    InterArrival groups = new InterArrival((send, arrival, at, now) ->
        deltas.add(new double[] {send, arrival}));
    groups.onPacket(0, 50_000, 0);
    // sent 8 ms later but arrived 1 ms later: the network held it with the first, same group
    groups.onPacket(8_000, 51_000, 0);
    groups.onPacket(30_000, 80_000, 0);
    groups.onPacket(29_000, 79_500, 0); // sent before its group started: skipped
    groups.onPacket(60_000, 110_000, 0);

    assertThat(deltas).hasSize(1);
    assertThat(deltas.get(0)).containsExactly(22.0, 29.0);
  }

  @Test
  void steadyDelayIsNormalGrowingDelayOverusingShrinkingUnderusing() {
    assertThat(feed(0.0)).isEqualTo(BandwidthUsage.NORMAL);
    assertThat(feed(1.0)).isEqualTo(BandwidthUsage.OVERUSING);
    assertThat(feed(-1.0)).isEqualTo(BandwidthUsage.UNDERUSING);
  }

  /** 60 groups 20 ms apart whose arrival spacing differs from the send spacing by {@code d}. */
  private static BandwidthUsage feed(double d) {
    TrendlineOveruseDetector detector = new TrendlineOveruseDetector();
    double arrival = 0;
    for (int i = 0; i < 60; i++) {
      arrival += 20 + d;
      detector.onGroupDelta(20, 20 + d, arrival, i * 20L);
    }
    return detector.state();
  }

  @Test
  void jitterWithoutTrendPullsTheThresholdDownToItsFloor() {
    TrendlineOveruseDetector detector = new TrendlineOveruseDetector();
    double arrival = 0;
    double before = detector.threshold();
    for (int i = 0; i < 200; i++) {
      double d = i % 2 == 0 ? 0.4 : -0.4;
      arrival += 20 + d;
      detector.onGroupDelta(20, 20 + d, arrival, i * 20L);
    }
    assertThat(detector.threshold()).isLessThan(before);
    assertThat(detector.threshold()).isGreaterThanOrEqualTo(TrendlineOveruseDetector
        .MIN_THRESHOLD);
  }

  @Test
  void overuseDecreasesToEightyFivePercentOfTheAcknowledgedRateOncePerRoundTrip() {
    AimdRateControl aimd = new AimdRateControl(1_000_000, 30_000, 10_000_000);
    assertThat(aimd.update(BandwidthUsage.OVERUSING, 800_000, 1_000)).isEqualTo(680_000);
    assertThat(aimd.update(BandwidthUsage.OVERUSING, 600_000, 1_100)).isEqualTo(680_000);
    assertThat(aimd.update(BandwidthUsage.OVERUSING, 600_000, 1_200)).isEqualTo(510_000);
  }

  @Test
  void farFromCapacityTheIncreaseIsEightPercentPerSecondCappedByWhatWasAcknowledged() {
    AimdRateControl aimd = new AimdRateControl(1_000_000, 30_000, 10_000_000);
    aimd.update(BandwidthUsage.NORMAL, 0, 0);
    long afterOneSecond = aimd.update(BandwidthUsage.NORMAL, 0, 1_000);
    assertThat(afterOneSecond).isBetween(1_079_000L, 1_081_000L);

    // an application-limited sender: 1.5 x 100 kbit/s + 10 kbit/s is far below; no increase
    long capped = aimd.update(BandwidthUsage.NORMAL, 100_000, 2_000);
    assertThat(capped).isEqualTo(afterOneSecond);
  }

  @Test
  void nearTheCapacitySeenAtOveruseTheIncreaseIsAdditive() {
    AimdRateControl aimd = new AimdRateControl(1_000_000, 30_000, 10_000_000);
    aimd.update(BandwidthUsage.OVERUSING, 1_000_000, 0); // capacity ~1 Mbit/s, estimate 850k
    aimd.update(BandwidthUsage.NORMAL, 900_000, 1_000); // hold -> increase
    long start = aimd.estimateBps();
    long after = aimd.update(BandwidthUsage.NORMAL, 900_000, 2_000);
    // about one packet (850k / 30 fps = 28 kbit per frame, in 3 packets) per 300 ms response
    assertThat(after - start).isBetween(4_000L, 40_000L);
  }

  @Test
  void underuseHolds() {
    AimdRateControl aimd = new AimdRateControl(1_000_000, 30_000, 10_000_000);
    aimd.update(BandwidthUsage.UNDERUSING, 900_000, 0);
    assertThat(aimd.update(BandwidthUsage.UNDERUSING, 900_000, 5_000)).isEqualTo(1_000_000);
  }
}
