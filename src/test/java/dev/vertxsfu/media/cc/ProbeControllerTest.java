package dev.vertxsfu.media.cc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ProbeControllerTest {

  @Test
  void theFirstProbeIsAtThreeTimesTheEstimateCappedByWhatTheSubscriberCouldUse() {
    ProbeController big = new ProbeController();
    assertThat(big.process(300_000, 5_000_000, 0, 0).targetBps()).isEqualTo(900_000);
    ProbeController small = new ProbeController();
    // 700 kbit/s and the 10 % headroom a measurement needs to reach it
    assertThat(small.process(300_000, 700_000, 0, 0).targetBps()).isEqualTo(770_000);
  }

  @Test
  void noProbeWhenTheEstimateCoversWhatTheSubscriberCouldUse() {
    ProbeController controller = new ProbeController();
    assertThat(controller.process(2_000_000, 2_000_000, 0, 0)).isNull();
    assertThat(controller.process(2_000_000, 1_000_000, 1_900_000, 10_000)).isNull();
  }

  @Test
  void aClusterSendsTwentyFourKilobytesAboveTheEstimateToEmptyAShapersBurst() {
    ProbeCluster cluster = new ProbeController().process(1_000_000, 5_000_000, 0, 0);
    assertThat(cluster.targetBps()).isEqualTo(3_000_000);
    // 24,000 bytes above 1 Mbit/s at 3 Mbit/s: 96 ms, 36,000 bytes in all
    assertThat(cluster.bytes()).isEqualTo(36_000);
    assertThat(cluster.packets()).isEqualTo(30);
  }

  @Test
  void aClusterLastsAtMostFifteenHundredMillisecondsAndOnASlowPathAtMostItsQueueShare() {
    // 24,000 bytes 200 kbit/s above the estimate take 960 ms
    ProbeCluster step = started(1_000_000).process(1_000_000, 5_000_000, 1_050_000, 1_000);
    assertThat(step.targetBps()).isEqualTo(1_200_000);
    assertThat(step.bytes()).isEqualTo(144_000);
    // 115 kbit/s above the estimate (all the subscriber could use) would take 1,670 ms: cut to
    // 1,500 ms
    ProbeCluster small = started(600_000).process(600_000, 650_000, 640_000, 1_000);
    assertThat(small.targetBps()).isEqualTo(715_000);
    assertThat(small.bytes()).isEqualTo(715_000 * 1_500 / 8_000);
    // at 50 kbit/s, 350 ms of the estimate (2,187 bytes) above it; at least five packets
    ProbeCluster tiny = new ProbeController().process(50_000, 5_000_000, 0, 0);
    assertThat(tiny.packets()).isEqualTo(5);
    assertThat(tiny.bytes()).isEqualTo(6_000);
  }

  @Test
  void aHeldBackUpgradeIsProbedInStepsOfAtMostTwiceTheEstimate() {
    ProbeController controller = started(400_000);
    ProbeCluster first = controller.process(400_000, 2_000_000, 1_690_000, 1_000);
    assertThat(first.targetBps()).isEqualTo(800_000);
    controller.onProbeResult(first.id(), 800_000, 1_500);
    ProbeCluster second = controller.process(800_000, 2_000_000, 1_690_000, 2_000);
    assertThat(second.targetBps()).isEqualTo(1_600_000);
    controller.onProbeResult(second.id(), 1_500_000, 2_500);
    ProbeCluster third = controller.process(1_500_000, 2_000_000, 1_690_000, 3_000);
    // the last step aims 10 % above the need, so that a result can reach it
    assertThat(third.targetBps()).isEqualTo(1_859_000);
  }

  @Test
  void anUpgradeProbeNeverAimsAboveWhatTheSubscriberCouldUse() {
    ProbeController controller = started(600_000);
    // 1.2 x the estimate would be 720k; the subscriber could use 650k (715k with headroom)
    assertThat(controller.process(600_000, 650_000, 640_000, 1_000).targetBps())
        .isEqualTo(715_000);
    ProbeController small = started(1_000_000);
    // a step just above the estimate is probed at 1.2 x the estimate
    assertThat(small.process(1_000_000, 5_000_000, 1_050_000, 1_000).targetBps())
        .isEqualTo(1_200_000);
  }

  @Test
  void oneClusterAtATimeAndFailuresBackOffDoublingToFourSeconds() {
    ProbeController controller = started(600_000);
    long now = 1_000;
    ProbeCluster first = controller.process(600_000, 2_000_000, 1_690_000, now);
    assertThat(controller.process(600_000, 2_000_000, 1_690_000, now + 10)).isNull();
    assertThat(controller.probing()).isTrue();
    controller.onProbeResult(first.id(), 700_000, now + 200);

    long[] expectedGaps = {2_000, 4_000, 4_000, 4_000};
    long failedAt = now + 200;
    for (long gap : expectedGaps) {
      assertThat(controller.process(600_000, 2_000_000, 1_690_000, failedAt + gap - 1)).isNull();
      ProbeCluster next = controller.process(600_000, 2_000_000, 1_690_000, failedAt + gap);
      assertThat(next).isNotNull();
      failedAt += gap + 100;
      // 650k of a 1.2M probe: below 90 %, a failure
      controller.onProbeResult(next.id(), 650_000, failedAt);
    }
  }

  @Test
  void aClusterWithoutResultTimesOutAsAFailure() {
    ProbeController controller = started(600_000);
    ProbeCluster lost = controller.process(600_000, 2_000_000, 1_690_000, 1_000);
    assertThat(lost).isNotNull();
    // a 1.2 Mbit/s cluster 24,000 bytes above 600 kbit/s lasts 320 ms; a second more for its
    // feedback
    assertThat(controller.process(600_000, 2_000_000, 1_690_000, 2_319)).isNull();
    // at 2,320 the timeout counts a failure: the next may come 2 s later
    assertThat(controller.process(600_000, 2_000_000, 1_690_000, 2_320)).isNull();
    assertThat(controller.process(600_000, 2_000_000, 1_690_000, 4_319)).isNull();
    assertThat(controller.process(600_000, 2_000_000, 1_690_000, 4_320)).isNotNull();
  }

  @Test
  void aResultUnderHalfTheStartEstimateIsInconclusiveNotAFailure() {
    ProbeController controller = started(600_000);
    ProbeCluster probe = controller.process(600_000, 5_000_000, 1_690_000, 1_000);
    // 216k of a 600k start: the receiver's clock, not the path
    assertThat(controller.onProbeResult(probe.id(), 216_000, 1_100)).isFalse();
    assertThat(controller.process(600_000, 5_000_000, 1_690_000,
        1_100 + ProbeController.AFTER_SUCCESS_MS)).isNotNull();
  }

  @Test
  void aSuccessAllowsTheNextStepSoonAndResetsTheBackoff() {
    ProbeController controller = started(600_000);
    ProbeCluster failed = controller.process(600_000, 5_000_000, 1_690_000, 1_000);
    controller.onProbeResult(failed.id(), 600_000, 1_100); // the next in 2 s, then 4 s
    ProbeCluster ok = controller.process(600_000, 5_000_000, 1_690_000, 3_100);
    controller.onProbeResult(ok.id(), 1_700_000, 3_200);
    assertThat(controller.process(1_700_000, 5_000_000, 3_400_000, 3_699)).isNull();
    ProbeCluster next = controller.process(1_700_000, 5_000_000, 3_400_000, 3_700);
    assertThat(next.targetBps()).isEqualTo(3_400_000);
    controller.onProbeResult(next.id(), 1_700_000, 3_800);
    // the failure after a success waits the initial 2 s again
    assertThat(controller.process(1_700_000, 5_000_000, 3_400_000, 5_799)).isNull();
    assertThat(controller.process(1_700_000, 5_000_000, 3_400_000, 5_800)).isNotNull();
  }

  @Test
  void aRecoveryBelowTheFailedLevelDoesNotEndTheBackoff() {
    ProbeController controller = started(600_000);
    ProbeCluster a = controller.process(600_000, 5_000_000, 1_690_000, 1_000);
    controller.onProbeResult(a.id(), 600_000, 1_100); // 900k failed: next at 3,100
    ProbeCluster b = controller.process(600_000, 5_000_000, 1_690_000, 3_100);
    controller.onProbeResult(b.id(), 600_000, 3_200); // failed again: next at 7,200
    controller.onEstimate(600_000, 600_000, 3_300);
    controller.onEstimate(300_000, 300_000, 3_400);
    ProbeCluster recovery = controller.process(300_000, 5_000_000, 590_000, 6_400);
    assertThat(recovery.targetBps()).isEqualTo(600_000);
    controller.onProbeResult(recovery.id(), 600_000, 6_500);

    assertThat(controller.process(600_000, 5_000_000, 1_690_000, 7_199)).isNull();
    assertThat(controller.process(600_000, 5_000_000, 1_690_000, 7_200)).isNotNull();
  }

  @Test
  void afterALargeDropThePeakIsProbedOnceThreeSecondsLaterAtMostTwiceTheEstimate() {
    ProbeController controller = started(2_000_000);
    controller.onEstimate(2_000_000, 2_000_000, 1_000);
    controller.onEstimate(600_000, 600_000, 5_000); // below 66 % of the peak
    assertThat(controller.process(600_000, 3_000_000, 0, 7_999)).isNull();
    ProbeCluster recovery = controller.process(600_000, 3_000_000, 0, 8_000);
    assertThat(recovery.targetBps()).isEqualTo(1_200_000);
    controller.onProbeResult(recovery.id(), 300_000, 8_100);
    assertThat(controller.process(600_000, 3_000_000, 0, 30_000)).isNull();
  }

  @Test
  void aFallFromAnEstimateNothingAcknowledgedOrProvedIsNoDropToRecover() {
    // the start value of 1 Mbit/s over a sender that forwarded 546 kbit/s, then the first
    // overuse: 464 kbit/s is 46 % of the estimate but 85 % of what was acknowledged
    ProbeController untested = new ProbeController();
    untested.onEstimate(1_000_000, 546_000, 1_000);
    untested.onEstimate(464_000, 546_000, 1_500);
    ProbeCluster initial = untested.process(464_000, 600_000, 0, 1_500);
    untested.onProbeResult(initial.id(), 600_000, 1_700);
    untested.onEstimate(600_000, 546_000, 1_700);
    // 3 s after the fall: no probe back to 1 Mbit/s
    assertThat(untested.process(600_000, 2_000_000, 0, 4_500)).isNull();
    assertThat(untested.process(600_000, 2_000_000, 0, 9_000)).isNull();

    // the same fall after a probe proved 1 Mbit/s is one, recovered to what the probe proved
    ProbeController proved = started(500_000);
    ProbeCluster step = proved.process(500_000, 2_000_000, 1_000_000, 1_000);
    proved.onProbeResult(step.id(), 1_000_000, 1_500);
    proved.onEstimate(1_000_000, 546_000, 1_600);
    proved.onEstimate(464_000, 546_000, 2_000);
    assertThat(proved.process(464_000, 2_000_000, 0, 4_999)).isNull();
    assertThat(proved.process(464_000, 2_000_000, 0, 5_000).targetBps()).isEqualTo(928_000);
  }

  @Test
  void whatWasAcknowledgedDuringAClusterAndASecondAfterIsNoLevelToFallFrom() {
    ProbeController controller = new ProbeController();
    ProbeCluster initial = controller.process(1_000_000, 2_000_000, 0, 0);
    // the cluster's head passed a shaper's burst: 1 Mbit/s acknowledged behind 600 kbit/s
    controller.onEstimate(1_000_000, 1_000_000, 200);
    controller.onProbeResult(initial.id(), 566_000, 300); // a failure
    controller.onEstimate(566_000, 1_000_000, 300);
    controller.onEstimate(1_000_000, 900_000, 1_000);
    controller.onEstimate(460_000, 546_000, 1_200);
    // no recovery probe toward 1 Mbit/s once the backoff is over
    assertThat(controller.process(460_000, 2_000_000, 0, 4_300)).isNull();
    // a second after the cluster, what is acknowledged counts again
    controller.onEstimate(546_000, 546_000, 5_000);
    controller.onEstimate(340_000, 400_000, 5_100); // under 66 % of 546k
    assertThat(controller.process(340_000, 2_000_000, 0, 8_100).targetBps()).isEqualTo(546_000);
  }

  @Test
  void aDropNoticedTooLateIsNotProbedAndASmallDecreaseIsNoDrop() {
    ProbeController late = started(2_000_000);
    late.onEstimate(2_000_000, 2_000_000, 1_000);
    late.onEstimate(600_000, 600_000, 5_000);
    assertThat(late.process(600_000, 3_000_000, 0, 15_001)).isNull();

    ProbeController small = started(2_000_000);
    small.onEstimate(2_000_000, 2_000_000, 1_000);
    small.onEstimate(1_400_000, 1_400_000, 5_000); // 70 % of the peak
    assertThat(small.process(1_400_000, 3_000_000, 0, 8_000)).isNull();
  }

  @Test
  void aRevokedRaiseIsAFailureAndNoDropToRecover() {
    ProbeController controller = started(600_000);
    ProbeCluster passed = controller.process(600_000, 2_000_000, 1_690_000, 1_000);
    controller.onProbeResult(passed.id(), 1_200_000, 1_500);
    controller.onEstimate(1_200_000, 1_200_000, 1_500);
    // the media that filled the raise found the path at 600k: back there, and a backoff
    controller.onProbeRevoked(1_200_000, 600_000, 2_000);
    controller.onEstimate(600_000, 600_000, 2_000);
    assertThat(controller.process(600_000, 2_000_000, 1_690_000, 3_999)).isNull();
    assertThat(controller.process(600_000, 2_000_000, 1_690_000, 4_000)).isNotNull();
    controller.onProbeRevoked(1_200_000, 600_000, 4_500);
    assertThat(controller.process(600_000, 2_000_000, 1_690_000, 8_499)).isNull();
    // no recovery probe at the 1.2M the revoked raise had reached, 3 s after the fall
    assertThat(controller.process(600_000, 0, 0, 5_100)).isNull();
  }

  /** A controller whose initial probe at {@code estimate} is done and succeeded. */
  @Test
  void aResultShortOfItsAimButWellAboveTheEstimateIsProgressNotAFailure() {
    ProbeController controller = started(300_000);
    ProbeCluster step = controller.process(300_000, 3_000_000, 2_500_000, 1_000);
    assertThat(step.targetBps()).isEqualTo(600_000);
    // 525k of 600k: short of 90 %, but 1.75 x the estimate it started from: proved
    assertThat(controller.onProbeResult(step.id(), 525_000, 1_500)).isTrue();
    ProbeCluster next = controller.process(525_000, 3_000_000, 2_500_000,
        1_500 + ProbeController.AFTER_SUCCESS_MS);
    assertThat(next).isNotNull();
    assertThat(next.targetBps()).isEqualTo(1_050_000);
    // a result near the estimate is a failure, and backs off
    assertThat(controller.onProbeResult(next.id(), 560_000, 2_500)).isFalse();
    assertThat(controller.process(560_000, 3_000_000, 2_500_000, 2_500 + 1_999)).isNull();
    assertThat(controller.process(560_000, 3_000_000, 2_500_000, 2_500 + 2_000)).isNotNull();
  }

  private static ProbeController started(long estimate) {
    ProbeController controller = new ProbeController();
    ProbeCluster initial = controller.process(estimate, Long.MAX_VALUE / 4, 0, 0);
    controller.onProbeResult(initial.id(), initial.targetBps(), 100);
    return controller;
  }

  @Test
  void aFallInSeveralStepsIsRecoveredTowardTheLevelBeforeItsFirstStep() {
    ProbeController controller = new ProbeController();
    controller.onEstimate(1_200_000, 1_200_000, 0);
    controller.process(1_200_000, 2_000_000, 0, 0); // the initial probe, done
    controller.onProbeResult(0, 2_000_000, 50);
    controller.onEstimate(1_200_000, 1_200_000, 100);
    controller.onEstimate(700_000, 700_000, 1_000); // below 0.66 of 1.2 Mbit/s
    controller.onEstimate(420_000, 420_000, 1_600); // below 0.66 of 700 kbit/s: the same fall
    controller.onEstimate(260_000, 260_000, 2_200);

    assertThat(controller.process(260_000, 2_000_000, 0, 5_199)).isNull();
    ProbeCluster recovery = controller.process(600_000, 2_000_000, 0, 5_200);
    assertThat(recovery).isNotNull();
    assertThat(recovery.targetBps()).isEqualTo(1_200_000);

    // from where the fall ended, one step: twice the estimate
    ProbeController deep = new ProbeController();
    deep.onEstimate(1_200_000, 1_200_000, 0);
    deep.process(1_200_000, 2_000_000, 0, 0);
    deep.onProbeResult(0, 2_000_000, 50);
    deep.onEstimate(1_200_000, 1_200_000, 100);
    deep.onEstimate(700_000, 700_000, 1_000);
    deep.onEstimate(260_000, 260_000, 2_200);
    assertThat(deep.process(260_000, 2_000_000, 0, 5_200).targetBps()).isEqualTo(520_000);
  }
}
