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
 * 5 % loss with plenty of bandwidth (the relay scenario): a libwebrtc publisher sends its
 * 640x360 camera as simulcast (320x180 and 640x360), a libwebrtc subscriber behind a
 * {@link LossyRelay} that drops every 20th datagram toward it, deterministically, for 20 s. GCC
 * holds between 2 % and 10 % loss, so the estimate must not collapse; the subscriber's NACKs are
 * answered on RTX so it keeps decoding; and the allocation keeps the top layer.
 */
@ExtendWith(VertxExtension.class)
class RoomLossyPathTest {
  private static final String CAMERA = "bob>alice/camera";

  @Test
  void atFivePercentLossTheEstimateHoldsNacksAreAnsweredAndTheTopLayerStays(Vertx vertx)
      throws Exception {
    RoomVerticle room = RoomMediaTest.deploy(vertx, "lossy5");
    List<String> trace = new ArrayList<>();
    long start = System.nanoTime();
    try (LossyRelay relay = new LossyRelay();
        RoomPeer publisher = new RoomPeer("alice", room, 640, 360).publishSimulcast();
        RoomPeer subscriber = new RoomPeer("bob", room, 640, 360).through(relay)
            .subscribeOnly()) {
      subscriber.subscribeTo("alice");
      subscriber.video().firstFrame().get(15, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
          .until(() -> sample(room, trace, start, "clean", relay)[1] == 1);
      long before = 0;
      for (int i = 0; i < 6; i++) {
        before = Math.max(before, sample(room, trace, start, "clean", relay)[0]);
        pause(500);
      }

      relay.dropTowardClient(index -> index % 20 == 19);
      long droppedFrom = relay.droppedTowardClient();
      long relayedFrom = relay.towardClient();
      long nacksFrom = inspect(room, () -> room.router().consumer(CAMERA).nacksAnswered());
      int framesSentFrom = publisher.framesSent();
      int framesDecodedFrom = subscriber.video().frames();
      long minimum = Long.MAX_VALUE;
      int topLayerSamples = 0;
      int samples = 0;
      for (int i = 0; i < 40; i++) { // 20 s
        pause(500);
        long[] now = sample(room, trace, start, "5%", relay);
        minimum = Math.min(minimum, now[0]);
        topLayerSamples += now[1] == 1 ? 1 : 0;
        samples++;
      }
      long[] end = sample(room, trace, start, "5%", relay);
      double loss = (double) (relay.droppedTowardClient() - droppedFrom)
          / (relay.towardClient() - relayedFrom);
      long nacks = inspect(room, () -> room.router().consumer(CAMERA).nacksAnswered())
          - nacksFrom;
      int sent = publisher.framesSent() - framesSentFrom;
      int decoded = subscriber.video().frames() - framesDecodedFrom;

      trace.forEach(System.out::println);
      System.out.printf("5%% loss for 20 s: loss %.3f, estimate before %d kbit/s, minimum %d,"
          + " end %d; top layer in %d of %d samples; %d NACKs answered; %d of %d frames"
          + " decoded%n", loss, before / 1000, minimum / 1000, end[0] / 1000, topLayerSamples,
          samples, nacks, decoded, sent);
      assertThat(loss).isBetween(0.045, 0.055);
      assertThat(minimum).as("the estimate does not collapse").isGreaterThan(before / 2);
      assertThat(nacks).as("NACKs answered on RTX").isPositive();
      assertThat(decoded).as("decoding goes on").isGreaterThan(sent * 8 / 10);
      assertThat(topLayerSamples).as("the top layer holds").isGreaterThanOrEqualTo(samples * 9 / 10);
      assertThat(end[1]).isEqualTo(1);
    } finally {
      vertx.undeploy(room.deploymentID()).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    }
  }

  /** The estimate toward bob and the layer he receives, recorded in {@code trace}. */
  private static long[] sample(RoomVerticle room, List<String> trace, long start, String phase,
      LossyRelay relay) throws Exception {
    long bps = room.estimateBps("bob").toCompletionStage().toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    long[] layerAndNacks = inspect(room, () -> {
      var camera = room.router().consumer(CAMERA);
      return camera == null ? new long[] {-1, 0}
          : new long[] {camera.currentLayer().spatial(), camera.nacksAnswered()};
    });
    trace.add(String.format("  %6.2f s %-5s estimate %5d kbit/s, layer %2d, %5d NACKs answered,"
            + " %5d of %6d datagrams dropped", (System.nanoTime() - start) / 1e9, phase,
        bps / 1000, layerAndNacks[0], layerAndNacks[1], relay.droppedTowardClient(),
        relay.towardClient()));
    return new long[] {bps, layerAndNacks[0]};
  }

  private static <T> T inspect(RoomVerticle room, java.util.concurrent.Callable<T> task)
      throws Exception {
    return room.inspect(task).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  /** Waits between samples of a running call (Awaitility: the test never sleeps blind). */
  private static void pause(long millis) {
    long until = System.nanoTime() + millis * 1_000_000;
    await().pollDelay(Duration.ofMillis(millis)).atMost(Duration.ofMillis(millis + 1_000))
        .until(() -> System.nanoTime() >= until);
  }
}
