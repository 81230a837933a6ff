package dev.vertxsfu.bench.janus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A client of Janus's VideoRoom plugin over the Janus WebSocket API: one session on one
 * WebSocket ({@link JanusConnection}: transactions, keepalive, events), one handle per
 * publisher or subscriber PeerConnection. The load harness uses it the way it uses the SFU's
 * signaling: create a room, publish with an SDP offer and get the answer, subscribe to a feed
 * and get Janus's offer, answer it with {@link #start}.
 *
 * <p>The client's SDPs may carry its candidates (then no {@link #trickle} is needed) or it may
 * trickle them. Janus's own SDPs always carry Janus's candidates (half-trickle, checked by
 * {@code JanusVideoRoomTest}).
 *
 * <p>Threads: every method may be called from any thread and returns at once; the work runs on
 * the connection's Vert.x context and the futures complete there (see {@link JanusConnection}).
 * Owns its connection; {@link #close()} destroys the session, which frees every handle.
 */
public final class JanusVideoRoom {
  static final String PLUGIN = "janus.plugin.videoroom";
  /** The most a room accepts, well above any benchmark step. */
  static final int MAX_PUBLISHERS = 1000;
  /** The bitrate cap Janus announces to publishers (REMB), high enough never to bind. */
  static final long ROOM_BITRATE = 20_000_000;

  private final JanusConnection connection;

  private JanusVideoRoom(JanusConnection connection) {
    this.connection = connection;
  }

  /** Opens a session with the Janus whose WebSocket API is on {@code 127.0.0.1:port}. */
  public static Future<JanusVideoRoom> connect(Vertx vertx, int port) {
    return JanusConnection.open(vertx, "127.0.0.1", port).compose(connection ->
        connection.onContext(connection::createSession)
            .transform(session -> session.succeeded()
                ? Future.succeededFuture(new JanusVideoRoom(connection))
                : connection.close().transform(r -> Future.failedFuture(session.cause()))));
  }

  /**
   * VideoRoom {@code create}: a room that lives as long as this Janus process (permanent
   * false), for up to {@value #MAX_PUBLISHERS} publishers, VP8 and Opus, a generous bitrate cap.
   * Fails with {@link JanusException} (427) when it exists already.
   */
  public Future<Void> createRoom(long room) {
    JsonObject body = new JsonObject().put("request", "create").put("room", room)
        .put("permanent", false).put("publishers", MAX_PUBLISHERS)
        .put("bitrate", ROOM_BITRATE).put("videocodec", "vp8").put("audiocodec", "opus")
        .put("notify_joining", false);
    return connection.onContext(() -> connection.attach(PLUGIN).compose(handle ->
        connection.message(handle, body, null)
            .eventually(() -> connection.detach(handle))
            .mapEmpty()));
  }

  /**
   * Attaches a handle and sends {@code joinandconfigure} as publisher with the client's SDP
   * offer; completes with Janus's answer and the feed id. A refused join detaches the handle.
   */
  public Future<JanusPublisher> publish(long room, String display, String offerSdp) {
    JsonObject body = new JsonObject().put("request", "joinandconfigure").put("room", room)
        .put("ptype", "publisher").put("display", display);
    return connection.onContext(() -> connection.attach(PLUGIN).compose(handle ->
        detachOnFailure(handle, connection.message(handle, body, jsep("offer", offerSdp))
            .map(joined -> new JanusPublisher(handle, room, joined.pluginNumber("id"),
                joined.jsep("answer"))))));
  }

  /** {@link #subscribe(long, List)} to one feed. */
  public Future<JanusSubscription> subscribe(long room, long feedId) {
    return subscribe(room, List.of(feedId));
  }

  /**
   * Attaches a handle and {@code join}s as subscriber to the feeds (one PeerConnection for all
   * of them); completes with Janus's SDP offer. A refused join detaches the handle.
   */
  public Future<JanusSubscription> subscribe(long room, List<Long> feedIds) {
    JsonArray streams = new JsonArray();
    feedIds.forEach(feed -> streams.add(new JsonObject().put("feed", feed)));
    JsonObject body = new JsonObject().put("request", "join").put("room", room)
        .put("ptype", "subscriber").put("streams", streams);
    return connection.onContext(() -> connection.attach(PLUGIN).compose(handle ->
        detachOnFailure(handle, connection.message(handle, body, null)
            .map(attached -> new JanusSubscription(handle, room, feedIds,
                attached.jsep("offer"))))));
  }

  /** {@code start} with the client's SDP answer to the subscription's offer. */
  public Future<Void> start(JanusSubscription subscription, String answerSdp) {
    JsonObject body = new JsonObject().put("request", "start");
    return connection.onContext(() -> connection.message(subscription.handle(), body,
        jsep("answer", answerSdp)).mapEmpty());
  }

  /** Trickles one client candidate ({@code candidate:...} line, as libwebrtc gives it). */
  public Future<Void> trickle(JanusHandle handle, String candidate, String sdpMid,
      int sdpMLineIndex) {
    JsonObject body = new JsonObject().put("candidate", candidate).put("sdpMid", sdpMid)
        .put("sdpMLineIndex", sdpMLineIndex);
    return connection.onContext(() -> connection.trickle(handle, body));
  }

  /** Tells Janus the client has no more candidates for the handle. */
  public Future<Void> trickleComplete(JanusHandle handle) {
    return connection.onContext(() ->
        connection.trickle(handle, new JsonObject().put("completed", true)));
  }

  /** Detaches a publisher's or subscriber's handle: Janus closes its PeerConnection. */
  public Future<Void> detach(JanusHandle handle) {
    return connection.onContext(() -> connection.detach(handle));
  }

  /** Destroys the session (Janus frees its handles) and closes the WebSocket. */
  public Future<Void> close() {
    return connection.onContext(connection::close);
  }

  /** The connection, for tests of the raw API. */
  JanusConnection connection() {
    return connection;
  }

  private <T> Future<T> detachOnFailure(JanusHandle handle, Future<T> request) {
    return request.recover(failure ->
        connection.detach(handle).transform(r -> Future.<T>failedFuture(failure)));
  }

  private static JsonObject jsep(String type, String sdp) {
    return new JsonObject().put("type", type).put("sdp", sdp);
  }
}
