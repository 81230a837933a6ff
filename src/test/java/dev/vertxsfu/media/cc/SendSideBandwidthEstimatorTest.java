package dev.vertxsfu.media.cc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The estimator on a {@link SimulatedPath}: synthetic transport-wide feedback in real bytes,
 * from a fake clock. Each test prints the figures it asserts on.
 */
@Tag("fast")
class SendSideBandwidthEstimatorTest {

  @Test
  void onASteadyLinkTheEstimateConvergesNearTheLinkRate() {
    SimulatedPath path = new SimulatedPath(new SendSideBandwidthEstimator(300_000), 1_000_000);
    path.run(30_000);

    long reached = path.firstTime(0, t -> t >= 800_000);
    double mean = path.meanTarget(10_000, 30_000);
    double loss = (double) path.droppedPackets / path.sentPackets;
    System.out.printf("steady 1 Mbit/s: 80%% reached at %d ms, mean 10-30 s %.0f bit/s (%.2f of"
        + " link), min %d, loss %.4f%n", reached, mean, mean / 1_000_000,
        path.minTarget(10_000, 30_000), loss);
    // without probing the climb is GCC's multiplicative 8 %/s: ln(0.8 / 0.3) / ln(1.08) = 12.7 s
    assertThat(reached).isBetween(0L, 15_000L);
    assertThat(mean).isBetween(800_000.0, 1_100_000.0);
    assertThat(path.minTarget(10_000, 30_000)).isGreaterThan(600_000);
  }

  @Test
  void aQueueBuildingUpDecreasesTheEstimateWithinASecond() {
    SimulatedPath path = new SimulatedPath(new SendSideBandwidthEstimator(1_000_000), 2_000_000);
    path.run(20_000);
    long before = path.estimator.targetBps();
    path.capacityBps = 500_000;
    path.run(10_000);

    long decreased = path.firstTime(20_000, t -> t <= before * 0.85) - 20_000;
    long fitting = path.firstTime(20_000, t -> t <= 500_000) - 20_000;
    double after = path.meanTarget(25_000, 30_000);
    System.out.printf("2 -> 0.5 Mbit/s: before %d, first decrease after %d ms, below 500k after"
        + " %d ms, mean 25-30 s %.0f (%.2f of link)%n", before, decreased, fitting, after,
        after / 500_000);
    assertThat(before).isGreaterThan(1_600_000);
    assertThat(decreased).isBetween(0L, 1_000L);
    assertThat(fitting).isBetween(0L, 2_000L);
    assertThat(after).isBetween(350_000.0, 575_000.0);
  }

  @Test
  void tenPercentLossDecreasesTheEstimate() {
    SimulatedPath path = new SimulatedPath(new SendSideBandwidthEstimator(1_000_000), 50_000_000);
    path.loss = 0.10;
    path.run(5_000);

    long after = path.estimator.targetBps();
    System.out.printf("10%% loss, 50 Mbit/s link, start 1 Mbit/s: %d after 5 s, loss seen %.3f%n",
        after, path.estimator.lossFraction());
    assertThat(path.estimator.lossFraction()).isBetween(0.09, 0.11);
    assertThat(after).isLessThan(800_000);
  }

  @Test
  void twoPercentLossHoldsTheEstimate() {
    SimulatedPath path = new SimulatedPath(new SendSideBandwidthEstimator(1_000_000), 2_000_000);
    path.loss = 0.02;
    path.run(30_000);

    double mean = path.meanTarget(10_000, 30_000);
    System.out.printf("2%% loss, 2 Mbit/s link: min %d, mean 10-30 s %.0f (%.2f of link)%n",
        path.minTarget(0, 30_000), mean, mean / 2_000_000);
    assertThat(path.minTarget(0, 30_000)).isGreaterThanOrEqualTo(1_000_000);
    assertThat(mean).isGreaterThan(1_600_000);
  }

  @Test
  void fivePercentLossNeitherCollapsesNorClimbs() {
    SimulatedPath path = new SimulatedPath(new SendSideBandwidthEstimator(1_500_000), 10_000_000);
    path.loss = 0.05;
    path.run(20_000);

    System.out.printf("5%% loss, 10 Mbit/s link, start 1.5 Mbit/s: min %d, end %d%n",
        path.minTarget(0, 20_000), path.estimator.targetBps());
    assertThat(path.minTarget(0, 20_000)).isGreaterThanOrEqualTo(1_500_000);
    assertThat(path.estimator.targetBps()).isEqualTo(1_500_000);
  }

  @Test
  void sendingOnAboveAShrunkenLinkCutsTheEstimateNoFurtherThanWhatTheLinkDelivers() {
    SimulatedPath path = new SimulatedPath(new SendSideBandwidthEstimator(1_200_000), 1_500_000);
    path.maxQueueMs = 100;
    path.run(5_000);
    long before = path.estimator.targetBps();
    // the link shrinks to 300 kbit/s while the forwarder keeps sending the old layer for 1.5 s
    // (until the lower layer's key frame), then follows the estimate
    path.capacityBps = 300_000;
    path.fixedSendBps = before;
    path.run(1_500);
    path.fixedSendBps = 0;
    path.run(8_500);

    long min = path.minTarget(5_000, 15_000);
    double mean = path.meanTarget(10_000, 15_000);
    System.out.printf("%d bit/s sent on into 300 kbit/s for 1.5 s: min %d, mean 10-15 s %.0f,"
        + " loss seen at the end %.3f%n", before, min, mean, path.estimator.lossFraction());
    assertThat(before).isGreaterThan(1_000_000);
    // 0.85 of the 300 kbit/s that kept arriving, less the acknowledged bitrate's wobble
    assertThat(min).isGreaterThanOrEqualTo(220_000);
    assertThat(mean).isBetween(220_000.0, 330_000.0);
  }

  @Test
  void aProbeThatGetsThroughLiftsTheEstimate() {
    SimulatedPath path = new SimulatedPath(new SendSideBandwidthEstimator(300_000), 5_000_000);
    path.fixedSendBps = 300_000;
    path.run(3_000);
    long before = path.estimator.targetBps();
    // a cluster at ~2.4 Mbit/s: one 1,200-byte packet every 4 ms
    for (int i = 0; i < 10; i++) {
      path.sendProbePacket(7);
      path.run(4);
    }
    path.run(200);

    long after = path.estimator.targetBps();
    System.out.printf("probe at 2.4 Mbit/s on a 5 Mbit/s link: %d -> %d, probe result %d%n",
        before, after, path.estimator.lastProbeResultBps());
    assertThat(before).isLessThan(500_000);
    assertThat(path.estimator.lastProbeResultCluster()).isEqualTo(7);
    assertThat(path.estimator.lastProbeResultBps()).isBetween(2_000_000L, 2_700_000L);
    assertThat(after).isGreaterThan(2_000_000);
  }

  @Test
  void afterLossesCutTheEstimateAProbeThatGetsThroughRaisesItBack() {
    SimulatedPath path = new SimulatedPath(new SendSideBandwidthEstimator(1_500_000), 10_000_000);
    path.loss = 0.40;
    path.run(3_000);
    path.loss = 0;
    path.fixedSendBps = 300_000;
    path.run(500);
    long before = path.estimator.targetBps();
    // a cluster at ~1 Mbit/s, below the delay-based part (which losses do not cut) and above
    // the loss-based one: one 1,200-byte packet every 10 ms
    for (int i = 0; i < 10; i++) {
      path.sendProbePacket(3);
      path.run(10);
    }
    path.run(200);

    long after = path.estimator.targetBps();
    System.out.printf("probe after 40%% loss: %d -> %d, probe result %d, delay-based %d%n", before,
        after, path.estimator.lastProbeResultBps(), path.estimator.delayBasedBps());
    assertThat(before).as("the losses cut the loss-based part").isLessThan(600_000);
    assertThat(path.estimator.lastProbeResultBps()).isBetween(800_000L, 1_200_000L)
        .isLessThan(path.estimator.delayBasedBps());
    assertThat(path.estimator.lastProbeResultCluster()).isEqualTo(3);
    assertThat(after).as("the probe raised the loss-based part as well")
        .isGreaterThan(path.estimator.lastProbeResultBps() * 9 / 10);
  }

  @Test
  void aProbeAboveTheLinkMeasuresTheLink() {
    SimulatedPath path = new SimulatedPath(new SendSideBandwidthEstimator(300_000), 1_000_000);
    path.fixedSendBps = 300_000;
    path.run(3_000);
    for (int i = 0; i < 10; i++) {
      path.sendProbePacket(3);
      path.run(4);
    }
    path.run(300);

    System.out.printf("probe at 2.4 Mbit/s on a 1 Mbit/s link: result %d, target %d%n",
        path.estimator.lastProbeResultBps(), path.estimator.targetBps());
    assertThat(path.estimator.lastProbeResultBps()).isBetween(800_000L, 1_200_000L);
    assertThat(path.estimator.targetBps()).isLessThan(1_300_000);
  }

  /** Media at 500 kbit/s through tbf 600 kbit/s burst 16 KB, long enough to fill the bucket. */
  private static SimulatedPath tokenBucket() {
    SimulatedPath path = new SimulatedPath(new SendSideBandwidthEstimator(500_000), 600_000);
    path.burstBytes = 16 * 1024;
    path.maxQueueMs = 100;
    path.fixedSendBps = 500_000;
    path.run(3_000);
    return path;
  }

  @Test
  void aShortClusterFitsInATokenBucketsBurstButALongOneMeasuresItsRate() {
    // 1.2 Mbit/s, one 1,200-byte packet every 8 ms: five packets (50 ms) fit in the burst, and
    // all come back at 1.2 Mbit/s
    SimulatedPath shortPath = tokenBucket();
    for (int i = 0; i < 5; i++) {
      shortPath.sendProbePacket(1);
      shortPath.run(8);
    }
    shortPath.run(300);
    // sixty (480 ms, 36 KB above the link) empty the bucket; the last third comes at its rate
    SimulatedPath longPath = tokenBucket();
    for (int i = 0; i < 60; i++) {
      longPath.sendProbePacket(1);
      longPath.run(8);
    }
    longPath.run(300);

    System.out.printf("tbf 600 kbit/s burst 16 KB, probes at 1.2 Mbit/s: 50 ms cluster %d,"
        + " 480 ms cluster %d%n", shortPath.estimator.lastProbeResultBps(),
        longPath.estimator.lastProbeResultBps());
    assertThat(shortPath.estimator.lastProbeResultBps()).isGreaterThan(1_000_000);
    assertThat(longPath.estimator.lastProbeResultBps()).isBetween(500_000L, 700_000L);
    assertThat(longPath.estimator.targetBps()).isLessThan(700_000);
  }

  @Test
  void aRaiseThePathDoesNotSustainIsTakenBack() {
    SimulatedPath path = tokenBucket();
    long before = path.estimator.targetBps();
    // the short cluster's burst result raises the estimate...
    for (int i = 0; i < 5; i++) {
      path.sendProbePacket(1);
      path.run(8);
    }
    path.run(600);
    long raised = path.estimator.targetBps();
    // ... and media at the raised rate finds the link: overuse within the trial takes it back
    path.fixedSendBps = raised;
    path.run(3_000);

    System.out.printf("tbf 600 kbit/s: %d, raised by a burst probe to %d, then %d, revocations"
        + " %d, loss %.3f, usage %s%n", before, raised, path.estimator.targetBps(), path.estimator.revocations(), path.estimator.lossFraction(), path.estimator.usage());
    assertThat(raised).isGreaterThan(1_000_000);
    assertThat(path.estimator.revocations()).isEqualTo(1);
    assertThat(path.estimator.targetBps()).isLessThanOrEqualTo(before);
  }

  @Test
  void withoutTransportWideFeedbackRembAndReceiverReportLossDrive() {
    SendSideBandwidthEstimator estimator = new SendSideBandwidthEstimator(1_000_000);
    estimator.onRemb(800_000, 0);
    assertThat(estimator.targetBps()).isEqualTo(800_000);
    estimator.onFractionLost(64, 1_000_000); // 25 % lost
    assertThat(estimator.targetBps()).isEqualTo(700_000);
    estimator.onRemb(2_000_000, 2_000_000);
    estimator.onFractionLost(0, 3_000_000);
    // no loss: the loss-based rate climbs 8 %/s under the new REMB
    assertThat(estimator.targetBps()).isBetween(750_000L, 770_000L);
    assertThat(estimator.hasTransportWideFeedback()).isFalse();
  }

  @Test
  void rembCapsTheTransportWideEstimate() {
    SimulatedPath path = new SimulatedPath(new SendSideBandwidthEstimator(1_000_000), 5_000_000);
    path.run(2_000);
    path.estimator.onRemb(400_000, 2_000_000);
    path.run(1_000);
    assertThat(path.estimator.targetBps()).isEqualTo(400_000);
  }

  @Test
  void malformedFeedbackIsATypedErrorAndChangesNothing() {
    SendSideBandwidthEstimator estimator = new SendSideBandwidthEstimator(1_000_000);
    byte[] bytes = dev.vertxsfu.wire.WireFuzz.hex("8f cd 00 04 00 00 00 01 00 00 12 34"
        + "00 00 00 05 00 00 01 00"); // five statuses announced, no chunk
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> estimator.onTransportFeedback(bytes, 0, bytes.length, 0))
        .isInstanceOf(dev.vertxsfu.wire.rtcp.RtcpFormatException.class);
    assertThat(estimator.targetBps()).isEqualTo(1_000_000);
    assertThat(estimator.hasTransportWideFeedback()).isFalse();
  }
}
