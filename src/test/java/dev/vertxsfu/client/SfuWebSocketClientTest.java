package dev.vertxsfu.client;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.client.JoinedReply.Member;
import dev.vertxsfu.testpeer.DecodedMedia;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a scripted SFU ({@link ScriptedSfu}): the server side of docs/protocol.md
 * played by a test WebSocket server whose media end is a second libwebrtc peer, so every
 * offer and answer the client makes is applied by real libwebrtc.
 */
class SfuWebSocketClientTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private Vertx vertx;
  private ScriptedSfu sfu;
  private SfuWebSocketClient client;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    sfu = ScriptedSfu.start(vertx);
    client = new SfuWebSocketClient(vertx, "127.0.0.1", sfu.port(), 320, 240);
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    sfu.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, SECONDS);
  }

  @Test
  void joinCompletesWithTheJoinedReplyAndRequestIdsIncrement() throws Exception {
    get(client.connect());
    JoinedReply joined = get(client.join("room-1", "bob", "a.jwt.token"));
    get(client.firstNegotiation());

    assertThat(joined.clientId()).isEqualTo(ScriptedSfu.CLIENT_ID);
    assertThat(joined.room()).isEqualTo("room-1");
    assertThat(joined.clients()).containsExactly(new Member(ScriptedSfu.OTHER_ID, "alice"));
    assertThat(client.clientId()).isEqualTo(ScriptedSfu.CLIENT_ID);
    JsonObject join = sfu.framesOf("join").get(0);
    assertThat(join.getString("room")).isEqualTo("room-1");
    assertThat(join.getString("name")).isEqualTo("bob");
    assertThat(join.getString("token")).isEqualTo("a.jwt.token");
    assertThat(join.getValue("id")).isEqualTo(1);
    assertThat(sfu.framesOf("offer").get(0).getValue("id")).isEqualTo(2);
  }

  @Test
  void repliesCompleteTheRequestWithTheSameIdInWhateverOrderTheyCome() throws Exception {
    joinAndNegotiate();
    sfu.holdOffers = true;
    CompletableFuture<LocalTrack> camera = client.publishCamera(320, 240);
    JsonObject heldOffer = sfu.heldOffers.poll(20, SECONDS);
    assertThat(heldOffer).isNotNull();

    get(client.subscribe(List.of(farCamera())));
    assertThat(camera).isNotDone();

    sfu.holdOffers = false;
    get(sfu.answer(heldOffer));
    assertThat(get(camera).kind()).isEqualTo("video");
    assertThat(sfu.framesOf("subscribe_tracks").get(0).getInteger("id"))
        .isGreaterThan(heldOffer.getInteger("id"));
  }

  @Test
  void anErrorFrameFailsItsRequestWithTheTypedException() throws Exception {
    sfu.joinError = new JsonObject().put("code", "room_full").put("message", "room is full");
    get(client.connect());

    assertThatThrownBy(() -> get(client.join("room-1", "bob")))
        .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(
            SfuErrorException.class, error -> {
              assertThat(error.code()).isEqualTo("room_full");
              assertThat(error.text()).isEqualTo("room is full");
              assertThat(error.requestType()).isEqualTo("join");
            });
    assertThatThrownBy(() -> get(client.request("frobnicate", new JsonObject())))
        .cause().isInstanceOfSatisfying(SfuErrorException.class,
            error -> assertThat(error.code()).isEqualTo("bad_request"));
  }

  @Test
  void anErrorFrameWithoutAPendingRequestIsKeptAsAnEvent() throws Exception {
    joinAndNegotiate();
    sfu.send(new JsonObject().put("type", "error").put("code", "unavailable")
        .put("message", "node going away"));

    await().atMost(TIMEOUT).until(() -> !client.events().errors().isEmpty());
    SfuErrorException error = client.events().errors().get(0);
    assertThat(error.code()).isEqualTo("unavailable");
    assertThat(error.requestType()).isNull();
  }

  @Test
  void aSubscriberOnlyClientOffersReceiveOnlyTransceiversAndConnectsOnLoopback()
      throws Exception {
    joinAndNegotiate();
    sfu.send(new JsonObject().put("type", "candidate").putNull("candidate"));

    String offer = sfu.framesOf("offer").get(0).getString("sdp");
    assertThat(offer).contains("m=video", "m=audio", "a=recvonly")
        .doesNotContain("a=sendrecv", "a=sendonly");
    assertThat(sfu.types()).startsWith("join", "offer");
    get(client.events().peerConnected());
    sfu.farEnd().awaitConnected();
    await().atMost(TIMEOUT).until(() -> sfu.framesOf("candidate").stream()
        .anyMatch(frame -> frame.getValue("candidate") == null));
    List<JsonObject> candidates = sfu.framesOf("candidate").stream()
        .map(frame -> frame.getJsonObject("candidate")).filter(c -> c != null).toList();
    assertThat(candidates).isNotEmpty().allSatisfy(candidate -> {
      assertThat(candidate.getString("candidate")).contains(" 127.0.0.1 ");
      assertThat(candidate.getString("sdpMid")).isNotNull();
      assertThat(candidate.getInteger("sdpMLineIndex")).isNotNull();
    });
    assertThat(client.events().negotiations()).isEqualTo(1);
  }

  @Test
  void aLaterTrackIsOfferedOnlyAfterTheSfuAllowsIt() throws Exception {
    joinAndNegotiate();

    LocalTrack camera = get(client.publishCamera(320, 240));

    assertThat(sfu.types()).containsExactly("join", "offer", "is_allow_renegotiation", "offer");
    assertThat(sfu.framesOf("offer").get(1).getString("sdp"))
        .contains("a=msid:" + camera.streamId() + " " + camera.trackId(), "a=sendrecv");
    assertThat(client.events().negotiations()).isEqualTo(2);
  }

  @Test
  void aRefusedClientWaitsForAllowRenegotiationThenAsksAgain() throws Exception {
    joinAndNegotiate();
    sfu.allowReplies.add(false);

    CompletableFuture<LocalTrack> camera = client.publishCamera(320, 240);
    await().atMost(TIMEOUT).until(() -> client.events().refusals() == 1);
    // The client handles frames in order: once it answered this probe, it has acted on the
    // refusal too, so any offer it were to send would already be here.
    sfu.send(tracksAdded("probe"));
    await().atMost(TIMEOUT).until(() -> sfu.framesOf("tracks_added").size() == 1);
    assertThat(sfu.types())
        .containsExactly("join", "offer", "is_allow_renegotiation", "tracks_added");
    assertThat(camera).isNotDone();

    get(sfu.offer()); // the SFU's own renegotiation, the reason it said no
    await().atMost(TIMEOUT).until(() -> sfu.answersApplied.get() == 1);
    sfu.send(new JsonObject().put("type", "allow_renegotiation"));
    get(camera);
    assertThat(sfu.types()).containsExactly("join", "offer", "is_allow_renegotiation",
        "tracks_added", "answer", "is_allow_renegotiation", "offer");
    assertThat(client.events().negotiations()).isEqualTo(3);
  }

  @Test
  void unpublishingStopsSendingAfterAskingAgain() throws Exception {
    joinAndNegotiate();
    LocalTrack camera = get(client.publishCamera(320, 240));

    get(client.unpublish(camera));

    assertThat(sfu.types()).containsExactly("join", "offer", "is_allow_renegotiation", "offer",
        "is_allow_renegotiation", "offer");
    String offer = sfu.framesOf("offer").get(2).getString("sdp");
    // libwebrtc keeps the sender's a=msid on the m-line, now receive-only
    assertThat(offer).doesNotContain("a=sendrecv", "a=sendonly");
    assertThat(client.localTracks()).isEmpty();
  }

  @Test
  void tracksAddedIsAnsweredNamingScreenTracksScreenAndTheRestMedia() throws Exception {
    joinAndNegotiate();
    LocalTrack camera = get(client.publishCamera(320, 240));
    LocalTrack screen = get(client.publishScreen(640, 360));
    LocalTrack microphone = get(client.publishMicrophone());

    sfu.send(tracksAdded(camera.trackId(), screen.trackId(), microphone.trackId()));

    await().atMost(TIMEOUT).until(() -> sfu.framesOf("tracks_added").size() == 1);
    JsonObject named = sfu.framesOf("tracks_added").get(0);
    assertThat(named.getValue("id")).isNotNull();
    assertThat(named.getJsonObject("tracks")).isEqualTo(new JsonObject()
        .put(camera.trackId(), "media").put(screen.trackId(), "screen")
        .put(microphone.trackId(), "media"));
    assertThat(client.events().sourceTypesSent()).containsExactly(named.getJsonObject("tracks"));
    assertThat(screen.streamId()).isNotEqualTo(camera.streamId());
    assertThat(microphone.streamId()).isEqualTo(camera.streamId());
  }

  @Test
  void theClientAnswersAnSfuOfferAndDecodesTheTrackItsMsidNames() throws Exception {
    joinAndNegotiate();
    sfu.addFarEndCamera("s-alice", "cam-alice", 320, 240);

    get(sfu.offer());

    await().atMost(TIMEOUT).until(() -> sfu.answersApplied.get() == 1);
    assertThat(sfu.framesOf("answer").get(0).containsKey("id")).isFalse();
    assertThat(client.remoteTracksByMid().values())
        .extracting(RemoteTrackId::streamId, RemoteTrackId::trackId, RemoteTrackId::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("s-alice", "cam-alice", "video"));
    sfu.send(new JsonObject().put("type", "tracks_available")
        .put("tracks", new JsonArray().add(json(farCamera()))));
    await().atMost(TIMEOUT).until(() -> client.events().available().contains(farCamera()));
    DecodedMedia decoded = client.decoded(farCamera()).orElseThrow();
    decoded.firstFrame().get(20, SECONDS);
    assertThat(decoded.frames()).isPositive();
    assertThat(client.events().negotiations()).isEqualTo(2);
  }

  @Test
  void aTrackPublishedAfterReceivingOneKeepsItsOwnIdsInTheOffer() throws Exception {
    joinAndNegotiate();
    sfu.addFarEndCamera("s-alice", "cam-alice", 320, 240);
    get(sfu.offer());
    await().atMost(TIMEOUT).until(() -> sfu.answersApplied.get() == 1);

    LocalTrack screen = get(client.publishScreen(320, 240));
    sfu.send(tracksAdded(screen.trackId()));

    assertThat(sfu.framesOf("offer").get(1).getString("sdp"))
        .contains("a=msid:" + screen.streamId() + " " + screen.trackId());
    await().atMost(TIMEOUT).until(() -> sfu.framesOf("tracks_added").size() == 1);
    assertThat(sfu.framesOf("tracks_added").get(0).getJsonObject("tracks"))
        .isEqualTo(new JsonObject().put(screen.trackId(), "screen"));
  }

  @Test
  void anSfuOfferCrossingTheClientsOfferIsDroppedAndTheNextOneAnswered() throws Exception {
    joinAndNegotiate();
    sfu.holdOffers = true;
    CompletableFuture<LocalTrack> camera = client.publishCamera(320, 240);
    JsonObject heldOffer = sfu.heldOffers.poll(20, SECONDS);
    assertThat(heldOffer).isNotNull();

    get(sfu.offer());
    await().atMost(TIMEOUT).until(() -> client.events().crossedOffersDropped() == 1);
    get(sfu.rollBackOffer());
    sfu.holdOffers = false;
    get(sfu.answer(heldOffer));
    get(camera);
    get(sfu.offer());

    await().atMost(TIMEOUT).until(() -> sfu.answersApplied.get() == 1);
    assertThat(sfu.framesOf("answer")).hasSize(1);
    assertThat(sfu.types()).containsExactly(
        "join", "offer", "is_allow_renegotiation", "offer", "answer");
    assertThat(client.events().negotiations()).isEqualTo(3);
  }

  @Test
  void anOfferTheSfuRefusesFailsThePublishAndIsRolledBack() throws Exception {
    joinAndNegotiate();
    sfu.offerError = new JsonObject().put("code", "not_allowed")
        .put("message", "renegotiation in progress");

    assertThatThrownBy(() -> get(client.publishCamera(320, 240)))
        .cause().isInstanceOfSatisfying(SfuErrorException.class, error -> {
          assertThat(error.code()).isEqualTo("not_allowed");
          assertThat(error.requestType()).isEqualTo("offer");
        });
    LocalTrack microphone = get(client.publishMicrophone());

    assertThat(sfu.framesOf("offer").get(2).getString("sdp"))
        .contains("m=video", "a=msid:" + microphone.streamId() + " " + microphone.trackId());
    assertThat(client.events().negotiations()).isEqualTo(2);
  }

  @Test
  void roomEventsAreKeptAndSubscriptionsNameTracksByClientAndTrackId() throws Exception {
    joinAndNegotiate();
    TrackInfo mine = new TrackInfo(ScriptedSfu.CLIENT_ID, "t-own", "s-own", "audio", "media");
    sfu.send(new JsonObject().put("type", "client_joined").put("clientId", "c-2")
        .put("name", "carol"));
    sfu.send(new JsonObject().put("type", "connection_state").put("state", "connected"));
    sfu.send(new JsonObject().put("type", "tracks_available")
        .put("tracks", new JsonArray().add(json(farCamera())).add(json(mine))));
    await().atMost(TIMEOUT).until(() -> client.events().available().size() == 2);

    get(client.subscribeAll());
    get(client.unsubscribe(List.of(farCamera())));
    sfu.send(new JsonObject().put("type", "tracks_removed")
        .put("tracks", new JsonArray().add(json(farCamera()))));
    sfu.send(new JsonObject().put("type", "client_left").put("clientId", "c-2")
        .put("name", "carol"));
    await().atMost(TIMEOUT).until(() -> !client.events().clientsLeft().isEmpty());

    JsonArray reference = new JsonArray().add(new JsonObject()
        .put("clientId", ScriptedSfu.OTHER_ID).put("trackId", "cam-alice"));
    assertThat(sfu.framesOf("subscribe_tracks").get(0).getJsonArray("tracks"))
        .isEqualTo(reference);
    assertThat(sfu.framesOf("unsubscribe_tracks").get(0).getJsonArray("tracks"))
        .isEqualTo(reference);
    assertThat(client.events().available()).containsExactly(mine);
    assertThat(client.events().removed()).containsExactly(farCamera());
    assertThat(client.events().clientsJoined()).containsExactly(new Member("c-2", "carol"));
    assertThat(client.events().clientsLeft()).containsExactly(new Member("c-2", "carol"));
    assertThat(client.events().connectionStates()).containsExactly("connected");
  }

  @Test
  void trackPausedAndResumedForBandwidthAreSurfacedInOrder() throws Exception {
    joinAndNegotiate();
    sfu.send(new JsonObject().put("type", "track_paused").put("clientId", ScriptedSfu.OTHER_ID)
        .put("trackId", "cam-alice").put("reason", "bandwidth"));
    sfu.send(new JsonObject().put("type", "track_resumed").put("clientId", ScriptedSfu.OTHER_ID)
        .put("trackId", "cam-alice").put("reason", "bandwidth"));
    await().atMost(TIMEOUT).until(() -> client.events().trackPauses().size() == 2);

    assertThat(client.events().trackPauses()).containsExactly(
        new TrackPause(ScriptedSfu.OTHER_ID, "cam-alice", true, TrackPause.BANDWIDTH),
        new TrackPause(ScriptedSfu.OTHER_ID, "cam-alice", false, TrackPause.BANDWIDTH));
  }

  @Test
  void leaveGetsLeftAndTheSfuClosesTheSocket() throws Exception {
    try (SfuWebSocketClient own = new SfuWebSocketClient("127.0.0.1", sfu.port())) {
      get(own.connect());
      get(own.join("room-1", "dave"));
      get(own.firstNegotiation());

      assertThat(get(own.leave()).getString("type")).isEqualTo("left");
      get(own.socketClosed());
      assertThatThrownBy(() -> get(own.subscribeAll())).cause()
          .isInstanceOf(IllegalStateException.class);
    }
  }

  private void joinAndNegotiate() throws Exception {
    get(client.connect());
    get(client.join("room-1", "bob"));
    get(client.firstNegotiation());
  }

  private static TrackInfo farCamera() {
    return new TrackInfo(ScriptedSfu.OTHER_ID, "cam-alice", "s-alice", "video", "media");
  }

  private static JsonObject json(TrackInfo track) {
    return new JsonObject().put("clientId", track.clientId()).put("trackId", track.trackId())
        .put("streamId", track.streamId()).put("kind", track.kind())
        .put("source", track.source());
  }

  private static JsonObject tracksAdded(String... trackIds) {
    JsonArray tracks = new JsonArray();
    for (String trackId : trackIds) {
      tracks.add(new JsonObject().put("trackId", trackId).put("streamId", "s").put("kind", "video"));
    }
    return new JsonObject().put("type", "tracks_added").put("tracks", tracks);
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(TIMEOUT.toSeconds(), SECONDS);
  }
}
