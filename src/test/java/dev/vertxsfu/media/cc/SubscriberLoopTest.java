package dev.vertxsfu.media.cc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.media.cc.TrackAllocation.State;
import dev.vertxsfu.media.cc.TrackAllocation.Transition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The estimator, the allocator and the probe controller closed in one loop over a
 * {@link SimulatedPath}, as a subscriber's transport will run them: the sender forwards exactly
 * what the allocation chose (application-limited, as an SFU is), probes when the controller
 * says, and re-allocates after every feedback. The shaped-link scenarios, on a fake
 * clock: a publisher with layers of 150 kbit/s, 500 kbit/s and 1.5 Mbit/s plus 40 kbit/s audio.
 */
@Tag("fast")
class SubscriberLoopTest {
  private static final long[] CAMERA = {150_000, 500_000, 1_500_000};
  private static final List<TrackDemand> TRACKS = List.of(TrackDemand.audio("mic", 40_000),
      new TrackDemand("cam", TrackKind.CAMERA, 1280 * 720, CAMERA, 2));

  /** One subscriber's congestion control and its record over time. */
  private static final class Loop {
    final SimulatedPath path;
    final TransportCongestionControlClient client;
    StreamAllocation allocation;
    final List<long[]> layers = new ArrayList<>(); // time, layer, estimate, capacity
    final List<String> events = new ArrayList<>();
    final List<long[]> plot = new ArrayList<>(); // time, link, estimate, allocated
    private final List<Long> probeSendTimes = new ArrayList<>();
    private int probeId;
    long probes;
    /** Clusters the client stopped before all their packets were out, and the packets not sent. */
    long stoppedProbes;
    long unsentProbePackets;

    private final List<TrackDemand> tracks;

    Loop(long startBps, long capacityBps) {
      this(startBps, capacityBps, TRACKS);
    }

    Loop(long startBps, long capacityBps, List<TrackDemand> tracks) {
      this.tracks = tracks;
      client = new TransportCongestionControlClient("sub", startBps);
      path = new SimulatedPath(client, capacityBps);
      allocate();
      path.onStep = this::step;
      path.onFeedback = this::onFeedback;
    }

    private void allocate() {
      long now = path.nowMs();
      allocation = client.allocate(tracks, now);
      TrackAllocation cam = allocation.track("cam");
      if (cam.transition() != Transition.NONE) {
        events.add(now + " " + cam.transition());
      }
      path.fixedSendBps = probeSendTimes.isEmpty() ? Math.max(1, allocation.allocatedBps()) : 1;
    }

    private void onFeedback() {
      long now = path.nowMs();
      allocate();
      ProbeCluster cluster = client.probe(now * 1000);
      if (cluster != null) {
        probes++;
        probeId = cluster.id();
        // the whole rate during the cluster is the probe: media goes out as its packets
        long spacingUs = SimulatedPath.PACKET_BYTES * 8L * 1_000_000 / cluster.targetBps();
        for (int i = 0; i < cluster.packets(); i++) {
          probeSendTimes.add(now * 1000 + i * spacingUs);
        }
        path.fixedSendBps = 1;
      }
    }

    private void step() {
      long nowUs = path.nowMs() * 1000;
      if (!probeSendTimes.isEmpty() && !client.pacing()) {
        // the client stopped the cluster (its queue built up): the rest is not sent
        stoppedProbes++;
        unsentProbePackets += probeSendTimes.size();
        probeSendTimes.clear();
        path.fixedSendBps = Math.max(1, allocation.allocatedBps());
      }
      while (!probeSendTimes.isEmpty() && probeSendTimes.get(0) <= nowUs) {
        probeSendTimes.remove(0);
        path.sendProbePacket(probeId);
        if (probeSendTimes.isEmpty()) {
          path.fixedSendBps = Math.max(1, allocation.allocatedBps());
        }
      }
      if (path.nowMs() % 100 == 0) {
        layers.add(new long[] {path.nowMs(), allocation.track("cam").layer(),
            path.client.estimator().targetBps(), path.capacityBps});
        plot.add(new long[] {path.nowMs(), path.capacityBps, path.client.targetBps(),
            allocation.allocatedBps()});
      }
    }

    /** The first time at or after {@code fromMs} from which the layer stays {@code layer}. */
    long settledOn(int layer, long fromMs) {
      long since = -1;
      for (long[] point : layers) {
        if (point[0] < fromMs) {
          continue;
        }
        if (point[1] == layer) {
          since = since < 0 ? point[0] : since;
        } else {
          since = -1;
        }
      }
      return since;
    }

    long layerChanges(long fromMs, long toMs) {
      long changes = 0;
      long last = Long.MIN_VALUE;
      for (long[] point : layers) {
        if (point[0] >= fromMs && point[0] < toMs) {
          changes += last != Long.MIN_VALUE && point[1] != last ? 1 : 0;
          last = point[1];
        }
      }
      return changes;
    }

    double loss() {
      return (double) path.droppedPackets / path.sentPackets;
    }
  }

  /**
   * The middle layer and audio (540 kbit/s) would fill 90 % of the link: with the allocator's
   * 1.25 upgrade margin it is not taken (on the shaped link it flapped, each key frame of it an
   * overuse), and the subscriber settles on the lowest layer at once.
   */
  @Test
  void behindSixHundredKilobitsTheSubscriberSettlesOnTheLowestLayerWithinFiveSeconds() {
    Loop loop = new Loop(300_000, 600_000);
    loop.path.run(30_000);

    long settled = loop.settledOn(0, 0);
    TracePlot.write("shaped-600k", "link 600 kbit/s; layers 0.15 / 0.5 / 1.5 Mbit/s + 40 kbit/s"
        + " audio", loop.plot);
    System.out.printf("600 kbit/s: settled on layer 0 at %d ms, layer changes after settling %d,"
        + " estimate mean 10-30 s %.0f, loss %.4f, probes %d%n", settled,
        loop.layerChanges(settled, 30_000), loop.path.meanTarget(10_000, 30_000), loop.loss(),
        loop.probes);
    assertThat(settled).isBetween(0L, 5_000L);
    assertThat(loop.layerChanges(settled, 30_000)).isZero();
    assertThat(loop.loss()).isLessThan(0.02);
    assertThat(loop.events).isEmpty();
  }

  /**
   * A token bucket as {@code tc ... tbf rate 600kbit burst 16kb latency 100ms}: a cluster that
   * fits in the bucket's burst comes back at line rate, so a short probe says the path carries
   * far more than it does; the estimate must still stay near the link, and the layer settle.
   */
  @Test
  void behindASixHundredKilobitTokenBucketProbesDoNotLiftTheEstimateAboveTheLink() {
    Loop loop = new Loop(300_000, 600_000);
    loop.path.burstBytes = 16 * 1024;
    loop.path.maxQueueMs = 100;
    loop.path.run(30_000);

    long settled = loop.settledOn(1, 0);
    TracePlot.write("token-bucket-600k", "tbf 600 kbit/s burst 16 KB; layers 0.15 / 0.5 / 1.5"
        + " Mbit/s + 40 kbit/s audio", loop.plot);
    long maxAfter = loop.layers.stream().filter(p -> p[0] >= 5_000).mapToLong(p -> p[2]).max()
        .orElseThrow();
    System.out.printf("tbf 600 kbit/s burst 16 KB: settled on layer 1 at %d ms, layer changes"
        + " after settling %d, estimate mean 10-30 s %.0f, max from 5 s %d, loss %.4f,"
        + " media loss %.4f, probes %d (%d stopped once queued, %d packets not sent)%n",
        settled, loop.layerChanges(settled, 30_000), loop.path.meanTarget(10_000, 30_000),
        maxAfter, loop.loss(), loop.path.mediaLoss(), loop.probes, loop.stoppedProbes,
        loop.unsentProbePackets);
    assertThat(settled).isBetween(0L, 5_000L);
    assertThat(loop.layerChanges(settled, 30_000)).isZero();
    assertThat(maxAfter).as("the highest estimate after 5 s").isLessThan(900_000);
    assertThat(loop.path.meanTarget(10_000, 30_000)).isBetween(400_000.0, 700_000.0);
    // the probes' own packets, lost when a cluster above the link overflows the bucket's queue,
    // are padding in the SFU, not media
    assertThat(loop.path.mediaLoss()).isLessThan(0.02);
  }

  @Test
  void behindATokenBucketAProbeThatQueuesIsStoppedBeforeAllItsPacketsAreOut() {
    Loop loop = new Loop(300_000, 600_000);
    loop.path.burstBytes = 16 * 1024;
    loop.path.maxQueueMs = 100;
    loop.path.run(30_000);

    System.out.printf("tbf 600 kbit/s: %d probes, %d stopped once queued %d ms, %d packets not"
        + " sent%n", loop.probes, loop.stoppedProbes,
        TransportCongestionControlClient.PROBE_QUEUE_STOP_MS, loop.unsentProbePackets);
    assertThat(loop.stoppedProbes).isPositive();
    assertThat(loop.unsentProbePackets).isPositive();
  }

  @Test
  void anUnshapedSubscriberReachesTheTopLayerAndKeepsIt() {
    Loop loop = new Loop(300_000, 50_000_000);
    loop.path.run(30_000);

    long settled = loop.settledOn(2, 0);
    System.out.printf("unshaped: on the top layer from %d ms, loss %.4f, probes %d%n", settled,
        loop.loss(), loop.probes);
    // from a 300 kbit/s start estimate: probes at 0.9, 1.35 and 1.8 Mbit/s, then the 2 s hold
    assertThat(settled).isBetween(0L, 6_000L);
    assertThat(loop.loss()).isZero();
  }

  /**
   * A top layer the link never carries (2.4 Mbit/s on 2 Mbit/s, as the shaped-link test's real
   * publisher sends it): the controller keeps probing for the upgrade, and the drop to 300 kbit/s
   * comes at every phase of that probing, 250 ms apart. A cluster out when the path falls must not
   * keep the estimate up: each time the subscriber is on the lowest layer within 2 s.
   */
  @Test
  void aDropWhileAnUpgradeProbeIsOutStillStepsDownWithinTwoSeconds() {
    List<TrackDemand> heavyTop = List.of(TrackDemand.audio("mic", 40_000),
        new TrackDemand("cam", TrackKind.CAMERA, 1280 * 720,
            new long[] {150_000, 500_000, 2_400_000}, 2));
    List<Long> downs = new ArrayList<>();
    for (int phase = 0; phase < 16; phase++) {
      Loop loop = new Loop(300_000, 2_000_000, heavyTop);
      long dropAt = 20_000 + phase * 250L;
      loop.path.run(dropAt);
      loop.path.capacityBps = 300_000;
      loop.path.run(10_000);
      downs.add(loop.settledOn(0, dropAt) - dropAt);
    }
    System.out.printf("2 Mbit/s (top layer 2.4 Mbit/s) -> 300 kbit/s at 16 phases of the upgrade"
        + " probing: on layer 0 after %s ms%n", downs);
    assertThat(downs).allSatisfy(down -> assertThat(down).isBetween(0L, 2_000L));
  }

  @Test
  void aDropToThreeHundredKilobitsStepsDownAndARiseBringsTheTopLayerBack() {
    Loop loop = new Loop(300_000, 2_000_000);
    loop.path.run(20_000);
    int before = (int) loop.layers.get(loop.layers.size() - 1)[1];
    loop.path.capacityBps = 300_000;
    loop.path.run(20_000);
    long down = loop.settledOn(0, 20_000) - 20_000;
    loop.path.capacityBps = 10_000_000;
    loop.path.run(20_000);
    long up = loop.settledOn(2, 40_000) - 40_000;
    TracePlot.write("drop-and-rise", "link 2 Mbit/s -> 300 kbit/s at 20 s -> 10 Mbit/s at 40 s;"
        + " layers 0.15 / 0.5 / 1.5 Mbit/s + 40 kbit/s audio", loop.plot);

    System.out.printf("2 Mbit/s -> 300 kbit/s -> 10 Mbit/s: layer %d before, down to layer 0"
        + " %d ms after the drop, back on the top layer %d ms after the rise, events %s,"
        + " loss %.4f, probes %d%n", before, down, up, loop.events, loop.loss(), loop.probes);
    assertThat(before).isEqualTo(2);
    assertThat(down).isBetween(0L, 2_000L);
    assertThat(up).isBetween(0L, 10_000L);
    assertThat(loop.events).isEmpty(); // audio and the lowest layer kept all along
  }

  @Test
  void aLinkTooSmallForVideoPausesItKeepsAudioAndResumesWhenRaised() {
    Loop loop = new Loop(300_000, 100_000);
    loop.path.run(5_000); // the pause waits out StreamAllocator.PAUSE_HOLD_MS
    long sent = loop.path.sentPackets - loop.path.sentProbePackets;
    long dropped = loop.path.droppedPackets - loop.path.droppedProbePackets;
    loop.path.run(5_000);
    // audio: the probes' padding may be lost on a link this small, the audio may not
    double pausedLoss = (double) (loop.path.droppedPackets - loop.path.droppedProbePackets
        - dropped) / (loop.path.sentPackets - loop.path.sentProbePackets - sent);
    StreamAllocation paused = loop.allocation;
    loop.path.capacityBps = 2_000_000;
    loop.path.run(20_000);
    TracePlot.write("pause-and-resume", "link 100 kbit/s, 2 Mbit/s from 10 s; layers 0.15 / 0.5 /"
        + " 1.5 Mbit/s + 40 kbit/s audio", loop.plot);

    System.out.printf("100 kbit/s then 2 Mbit/s at 10 s: events %s, layer at 30 s %d, loss %.4f,"
        + " audio loss while paused (5-10 s) %.4f%n", loop.events,
        loop.allocation.track("cam").layer(), loop.loss(), pausedLoss);
    assertThat(paused.track("cam").state()).isEqualTo(State.PAUSED_BANDWIDTH);
    assertThat(paused.track("mic").state()).isEqualTo(State.FORWARDING);
    assertThat(pausedLoss).isZero();
    assertThat(loop.events).hasSize(2);
    assertThat(loop.events.get(0)).endsWith("PAUSED");
    assertThat(loop.events.get(1)).endsWith("RESUMED");
    assertThat(Long.parseLong(loop.events.get(1).split(" ")[0])).isGreaterThan(10_000);
    assertThat(loop.allocation.track("cam").layer()).isEqualTo(2);
  }

  @Test
  void fivePercentLossWithPlentyOfBandwidthKeepsTheTopLayer() {
    Loop loop = new Loop(300_000, 50_000_000);
    loop.path.loss = 0.05;
    loop.path.run(30_000);

    long settled = loop.settledOn(2, 0);
    System.out.printf("5 %% loss, 50 Mbit/s: top layer from %d ms, estimate at 30 s %d%n",
        settled, loop.path.client.estimator().targetBps());
    assertThat(settled).isBetween(0L, 6_000L);
    assertThat(loop.path.client.estimator().targetBps()).isGreaterThanOrEqualTo(1_690_000);
  }
}
