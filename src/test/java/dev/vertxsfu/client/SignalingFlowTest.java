package dev.vertxsfu.client;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.testpeer.DecodedMedia;
import dev.vertxsfu.testpeer.LibWebRtc;
import dev.vertxsfu.testpeer.TestPeer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md's flow end to end: a whole node (signaling fronts, rooms) in-process, real
 * WebSockets, and libwebrtc clients (webrtc-java) whose media crosses the SFU on 127.0.0.1.
 */
class SignalingFlowTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private InProcessNode node;
  private Vertx vertx;
  private int port;

  @BeforeEach
  void startNode() throws Exception {
    node = InProcessNode.start();
    vertx = node.vertx;
    port = node.port;
  }

  @AfterEach
  void stopNode() throws Exception {
    node.close();
  }

  @Test
  void twoClientsDecodeEachOtherAndAThirdJoiningLateSeesBoth() throws Exception {
    try (SfuWebSocketClient alice = client(); SfuWebSocketClient bob = client();
        SfuWebSocketClient carol = client()) {
      LocalTrack aliceCamera = publishCamera(alice, "alice");
      LocalTrack bobCamera = publishCamera(bob, "bob");
      await().atMost(TIMEOUT).until(() -> alice.events().available().size() == 1
          && bob.events().available().size() == 1);
      get(alice.subscribeAll());
      get(bob.subscribeAll());
      TrackInfo fromBob = bobCamera.asSeenBy(bob.clientId());
      TrackInfo fromAlice = aliceCamera.asSeenBy(alice.clientId());
      awaitFrames(alice, fromBob, 30);
      awaitFrames(bob, fromAlice, 30);

      get(carol.connect());
      get(carol.join("room", "carol"));
      await().atMost(TIMEOUT).until(() -> carol.events().available().size() == 2);
      assertThat(carol.events().available()).containsExactlyInAnyOrder(fromAlice, fromBob);
      assertThat(alice.events().errors()).isEmpty();
      assertThat(bob.events().errors()).isEmpty();
    }
  }

  @Test
  void unsubscribeAndLeaveRemoveMLinesThroughSfuOffers() throws Exception {
    try (SfuWebSocketClient alice = client(); SfuWebSocketClient bob = client()) {
      LocalTrack camera = publishCamera(alice, "alice");
      TrackInfo track = joinAndWatch(bob, "bob", camera.asSeenBy(alice.clientId()));

      int before = bob.events().negotiations();
      get(bob.unsubscribe(List.of(track)));
      await().atMost(TIMEOUT).until(() -> bob.events().negotiations() > before
          && bob.decoded(track).isEmpty());

      get(bob.subscribe(List.of(track)));
      awaitFrames(bob, track, 10);
      int beforeLeave = bob.events().negotiations();
      get(alice.leave());
      await().atMost(TIMEOUT).until(() -> bob.events().removed().contains(track)
          && bob.events().negotiations() > beforeLeave && bob.decoded(track).isEmpty());
      assertThat(bob.events().errors()).isEmpty();
    }
  }

  @Test
  void aCandidateBeforeTheOfferIsAcceptedAndTheSocketServesOn() throws Exception {
    WebSocketClient sockets = vertx.createWebSocketClient();
    WebSocket socket = get(sockets.connect(port, "127.0.0.1", "/ws"));
    LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    socket.writeTextMessage(new JsonObject().put("type", "join").put("room", "raw").put("id", 1)
        .encode());
    assertThat(next(frames).getString("type")).isEqualTo("joined");
    socket.writeTextMessage(new JsonObject().put("type", "candidate").put("id", 2)
        .put("candidate", new JsonObject()
            .put("candidate", "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host")
            .put("sdpMid", "0").put("sdpMLineIndex", 0)).encode());
    socket.writeTextMessage(new JsonObject().put("type", "candidate").put("id", 3)
        .putNull("candidate").encode());
    socket.writeTextMessage(new JsonObject().put("type", "is_allow_renegotiation").put("id", 4)
        .encode());
    JsonObject reply = next(frames);
    assertThat(reply.getString("type")).isEqualTo("is_allow_renegotiation");
    assertThat(reply.getInteger("id")).isEqualTo(4);
    assertThat(frames).noneMatch(frame -> "error".equals(frame.getString("type")));
    socket.close();
  }

  @Test
  void badInputGetsErrorsWhileTheOtherClientsMediaFlowsOn() throws Exception {
    try (SfuWebSocketClient alice = client(); SfuWebSocketClient bob = client();
        SfuWebSocketClient mallory = client()) {
      LocalTrack camera = publishCamera(alice, "alice");
      TrackInfo track = joinAndWatch(bob, "bob", camera.asSeenBy(alice.clientId()));

      get(mallory.connect());
      get(mallory.join("room", "mallory"));
      for (JsonObject bad : List.of(new JsonObject().put("sdp", "garbage"),
          new JsonObject().put("sdp", "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"))) {
        CompletableFuture<JsonObject> refused = mallory.request("offer", bad);
        assertThat(refused).failsWithin(TIMEOUT).withThrowableOfType(Exception.class)
            .havingRootCause().isInstanceOf(SfuErrorException.class);
      }
      CompletableFuture<JsonObject> noOffer = mallory.request("answer",
          new JsonObject().put("sdp", "v=0"));
      assertThat(noOffer).failsWithin(TIMEOUT).withThrowableOfType(Exception.class)
          .havingRootCause().isInstanceOf(SfuErrorException.class);
      DecodedMedia media = bob.decoded(track).orElseThrow();
      int frames = media.frames();
      await().atMost(TIMEOUT).until(() -> media.frames() >= frames + 30);
    }
  }

  @Test
  void clientAndSfuRenegotiateAtTheSameMoment50TimesAndMediaFlowsOn() throws Exception {
    try (SfuWebSocketClient alice = client(); SfuWebSocketClient bob = client()) {
      LocalTrack camera = publishCamera(bob, "bob");
      TrackInfo video = joinAndWatch(alice, "alice", camera.asSeenBy(bob.clientId()));

      for (int round = 0; round < 50; round++) {
        // at once: alice offers (a new track of hers) and the SFU offers to alice (bob's)
        int negotiationsBefore = alice.events().negotiations();
        CompletableFuture<LocalTrack> hers = alice.publishMicrophone();
        CompletableFuture<LocalTrack> his = bob.publishMicrophone();
        LocalTrack herMic;
        LocalTrack hisMic;
        try {
          herMic = get(hers);
          hisMic = get(his);
        } catch (Exception e) {
          System.out.printf("glare round %d failed: hers done=%s his done=%s; alice negotiations=%d "
              + "refusals=%d crossed=%d errors=%s%n", round, hers.isDone(), his.isDone(),
              alice.events().negotiations(), alice.events().refusals(),
              alice.events().crossedOffersDropped(), alice.events().errors());
          throw e;
        }
        TrackInfo hisTrack = hisMic.asSeenBy(bob.clientId());
        await().atMost(TIMEOUT).until(() -> alice.events().available().contains(hisTrack));
        get(alice.subscribe(List.of(hisTrack)));
        // and both take their tracks back at once
        CompletableFuture<Void> herRemoval = alice.unpublish(herMic);
        CompletableFuture<Void> hisRemoval = bob.unpublish(hisMic);
        get(herRemoval);
        get(hisRemoval);
        await().atMost(TIMEOUT).until(() -> alice.events().removed().contains(hisTrack));
        // her two offers and the SFU's two (some may merge) all completed
        assertThat(alice.events().negotiations()).isGreaterThanOrEqualTo(negotiationsBefore + 3);
      }
      DecodedMedia media = alice.decoded(video).orElseThrow();
      int frames = media.frames();
      await().atMost(TIMEOUT).until(() -> media.frames() >= frames + 30);
      assertThat(alice.events().errors()).isEmpty();
      assertThat(bob.events().errors()).isEmpty();
      System.out.printf("glare rounds: alice renegotiated %d times (%d refusals, %d crossed "
          + "offers dropped)%n", alice.events().negotiations(), alice.events().refusals(),
          alice.events().crossedOffersDropped());
    }
  }

  /**
   * Issue 10, item 3: the SFU's offer is out, the client asks {@code is_allow_renegotiation},
   * is refused, and offers anyway. The SFU rolls its offer back, answers, and must offer again
   * right after the answer (it once granted the stale allowance instead, which held its offer
   * for 5 s). A raw WebSocket client, with a libwebrtc peer for its SDP.
   */
  @Test
  void aClientRefusedWhileTheSfuOffersThatOffersAnywayGetsTheSfuOfferRightAfterTheAnswer()
      throws Exception {
    record Frame(JsonObject json, long nanos) {}
    try (SfuWebSocketClient alice = client(); LibWebRtc libWebRtc = new LibWebRtc();
        TestPeer carol = new TestPeer(libWebRtc)) {
      TrackInfo camera = publishCamera(alice, "alice").asSeenBy(alice.clientId());
      carol.addReceiveOnly(libWebRtc.factory().createVideoTrack("v", libWebRtc.videoSource()));
      WebSocket socket = get(vertx.createWebSocketClient().connect(port, "127.0.0.1", "/ws"));
      List<Frame> frames = new CopyOnWriteArrayList<>();
      socket.textMessageHandler(text -> frames.add(new Frame(new JsonObject(text),
          System.nanoTime())));
      Function<Predicate<JsonObject>, Frame> awaitFrame =
          match -> await().atMost(TIMEOUT).until(
              () -> frames.stream().filter(f -> match.test(f.json())).findFirst(),
              Optional::isPresent).orElseThrow();
      socket.writeTextMessage(new JsonObject().put("type", "join").put("room", "room")
          .put("name", "carol").put("id", 1).encode());
      awaitFrame.apply(f -> "joined".equals(f.getString("type")));
      socket.writeTextMessage(new JsonObject().put("type", "offer").put("id", 2)
          .put("sdp", carol.createOffer()).encode());
      carol.applyAnswer(awaitFrame.apply(f -> Integer.valueOf(2).equals(f.getValue("id")))
          .json().getString("sdp"));
      socket.writeTextMessage(new JsonObject().put("type", "subscribe_tracks").put("id", 3)
          .put("tracks", new JsonArray().add(new JsonObject()
              .put("clientId", camera.clientId()).put("trackId", camera.trackId()))).encode());
      awaitFrame.apply(f -> "offer".equals(f.getString("type"))); // the SFU's offer is out

      socket.writeTextMessage(new JsonObject().put("type", "is_allow_renegotiation").put("id", 4)
          .encode());
      assertThat(awaitFrame.apply(f -> Integer.valueOf(4).equals(f.getValue("id"))).json()
          .getBoolean("allowed")).isFalse();
      socket.writeTextMessage(new JsonObject().put("type", "offer").put("id", 5)
          .put("sdp", carol.createOffer()).encode()); // and offers anyway: glare
      Frame answer = awaitFrame.apply(f -> Integer.valueOf(5).equals(f.getValue("id")));
      assertThat(answer.json().getString("type")).isEqualTo("answer");

      Frame reOffer = await().atMost(Duration.ofSeconds(1)).until(() -> frames.stream()
          .filter(f -> f.nanos() >= answer.nanos() && f != answer
              && "offer".equals(f.json().getString("type"))).findFirst(),
          Optional::isPresent).orElseThrow();
      System.out.printf("glare after a refused allowance: the SFU's re-offer came %.1f ms after "
          + "its answer%n", (reOffer.nanos() - answer.nanos()) / 1e6);
      assertThat(frames).noneMatch(f -> "error".equals(f.json().getString("type")));
      socket.close();
    }
  }

  private SfuWebSocketClient client() {
    return new SfuWebSocketClient(vertx, "127.0.0.1", port, 320, 240);
  }

  private static LocalTrack publishCamera(SfuWebSocketClient client, String name)
      throws Exception {
    get(client.connect());
    CompletableFuture<LocalTrack> camera = client.publishCamera(320, 240);
    get(client.join("room", name));
    LocalTrack track = get(camera);
    get(client.events().peerConnected());
    return track;
  }

  /** Joins the room, waits for {@code track} to be available, subscribes and sees it decode. */
  private static TrackInfo joinAndWatch(SfuWebSocketClient client, String name, TrackInfo track)
      throws Exception {
    get(client.connect());
    get(client.join("room", name));
    get(client.firstNegotiation());
    await().atMost(TIMEOUT).until(() -> client.events().available().contains(track));
    get(client.subscribe(List.of(track)));
    awaitFrames(client, track, 10);
    return track;
  }

  private static void awaitFrames(SfuWebSocketClient subscriber, TrackInfo track, int frames)
      throws Exception {
    await().atMost(TIMEOUT).until(() -> subscriber.decoded(track).isPresent());
    DecodedMedia media = subscriber.decoded(track).orElseThrow();
    await().atMost(TIMEOUT).until(() -> media.frames() >= frames);
  }

  private static JsonObject next(LinkedBlockingQueue<JsonObject> frames) throws Exception {
    JsonObject frame = frames.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(frame).as("a frame within %s", TIMEOUT).isNotNull();
    return frame;
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(TIMEOUT.toSeconds(), SECONDS);
  }

  private static <T> T get(Future<T> future) throws Exception {
    return get(future.toCompletionStage().toCompletableFuture());
  }
}
