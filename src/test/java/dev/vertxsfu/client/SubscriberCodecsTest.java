package dev.vertxsfu.client;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.testpeer.DecodedMedia;
import dev.vertxsfu.testpeer.OfferCodecs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A subscriber that cannot receive a track's codec (issue 10, item 4: a Firefox without
 * OpenH264 subscribing to an H.264 publisher) is told so, naming the track and the codec,
 * instead of getting {@code ok} and a black tile. Real libwebrtc peers through a whole node:
 * the publisher prefers H.264 (it sends what its offer lists first), the subscriber's offers
 * leave H.264 out as such a client's would.
 */
class SubscriberCodecsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String H264 = "video/H264";
  private InProcessNode node;

  @BeforeEach
  void startNode() throws Exception {
    node = InProcessNode.start();
  }

  @AfterEach
  void stopNode() throws Exception {
    node.close();
  }

  @Test
  void aSubscriptionToACodecTheSubscriberDoesNotListIsRefusedNamingTheCodec() throws Exception {
    try (SfuWebSocketClient alice = h264Publisher(); SfuWebSocketClient bob = withoutH264();
        SfuWebSocketClient carol = client()) {
      TrackInfo camera = publishCamera(alice);
      get(bob.connect());
      get(bob.join("room", "bob"));
      get(bob.firstNegotiation());
      await().atMost(TIMEOUT).until(() -> bob.events().available().contains(camera));
      assertThat(bob.events().codecOf(camera)).isEqualTo(H264);

      CompletableFuture<Void> refused = bob.subscribe(List.of(camera));
      SfuErrorException error = failure(refused);
      assertThat(error.code()).isEqualTo("codec_not_supported");
      assertThat(error.text()).contains(H264, camera.clientId() + "/" + camera.trackId());

      // the track is H.264 indeed, and a subscriber that lists it decodes it
      get(carol.connect());
      get(carol.join("room", "carol"));
      get(carol.firstNegotiation());
      await().atMost(TIMEOUT).until(() -> carol.events().available().contains(camera));
      get(carol.subscribe(List.of(camera)));
      await().atMost(TIMEOUT).until(() -> carol.decoded(camera).isPresent());
      DecodedMedia media = carol.decoded(camera).orElseThrow();
      await().atMost(TIMEOUT).until(() -> media.frames() >= 10);
      assertThat(carol.events().errors()).isEmpty();
    }
  }

  @Test
  void aSubscriptionMadeBeforeTheFirstOfferIsDroppedWithAnErrorOnceTheOfferLacksTheCodec()
      throws Exception {
    try (SfuWebSocketClient alice = h264Publisher(); SfuWebSocketClient bob = withoutH264()) {
      TrackInfo camera = publishCamera(alice);
      get(bob.connect());
      get(bob.joinWithoutOffer("room", "bob"));
      await().atMost(TIMEOUT).until(() -> bob.events().available().contains(camera));
      get(bob.subscribe(List.of(camera))); // nothing known of bob's codecs yet: remembered

      get(bob.makeFirstOffer());
      await().atMost(TIMEOUT).until(() -> !bob.events().errors().isEmpty());
      SfuErrorException error = bob.events().errors().get(0);
      assertThat(error.code()).isEqualTo("codec_not_supported");
      assertThat(error.text()).contains(H264, camera.clientId() + "/" + camera.trackId());
      assertThat(error.field("clientId")).isEqualTo(camera.clientId());
      assertThat(error.field("trackId")).isEqualTo(camera.trackId());
      assertThat(error.field("codec")).isEqualTo(H264);
      assertThat(bob.remoteTracksByMid().values())
          .noneMatch(remote -> remote.trackId().equals(camera.trackId()));
    }
  }

  private SfuWebSocketClient client() {
    return new SfuWebSocketClient(node.vertx, "127.0.0.1", node.port, 320, 240);
  }

  /** A client whose offers list H.264 (constrained baseline, packetization-mode 1) first. */
  private SfuWebSocketClient h264Publisher() {
    return client().rewriteOffers(
        sdp -> OfferCodecs.preferring(sdp, "H264", "packetization-mode=1"));
  }

  /** A client whose offers list no H.264, as a Firefox without OpenH264 writes them. */
  private SfuWebSocketClient withoutH264() {
    return client().rewriteOffers(sdp -> OfferCodecs.without(sdp, "H264"));
  }

  private static TrackInfo publishCamera(SfuWebSocketClient client) throws Exception {
    get(client.connect());
    CompletableFuture<LocalTrack> camera = client.publishCamera(320, 240);
    get(client.join("room", "alice"));
    LocalTrack track = get(camera);
    return track.asSeenBy(client.clientId());
  }

  private static SfuErrorException failure(CompletableFuture<?> future) throws Exception {
    try {
      future.get(TIMEOUT.toSeconds(), SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(SfuErrorException.class);
      return (SfuErrorException) e.getCause();
    }
    throw new AssertionError("the request succeeded");
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(TIMEOUT.toSeconds(), SECONDS);
  }
}
