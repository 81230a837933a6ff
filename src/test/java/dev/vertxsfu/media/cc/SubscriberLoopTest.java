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

    Loop(long startBps, long capacityBps) {
      client = new TransportCongestionControlClient("sub", startBps);
      path = new SimulatedPath(client, capacityBps);
      allocate();
      path.onStep = this::step;
      path.onFeedback = this::onFeedback;
    }

    private void allocate() {
      long now = path.nowMs();
      allocation = client.allocate(TRACKS, now);
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

  @Test
  void behindSixHundredKilobitsTheSubscriberSettlesOnTheMiddleLayerWithinFiveSeconds() {
    Loop loop = new Loop(300_000, 600_000);
    loop.path.run(30_000);

    long settled = loop.settledOn(1, 0);
    TracePlot.write("shaped-600k", "link 600 kbit/s; layers 0.15 / 0.5 / 1.5 Mbit/s + 40 kbit/s"
        + " audio", loop.plot);
    System.out.printf("600 kbit/s: settled on layer 1 at %d ms, layer changes after settling %d,"
        + " estimate mean 10-30 s %.0f, loss %.4f, probes %d%n", settled,
        loop.layerChanges(settled, 30_000), loop.path.meanTarget(10_000, 30_000), loop.loss(),
        loop.probes);
    assertThat(settled).isBetween(0L, 5_000L);
    assertThat(loop.layerChanges(settled, 30_000)).isZero();
    assertThat(loop.loss()).isLessThan(0.02);
    assertThat(loop.events).isEmpty();
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
    long sent = loop.path.sentPackets;
    long dropped = loop.path.droppedPackets;
    loop.path.run(5_000);
    double pausedLoss = (double) (loop.path.droppedPackets - dropped)
        / (loop.path.sentPackets - sent);
    StreamAllocation paused = loop.allocation;
    loop.path.capacityBps = 2_000_000;
    loop.path.run(15_000);
    TracePlot.write("pause-and-resume", "link 100 kbit/s, 2 Mbit/s from 10 s; layers 0.15 / 0.5 /"
        + " 1.5 Mbit/s + 40 kbit/s audio", loop.plot);

    System.out.printf("100 kbit/s then 2 Mbit/s at 10 s: events %s, layer at 25 s %d, loss %.4f,"
        + " loss while paused (5-10 s, audio and probes) %.4f%n", loop.events,
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
