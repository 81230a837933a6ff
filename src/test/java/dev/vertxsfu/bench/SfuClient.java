package dev.vertxsfu.bench;

import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.Msid;
import dev.vertxsfu.wire.sdp.SessionDescription;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One synthetic client of our SFU: a {@link SyntheticPeer} and its signaling socket, following
 * docs/protocol.md's flow. A publisher offers its two tracks and names them {@code media} when the
 * SFU reports them ({@code tracks_added}); a subscriber offers receive-only sections first, then
 * sends {@code subscribe_tracks} and answers every SFU offer ({@link SubscriberAnswer}). The
 * client never offers again after its first offer, so it never needs
 * {@code is_allow_renegotiation}; an {@code allow_renegotiation} is ignored.
 *
 * <p>Threads: signaling events on the socket's Vert.x event loop (which alone touches the
 * fields below); the peer's transport work is posted to its {@link PeerLoop}.
 */
final class SfuClient {
  private static final SecureRandom SESSION_IDS = new SecureRandom();

  private final SyntheticPeer peer;
  private final long sessionId = SESSION_IDS.nextLong() & Long.MAX_VALUE;
  private final Set<String> wantedTracks = new HashSet<>();
  private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
  private final CompletableFuture<JsonArray> tracksAdded = new CompletableFuture<>();
  private SfuSignaling signaling;
  private String clientId;
  private long answerVersion = 1;
  /** Written on the signaling event loop, read by the harness's thread. */
  private volatile String lastLayer;

  private SfuClient(SyntheticPeer peer) {
    this.peer = peer;
  }

  String clientId() {
    return clientId;
  }

  /** Connects and joins {@code room}. */
  static Future<SfuClient> join(Vertx vertx, String host, int port, String room, String name,
      SyntheticPeer peer) {
    SfuClient client = new SfuClient(peer);
    return SfuSignaling.connect(vertx, host, port, client::onEvent)
        .compose(signaling -> {
          client.signaling = signaling;
          return signaling.request("join", new JsonObject().put("room", room).put("name", name));
        })
        .map(joined -> {
          client.clientId = joined.getString("clientId");
          return client;
        });
  }

  /**
   * Publishes: offer, answer, start the transport, name the tracks {@code media}. Several
   * video SSRCs (smallest encoding first) make the video track simulcast.
   */
  Future<Void> publish(String streamId, String videoTrackId, long[] videoSsrcs,
      String audioTrackId, long audioSsrc) {
    SessionDescription offer = ClientOffer.publisher(LocalTransport.of(peer), sessionId, streamId,
        videoTrackId, videoSsrcs, audioTrackId, audioSsrc);
    return offer(offer)
        .compose(v -> Future.fromCompletionStage(tracksAdded))
        .compose(tracks -> {
          JsonObject sources = new JsonObject();
          for (int i = 0; i < tracks.size(); i++) {
            sources.put(tracks.getJsonObject(i).getString("trackId"), "media");
          }
          return signaling.request("tracks_added", new JsonObject().put("tracks", sources));
        })
        .mapEmpty();
  }

  /**
   * Subscribes to {@code tracks} ({@code [{clientId, trackId}]}): a receive-only first offer,
   * then {@code subscribe_tracks}; completes once an SFU offer carrying every one of them
   * has been answered.
   */
  Future<Void> subscribe(List<BenchTarget.Publication> publications) {
    JsonArray tracks = new JsonArray();
    for (BenchTarget.Publication p : publications) {
      tracks.add(new JsonObject().put("clientId", p.clientId()).put("trackId", p.videoTrackId()));
      tracks.add(new JsonObject().put("clientId", p.clientId()).put("trackId", p.audioTrackId()));
      wantedTracks.add(p.videoTrackId());
      wantedTracks.add(p.audioTrackId());
    }
    return offer(ClientOffer.receiveOnly(LocalTransport.of(peer), sessionId))
        .compose(v -> signaling.request("subscribe_tracks", new JsonObject().put("tracks", tracks)))
        .compose(ok -> Future.fromCompletionStage(subscribed));
  }

  Future<Void> leave() {
    return signaling.request("leave", new JsonObject()).otherwiseEmpty()
        .eventually(() -> signaling.close()).mapEmpty();
  }

  private Future<Void> offer(SessionDescription offer) {
    return signaling.request("offer", new JsonObject().put("sdp", offer.format()))
        .map(answer -> {
          RemoteTransport remote = RemoteTransport.of(
              SessionDescription.parse(answer.getString("sdp")));
          peer.loop().execute(() -> peer.start(remote, true, remote.weAreDtlsClient()));
          return null;
        });
  }

  /**
   * The spatial index of the simulcast layer the SFU last said this subscriber gets of a track
   * ({@code layer_changed}), or null.
   */
  String lastLayer() {
    return lastLayer;
  }

  private void onEvent(JsonObject event) {
    switch (event.getString("type", "")) {
      case "tracks_added" -> tracksAdded.complete(event.getJsonArray("tracks"));
      case "offer" -> answerOffer(event.getString("sdp"));
      case "layer_changed" -> lastLayer = String.valueOf(event.getInteger("spatial"));
      default -> { } // tracks_available, connection_state, client_joined...: not needed here
    }
  }

  private void answerOffer(String sdp) {
    SessionDescription offer = SessionDescription.parse(sdp);
    SessionDescription answer = SubscriberAnswer.build(offer, LocalTransport.of(peer), sessionId,
        ++answerVersion);
    signaling.send("answer", new JsonObject().put("sdp", answer.format()));
    Set<String> offered = new HashSet<>();
    for (MediaDescription media : offer.media()) {
      for (Msid msid : media.attributes().msids()) {
        offered.add(msid.appData());
      }
    }
    if (!wantedTracks.isEmpty() && offered.containsAll(wantedTracks)) {
      subscribed.complete(null);
    }
  }
}
