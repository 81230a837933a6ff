package dev.vertxsfu.media.cc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The pacing of one probe cluster, on a fake clock in µs. */
@Tag("fast")
class ProbePacerTest {
  /** 1.2 Mbit/s for 7,500 bytes: 50 ms. */
  private static final ProbeCluster CLUSTER = new ProbeCluster(7, 1_200_000, 7_500, 5);

  @Test
  void theFirstPaddingPacketIsDueAtOnceAndTheRestAtTheTargetRate() {
    ProbePacer pacer = new ProbePacer();
    pacer.start(CLUSTER, 1_000_000);

    assertThat(pacer.cluster()).isEqualTo(7);
    assertThat(pacer.paddingDue(1_000_000)).isEqualTo(ProbePacer.PADDING_PACKET_BYTES);
    pacer.onSent(255);
    assertThat(pacer.paddingDue(1_000_000)).isZero();
    // 5 ms at 1.2 Mbit/s is 750 bytes, plus one packet of slack, less the 255 sent
    assertThat(pacer.paddingDue(1_005_000)).isEqualTo(750);
  }

  @Test
  void mediaSentDuringTheClusterCountsTowardIt() {
    ProbePacer pacer = new ProbePacer();
    pacer.start(CLUSTER, 0);
    pacer.onSent(1_000);

    assertThat(pacer.paddingDue(5_000)).isEqualTo(750 + 255 - 1_000);
  }

  @Test
  void neverMoreThanTheClusterEvenWhenTheTimerIsLate() {
    ProbePacer pacer = new ProbePacer();
    pacer.start(CLUSTER, 0);

    int due = pacer.paddingDue(120_000); // a timer 120 ms late, within the deadline
    assertThat(due).isEqualTo(7_500);
    int sent = 0;
    while (pacer.paddingDue(120_000) > 0) {
      pacer.onSent(255);
      sent += 255;
    }
    assertThat(sent).isLessThan(7_500 + 255);
    assertThat(pacer.active()).isFalse();
  }

  @Test
  void theClusterEndsWhenItsBytesAndPacketsAreOut() {
    ProbePacer pacer = new ProbePacer();
    pacer.start(new ProbeCluster(1, 1_200_000, 1_000, 5), 0);
    pacer.onSent(1_000);

    assertThat(pacer.active()).as("bytes out, packets not").isTrue();
    assertThat(pacer.paddingDue(0)).isEqualTo(ProbePacer.PADDING_PACKET_BYTES);
    for (int i = 0; i < 4; i++) {
      pacer.onSent(100);
    }
    assertThat(pacer.active()).isFalse();
    assertThat(pacer.cluster()).isEqualTo(SendHistory.NO_PROBE);
    assertThat(pacer.paddingDue(1_000)).isZero();
  }

  @Test
  void aClusterThatCannotBeSentEndsThreeDurationsAfterItsStart() {
    ProbePacer pacer = new ProbePacer();
    pacer.start(CLUSTER, 0);

    assertThat(pacer.expired(150_000)).isFalse();
    assertThat(pacer.expired(150_001)).isTrue();
    assertThat(pacer.paddingDue(150_001)).isZero();
  }

  @Test
  void probesComeFromTheClientOnlyWhileNoneIsBeingSentAndNotWhenTurnedOff() {
    TransportCongestionControlClient client = new TransportCongestionControlClient("s", 300_000);
    client.allocate(java.util.List.of(new TrackDemand("cam", TrackKind.CAMERA, 640 * 480,
        new long[] {150_000, 500_000, 1_500_000}, 2)), 0);

    ProbeCluster first = client.probe(0);
    assertThat(first).isNotNull();
    assertThat(first.targetBps()).isEqualTo(900_000); // 3x the start, below what it could use
    assertThat(client.pacing()).isTrue();
    assertThat(client.probeCluster()).isEqualTo(first.id());
    assertThat(client.paddingDue(1_000)).isPositive();
    client.onPacketSent(1_000, 1_000);
    assertThat(client.paddingDue(1_000)).as("the media packet counted toward the cluster")
        .isZero();
    assertThat(client.probe(2_000)).as("one cluster at a time").isNull();

    TransportCongestionControlClient off = new TransportCongestionControlClient("s", 300_000);
    off.probing(false);
    off.allocate(java.util.List.of(new TrackDemand("cam", TrackKind.CAMERA, 640 * 480,
        new long[] {150_000, 500_000, 1_500_000}, 2)), 0);
    assertThat(off.probe(0)).isNull();
    assertThat(off.pacing()).isFalse();
  }
}
