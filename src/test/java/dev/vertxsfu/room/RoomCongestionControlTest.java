package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Send-side bandwidth estimation toward a real libwebrtc subscriber (webrtc-java) on loopback:
 * it negotiates transport-wide feedback from the SFU's offer, the SFU stamps what it forwards,
 * and the subscriber's feedback drives the estimate. It starts at 300 kbit/s; only feedback
 * showing the video (~1.5 Mbit/s at 640x480) arrive in time raises it past 500 kbit/s.
 */
@ExtendWith(VertxExtension.class)
class RoomCongestionControlTest {

  @Test
  void aSubscriberWithTransportWideFeedbackGetsAnEstimateAboveFiveHundredKbitsThatHolds(Vertx vertx)
      throws Exception {
    RoomVerticle room = RoomMediaTest.deploy(vertx, "cc1");
    try (RoomPeer publisher = new RoomPeer("alice", room, 640, 480).publish();
        RoomPeer subscriber = new RoomPeer("bob", room, 640, 480).subscribeOnly()) {
      subscriber.subscribeTo("alice");
      subscriber.video().firstFrame().get(10, TimeUnit.SECONDS);
      long[] estimate = {-1};
      await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(250))
          .untilAsserted(() -> {
            estimate[0] = room.estimateBps("bob").toCompletionStage().toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
            assertThat(estimate[0]).as("estimate toward bob, bit/s").isGreaterThan(500_000);
          });
      long crossedAt = System.nanoTime();
      int framesBefore = publisher.framesSent();
      await().atMost(Duration.ofSeconds(20)).until(() -> publisher.framesSent()
          >= framesBefore + 300); // 10 s more of video on a clean path
      long later = room.estimateBps("bob").toCompletionStage().toCompletableFuture()
          .get(5, TimeUnit.SECONDS);
      System.out.printf("send-side estimate %.1f s after crossing 500 kbit/s: %d kbit/s%n",
          (System.nanoTime() - crossedAt) / 1e9, later / 1000);
      assertThat(later).as("the estimate holds on a clean path").isGreaterThan(500_000);
      long publisherEstimate = room.estimateBps("alice").toCompletionStage()
          .toCompletableFuture().get(5, TimeUnit.SECONDS);
      System.out.printf("send-side estimate toward a loopback libwebrtc subscriber: %d kbit/s "
          + "(publisher without subscriptions: %d)%n", estimate[0] / 1000, publisherEstimate);
      assertThat(publisherEstimate).as("a client that receives nothing has no estimate")
          .isEqualTo(-1);
      assertThat(subscriber.video().frames()).isPositive();
    }
  }
}
