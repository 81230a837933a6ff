package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.media.router.ConsumerLayer;
import dev.vertxsfu.media.router.LayerSelector;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Simulcast through a room with real sockets: a libwebrtc publisher sends its 640x360 camera as
 * SSRC simulcast (libwebrtc makes two layers of that size: 320x180 and 640x360), a libwebrtc
 * subscriber says what it can show with {@code track_settings}, and hears and decodes the layer
 * the SFU then forwards.
 */
@ExtendWith(VertxExtension.class)
class RoomSimulcastTest {

  static void settings(RoomVerticle room, String subscriber, int width, int height)
      throws Exception {
    room.trackSettings(subscriber, List.of(new TrackSetting("alice", "camera",
            new LayerSelector.Wish(width, height, false))))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static ConsumerLayer last(RoomPeer peer) {
    return peer.layers.isEmpty() ? ConsumerLayer.NONE : peer.layers.get(peer.layers.size() - 1);
  }

  @Test
  void trackSettingsChooseTheLayerTheSubscriberIsToldOfAndDecodes(Vertx vertx)
      throws Exception {
    RoomVerticle room = RoomMediaTest.deploy(vertx, "simulcast1");
    try (RoomPeer publisher = new RoomPeer("alice", room, 640, 360).publishSimulcast();
        RoomPeer bob = new RoomPeer("bob", room, 320, 180).subscribeOnly()) {
      bob.subscribeTo("alice");
      settings(room, "bob", 320, 180);

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        assertThat(last(bob).spatial()).isZero();
        assertThat(last(bob).width()).isEqualTo(320);
        assertThat(last(bob).height()).isEqualTo(180);
      });
      bob.video().firstFrame().get(10, TimeUnit.SECONDS);

      settings(room, "bob", 0, 0); // no limit: the largest layer flowing
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        assertThat(last(bob).spatial()).isPositive();
        assertThat(last(bob).width()).isEqualTo(640);
        assertThat(bob.video().lastWidth()).isEqualTo(640);
        assertThat(bob.video().lastHeight()).isEqualTo(360);
      });

      settings(room, "bob", 320, 180); // and down again
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(last(bob).spatial()).isZero();
        assertThat(bob.video().lastWidth()).isEqualTo(320);
      });
      assertThat(publisher.framesSent()).isPositive();
    }
  }

  @Test
  void settingsForATrackNotSubscribedToAreRefused(Vertx vertx) throws Exception {
    RoomVerticle room = RoomMediaTest.deploy(vertx, "simulcast2");
    try (RoomPeer bob = new RoomPeer("bob", room, 320, 180).subscribeOnly()) {
      Throwable refused = room.trackSettings("bob", List.of(new TrackSetting("alice", "camera",
              LayerSelector.Wish.ANY)))
          .toCompletionStage().toCompletableFuture().handle((ok, error) -> error)
          .get(10, TimeUnit.SECONDS);

      assertThat(refused).isInstanceOf(RoomException.class)
          .hasMessageContaining("no subscription");
    }
  }
}
