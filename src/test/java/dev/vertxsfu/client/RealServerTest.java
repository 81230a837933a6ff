package dev.vertxsfu.client;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.client.JoinedReply.Member;
import dev.vertxsfu.testpeer.DecodedMedia;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against the real node: the signaling front on {@code /ws} and the rooms behind
 * it on the event bus, media on 127.0.0.1. What a browser SDK user would do, end to end.
 */
class RealServerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private InProcessNode node;
  private Vertx vertx;
  private int port;

  /** Settings of the node over the defaults; {@link RealServerSinglePortTest} adds its own. */
  java.util.Map<String, String> nodeSettings() {
    return java.util.Map.of();
  }

  @BeforeEach
  void startNode() throws Exception {
    node = InProcessNode.start(nodeSettings());
    vertx = node.vertx;
    port = node.port;
  }

  @AfterEach
  void stopNode() throws Exception {
    node.close();
  }

  @Test
  void aSubscriberDecodesThePublishersCameraAndMicrophone() throws Exception {
    try (SfuWebSocketClient alice = client(); SfuWebSocketClient bob = client()) {
      get(alice.connect());
      CompletableFuture<LocalTrack> camera = alice.publishCamera(320, 240);
      CompletableFuture<LocalTrack> microphone = alice.publishMicrophone();
      get(alice.join("room-a", "alice"));
      get(camera);
      get(microphone);
      get(alice.events().peerConnected());
      get(bob.connect());
      JoinedReply bobJoined = get(bob.join("room-a", "bob"));
      get(bob.firstNegotiation());

      await().atMost(TIMEOUT).until(() -> bob.events().available().size() == 2);
      get(bob.subscribeAll());

      TrackInfo video = published(bob, "video");
      TrackInfo audio = published(bob, "audio");
      assertThat(video).isEqualTo(get(camera).asSeenBy(alice.clientId()));
      assertThat(audio).isEqualTo(get(microphone).asSeenBy(alice.clientId()));
      await().atMost(TIMEOUT).until(() -> bob.decoded(video).isPresent()
          && bob.decoded(audio).isPresent());
      DecodedMedia videoDecoded = bob.decoded(video).orElseThrow();
      videoDecoded.firstFrame().get(TIMEOUT.toSeconds(), SECONDS);
      DecodedMedia audioDecoded = bob.decoded(audio).orElseThrow();
      await().atMost(TIMEOUT).until(() -> videoDecoded.frames() >= 10
          && audioDecoded.audioFrames() > 0);
      assertThat(bobJoined.clients()).containsExactly(new Member(alice.clientId(), "alice"));
      assertThat(alice.events().clientsJoined()).containsExactly(new Member(bob.clientId(), "bob"));
      assertThat(alice.events().sourceTypesSent()).isNotEmpty();
      assertThat(alice.events().connectionStates()).contains("connected");
      assertThat(alice.events().errors()).isEmpty();
      assertThat(bob.events().errors()).isEmpty();
    }
  }

  @Test
  void aScreenSharedAfterJoiningIsAnnouncedAsScreenAndItsRemovalReachesTheSubscriber()
      throws Exception {
    try (SfuWebSocketClient alice = client(); SfuWebSocketClient bob = client()) {
      joinAndConnect(alice, "alice");
      joinAndConnect(bob, "bob");

      LocalTrack screen = get(alice.publishScreen(320, 240));
      await().atMost(TIMEOUT).until(() -> bob.events().available().size() == 1);
      TrackInfo shared = bob.events().available().get(0);
      assertThat(shared.source()).isEqualTo("screen");
      assertThat(shared).isEqualTo(screen.asSeenBy(alice.clientId()));
      get(bob.subscribe(List.of(shared)));
      await().atMost(TIMEOUT).until(() -> bob.decoded(shared).isPresent());
      bob.decoded(shared).orElseThrow().firstFrame().get(TIMEOUT.toSeconds(), SECONDS);

      get(alice.unpublish(screen));
      await().atMost(TIMEOUT).until(() -> bob.events().removed().contains(shared)
          && bob.decoded(shared).isEmpty());
      assertThat(bob.events().available()).isEmpty();
      assertThat(get(alice.leave()).getString("type")).isEqualTo("left");
      get(alice.socketClosed());
      await().atMost(TIMEOUT).until(() -> bob.events().clientsLeft()
          .contains(new Member(alice.clientId(), "alice")));
      assertThat(bob.events().errors()).isEmpty();
    }
  }

  @Test
  void refusalsComeBackAsTypedErrorsWithTheProtocolsCodes() throws Exception {
    try (SfuWebSocketClient carol = client()) {
      get(carol.connect());
      assertThatThrownBy(() -> get(carol.subscribe(List.of())))
          .cause().isInstanceOfSatisfying(SfuErrorException.class,
              error -> assertThat(error.code()).isEqualTo("not_joined"));
      get(carol.join("room-c", "carol"));
      TrackInfo missing = new TrackInfo("nobody", "t", "s", "video", "media");
      assertThatThrownBy(() -> get(carol.subscribe(List.of(missing))))
          .cause().isInstanceOfSatisfying(SfuErrorException.class, error -> {
            assertThat(error.code()).isEqualTo("not_found");
            assertThat(error.requestType()).isEqualTo("subscribe_tracks");
          });
      assertThatThrownBy(() -> get(carol.request("frobnicate", new JsonObject())))
          .cause().isInstanceOfSatisfying(SfuErrorException.class,
              error -> assertThat(error.code()).isEqualTo("bad_request"));
      assertThatThrownBy(() -> get(carol.request("tracks_added",
          new JsonObject().put("tracks", new JsonArray()))))
          .cause().isInstanceOf(SfuErrorException.class);
      get(carol.firstNegotiation());
    }
  }

  private SfuWebSocketClient client() {
    return new SfuWebSocketClient(vertx, "127.0.0.1", port, 320, 240);
  }

  private static void joinAndConnect(SfuWebSocketClient client, String name) throws Exception {
    get(client.connect());
    get(client.join("room-b", name));
    get(client.firstNegotiation());
    get(client.events().peerConnected());
  }

  private static TrackInfo published(SfuWebSocketClient subscriber, String kind) {
    return subscriber.events().available().stream()
        .filter(track -> track.kind().equals(kind)).findFirst().orElseThrow();
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(TIMEOUT.toSeconds(), SECONDS);
  }

  private static <T> T get(Future<T> future) throws Exception {
    return get(future.toCompletionStage().toCompletableFuture());
  }
}
