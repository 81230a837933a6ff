package dev.vertxsfu.bus;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * inlivedev/sfu's client API as a Java API over the event bus: one client of one room, from any
 * verticle on any node. {@link #create} it, set its handlers, {@link #join}; its calls ({@link #negotiate},
 * {@link #addIceCandidate}, {@link #isAllowNegotiation}, ...) are docs/protocol.md requests to the
 * room; the room's events reach the handlers ({@link #onRenegotiation},
 * {@link #onTracksAvailable}, ...). The WebSocket front uses {@link #request} and
 * {@link #onEvent} to pass frames through unchanged.
 *
 * <p>Threads: handlers run on the context that called {@link #join}. Events a request caused
 * arrive after its reply, in order. A refused request fails with {@link SfuClientException}
 * carrying docs/protocol.md's error code. Requests go through {@link BusRequest}, with its
 * default timeout.
 */
public final class SfuClient {
  private final Vertx vertx;
  /** The node this client runs on: its room lets it go if the node leaves the cluster. */
  private final String node;
  private final String clientId;
  private final String roomId;
  private final BusRequest requests;
  private MessageConsumer<Object> events;
  private JsonObject joined;
  private Handler<JsonObject> onEvent = event -> { };
  private Handler<String> onRenegotiation = sdp -> { };
  private Handler<Void> onAllowedRemoteRenegotiation = v -> { };
  private Handler<JsonArray> onTracksAdded = tracks -> { };
  private Handler<JsonArray> onTracksAvailable = tracks -> { };
  private Handler<JsonArray> onTracksRemoved = tracks -> { };
  private Handler<JsonObject> onIceCandidate = candidate -> { };
  private Handler<String> onConnectionStateChanged = state -> { };
  private Handler<JsonObject> onError = error -> { };

  /** A refused request: docs/protocol.md's {@code code} and the room's message. */
  public static final class SfuClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    public SfuClientException(String code, String message) {
      super(message);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private SfuClient(Vertx vertx, String clientId, String roomId) {
    this.vertx = vertx;
    this.node = NodeId.of(vertx);
    this.clientId = clientId;
    this.roomId = roomId;
    this.requests = new BusRequest(vertx, BusRequest.DEFAULT_TIMEOUT_MILLIS);
  }

  /** A client of {@code roomId} under a new id; set its handlers, then {@link #join}. */
  public static SfuClient create(Vertx vertx, String roomId) {
    return new SfuClient(vertx, UUID.randomUUID().toString(), roomId);
  }

  /** A client with a given id (the WebSocket front's connection id). */
  public static SfuClient create(Vertx vertx, String roomId, String clientId) {
    return new SfuClient(vertx, clientId, roomId);
  }

  /** Joins under {@code name}; completes with the {@code joined} reply. */
  public Future<JsonObject> join(String name) {
    return join(new JsonObject().put("type", "join").put("room", roomId).put("name", name));
  }

  /**
   * Places the room (its node starts it if needed) and sends {@code joinMessage}; completes with
   * the {@code joined} reply. Events follow it (the tracks already in the room).
   */
  public Future<JsonObject> join(JsonObject joinMessage) {
    events = vertx.eventBus().consumer(BusAddresses.client(clientId), message -> {
      if (message.body() instanceof ClientEvent event && event.message() != null) {
        dispatch(event.message());
      }
    });
    return events.completion()
        .compose(v -> requests.ask(BusAddresses.ROOMS, new RoomStart(roomId, clientId, null),
            RoomStarted.class))
        .recover(SfuClient::translate)
        .compose(v -> request(joinMessage))
        .onSuccess(reply -> joined = reply)
        .onFailure(e -> events.unregister());
  }

  public String clientId() {
    return clientId;
  }

  public String roomId() {
    return roomId;
  }

  /** The {@code joined} reply: clientId, room, iceServers, clients. */
  public JsonObject joined() {
    return joined;
  }

  /**
   * Sends one docs/protocol.md message to the room; completes with its reply (or null when the
   * message has none), after which the events it caused are dispatched.
   */
  public Future<JsonObject> request(JsonObject message) {
    return requests.ask(BusAddresses.room(roomId), new ClientRequest(clientId, node, message),
            RoomReply.class)
        .recover(SfuClient::translate)
        .map(reply -> {
          vertx.runOnContext(v -> reply.events().forEach(this::dispatch));
          return reply.reply();
        });
  }

  /** {@code client.Negotiate(offer)}: completes with the SFU's answer. */
  public Future<String> negotiate(String offerSdp) {
    return request(new JsonObject().put("type", "offer").put("sdp", offerSdp))
        .map(reply -> reply.getString("sdp"));
  }

  /** The answer to the SFU's offer ({@link #onRenegotiation}). */
  public Future<Void> answer(String answerSdp) {
    return request(new JsonObject().put("type", "answer").put("sdp", answerSdp)).mapEmpty();
  }

  /** {@code client.AddICECandidate}: a candidate object, or null at the end of candidates. */
  public Future<Void> addIceCandidate(JsonObject candidate) {
    return request(new JsonObject().put("type", "candidate").put("candidate", candidate))
        .mapEmpty();
  }

  /** {@code client.IsAllowNegotiation()}. */
  public Future<Boolean> isAllowNegotiation() {
    return request(new JsonObject().put("type", "is_allow_renegotiation"))
        .map(reply -> reply.getBoolean("allowed"));
  }

  /** {@code client.SetTracksSourceType}: "media" or "screen" per track id. */
  public Future<Void> setTracksSourceType(Map<String, String> sources) {
    return request(new JsonObject().put("type", "tracks_added")
        .put("tracks", new JsonObject(Map.copyOf(sources)))).mapEmpty();
  }

  /** {@code client.SubscribeTracks}: each as {@code {clientId, trackId}}. */
  public Future<Void> subscribeTracks(List<JsonObject> tracks) {
    return request(new JsonObject().put("type", "subscribe_tracks")
        .put("tracks", new JsonArray(List.copyOf(tracks)))).mapEmpty();
  }

  public Future<Void> unsubscribeTracks(List<JsonObject> tracks) {
    return request(new JsonObject().put("type", "unsubscribe_tracks")
        .put("tracks", new JsonArray(List.copyOf(tracks)))).mapEmpty();
  }

  /** {@code client.End}: leaves the room and stops receiving events. */
  public Future<Void> leave() {
    return request(new JsonObject().put("type", "leave")).eventually(() -> events.unregister())
        .mapEmpty();
  }

  /** Stops receiving events and tells the room the client is gone (a closed connection). */
  public Future<Void> disconnect() {
    return requests.ask(BusAddresses.room(roomId), ClientRequest.disconnect(clientId, node),
            RoomReply.class)
        .eventually(() -> events.unregister())
        .mapEmpty();
  }

  /** Every event, as the docs/protocol.md message it is (before the typed handlers). */
  public SfuClient onEvent(Handler<JsonObject> handler) {
    this.onEvent = handler;
    return this;
  }

  /** {@code OnRenegotiation}: the SFU's offer; reply with {@link #answer}. */
  public SfuClient onRenegotiation(Handler<String> handler) {
    this.onRenegotiation = handler;
    return this;
  }

  /** {@code OnAllowedRemoteRenegotiation}. */
  public SfuClient onAllowedRemoteRenegotiation(Handler<Void> handler) {
    this.onAllowedRemoteRenegotiation = handler;
    return this;
  }

  /** {@code OnTracksAdded}: this client's tracks, waiting for {@link #setTracksSourceType}. */
  public SfuClient onTracksAdded(Handler<JsonArray> handler) {
    this.onTracksAdded = handler;
    return this;
  }

  /** {@code OnTracksAvailable}: other clients' tracks ({@code TrackInfo}). */
  public SfuClient onTracksAvailable(Handler<JsonArray> handler) {
    this.onTracksAvailable = handler;
    return this;
  }

  public SfuClient onTracksRemoved(Handler<JsonArray> handler) {
    this.onTracksRemoved = handler;
    return this;
  }

  /** {@code OnIceCandidate}: an SFU candidate, or null at the end. */
  public SfuClient onIceCandidate(Handler<JsonObject> handler) {
    this.onIceCandidate = handler;
    return this;
  }

  /** {@code OnConnectionStateChange}: new, connecting, connected, disconnected, failed, closed. */
  public SfuClient onConnectionStateChanged(Handler<String> handler) {
    this.onConnectionStateChanged = handler;
    return this;
  }

  public SfuClient onError(Handler<JsonObject> handler) {
    this.onError = handler;
    return this;
  }

  private void dispatch(JsonObject event) {
    onEvent.handle(event);
    switch (event.getString("type", "")) {
      case "offer" -> onRenegotiation.handle(event.getString("sdp"));
      case "allow_renegotiation" -> onAllowedRemoteRenegotiation.handle(null);
      case "tracks_added" -> onTracksAdded.handle(event.getJsonArray("tracks"));
      case "tracks_available" -> onTracksAvailable.handle(event.getJsonArray("tracks"));
      case "tracks_removed" -> onTracksRemoved.handle(event.getJsonArray("tracks"));
      case "candidate" -> onIceCandidate.handle(event.getJsonObject("candidate"));
      case "connection_state" -> onConnectionStateChanged.handle(event.getString("state"));
      case "error" -> onError.handle(event);
      default -> {
        // client_joined, client_left: onEvent sees them
      }
    }
  }

  private static <T> Future<T> translate(Throwable failure) {
    Refusal refusal = Refusal.of(failure);
    return Future.failedFuture(new SfuClientException(refusal.code().wireName(),
        Refusal.unanswered(failure) ? "the room did not answer: " + refusal.text()
            : refusal.text()));
  }
}
