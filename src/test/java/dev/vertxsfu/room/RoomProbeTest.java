package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.testpeer.LossyRelay;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Probes toward a real libwebrtc subscriber: a publisher sends its 640x360 camera as simulcast
 * (320x180 and 640x360), a subscriber behind a {@link LossyRelay} receives it with the allocation
 * applied. Once its estimate is up, the relay drops half the datagrams toward it for three
 * seconds, so the estimate falls and the allocation steps the video down; then the path is clean
 * again. With the allocation applied, the SFU sends only what the estimate allows, so the media
 * alone lets the estimate climb only slowly above what it acknowledges; probes (padding on RTX)
 * find the clean path. The same run twice, probes kept on and turned off at the drop: the time
 * from the end of the loss to the estimate back at 70 % of its level before is shorter with
 * probes.
 */
@ExtendWith(VertxExtension.class)
class RoomProbeTest {
  private static final long RECOVERY_LIMIT_MS = 20_000;

  /** What one run measured. */
  private record Recovery(long beforeBps, long lowBps, long recoveryMs, long finalBps,
      List<String> trace) {}

  @Test
  void afterALossyDropALibWebRtcSubscribersEstimateClimbsBackFasterWithProbes(Vertx vertx)
      throws Exception {
    Recovery with = run(vertx, "probe-on", true);
    Recovery without = run(vertx, "probe-off", false);

    for (Recovery recovery : List.of(with, without)) {
      recovery.trace().forEach(System.out::println);
    }
    System.out.printf("recovery to 70%% of the estimate before the drop: with probes %d ms"
        + " (%d -> %d -> %d kbit/s), without %s (%d -> %d -> %d kbit/s)%n", with.recoveryMs(),
        with.beforeBps() / 1000, with.lowBps() / 1000, with.finalBps() / 1000,
        without.recoveryMs() < 0 ? "not within " + RECOVERY_LIMIT_MS + " ms"
            : without.recoveryMs() + " ms",
        without.beforeBps() / 1000, without.lowBps() / 1000, without.finalBps() / 1000);
    assertThat(with.lowBps()).as("the loss cut the estimate")
        .isLessThan(with.beforeBps() * 7 / 10);
    assertThat(without.lowBps()).as("the loss cut the estimate")
        .isLessThan(without.beforeBps() * 7 / 10);
    assertThat(with.recoveryMs()).as("with probes the estimate is back").isNotNegative();
    long withoutMs = without.recoveryMs() < 0 ? Long.MAX_VALUE : without.recoveryMs();
    assertThat(with.recoveryMs()).as("faster with probes").isLessThan(withoutMs);
  }

  private static Recovery run(Vertx vertx, String roomId, boolean probes) throws Exception {
    RoomVerticle room = RoomMediaTest.deploy(vertx, roomId);
    room.applyBandwidthAllocation(true).toCompletionStage().toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    List<String> trace = new ArrayList<>();
    long start = System.nanoTime();
    try (LossyRelay relay = new LossyRelay();
        RoomPeer publisher = new RoomPeer("alice", room, 640, 360).publishSimulcast();
        RoomPeer subscriber = new RoomPeer("bob", room, 640, 360).through(relay)
            .subscribeOnly()) {
      subscriber.subscribeTo("alice");
      subscriber.video().firstFrame().get(15, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
          .until(() -> sample(room, trace, start, "up") > 700_000);
      // a few seconds more at the level reached
      long[] before = {0};
      for (int i = 0; i < 12; i++) {
        before[0] = Math.max(before[0], sample(room, trace, start, "up"));
        pause(250);
      }
      room.probeBandwidth(probes).toCompletionStage().toCompletableFuture()
          .get(5, TimeUnit.SECONDS);
      relay.dropTowardClient(index -> index % 2 == 0);
      long low = Long.MAX_VALUE;
      for (int i = 0; i < 12; i++) {
        pause(250);
        low = Math.min(low, sample(room, trace, start, "loss"));
      }
      relay.dropTowardClient(index -> false);
      long cleanAt = System.nanoTime();
      long recovery = -1;
      long last = 0;
      while ((System.nanoTime() - cleanAt) / 1_000_000 < RECOVERY_LIMIT_MS) {
        pause(250);
        last = sample(room, trace, start, "clean");
        low = Math.min(low, last);
        if (last >= before[0] * 7 / 10) {
          recovery = (System.nanoTime() - cleanAt) / 1_000_000;
          break;
        }
      }
      trace.add(0, String.format("%s: relay dropped %d of %d datagrams toward the subscriber",
          roomId, relay.droppedTowardClient(), relay.towardClient()));
      return new Recovery(before[0], low, recovery, last, trace);
    } finally {
      vertx.undeploy(room.deploymentID()).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    }
  }

  /** The estimate toward the subscriber now, recorded in {@code trace} with the phase. */
  private static long sample(RoomVerticle room, List<String> trace, long start, String phase)
      throws Exception {
    long bps = room.estimateBps("bob").toCompletionStage().toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    String consumer = room.inspect(() -> {
      var camera = room.router().consumer("bob>alice/camera");
      return camera == null ? "" : String.format("layer %2d, %5d padding packets",
          camera.currentLayer().spatial(), camera.paddingPacketsSent());
    }).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    trace.add(String.format("  %6.2f s %-5s %5d kbit/s  %s", (System.nanoTime() - start) / 1e9,
        phase, bps / 1000, consumer));
    return bps;
  }

  /** Waits between samples of a running call (Awaitility: the test never sleeps blind). */
  private static void pause(long millis) {
    long until = System.nanoTime() + millis * 1_000_000;
    await().pollDelay(Duration.ofMillis(millis)).atMost(Duration.ofMillis(millis + 1_000))
        .until(() -> System.nanoTime() >= until);
  }
}
