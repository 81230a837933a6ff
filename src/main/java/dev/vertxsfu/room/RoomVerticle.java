package dev.vertxsfu.room;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.RoomRequests;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.media.router.Router;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * One room (DESIGN.md): the single owner of its UDP socket and of its {@link Room} (clients,
 * transports, router, negotiations). Every packet, timer and call of a room runs on this
 * verticle's event loop, so nothing in it takes a lock.
 *
 * <p>Two ways in. Clients anywhere in the cluster send docs/protocol.md messages to
 * {@link BusAddresses#room(String)} ({@link RoomBusHandler}). In-process code and tests use the
 * Java API below, which may be called from any thread: each call hops onto the room's loop and
 * completes its future there, and the events it causes reach the client's
 * {@link RoomClientListener} after that. A refused call fails with a {@link RoomException}
 * carrying docs/protocol.md's code and leaves the room as it was.
 */
public final class RoomVerticle extends VerticleBase {
  static final long TICK_MILLIS = 20;
  static final long CONSENT_CHECK_MILLIS = 1000;

  private final String roomId;
  private final SfuConfig.MediaConfig media;
  private final DtlsCertificate certificate;
  private final IceServerList iceServers;
  private Room room;
  private MediaSocket socket;
  private MessageConsumer<JsonObject> requests;
  private MessageConsumer<String> nodeLeft;
  private long timer;
  private boolean closed;

  /** A test's view of what leaves the socket: return false to drop the datagram. */
  interface SendFilter {
    boolean send(String clientId, byte[] buf, int off, int len);
  }

  public RoomVerticle(String roomId, SfuConfig.MediaConfig media, DtlsCertificate certificate) {
    this(roomId, media, certificate, IceServerList.NONE);
  }

  /** A room whose {@code joined} replies carry {@code iceServers}. */
  public RoomVerticle(String roomId, SfuConfig.MediaConfig media, DtlsCertificate certificate,
      IceServerList iceServers) {
    this.roomId = roomId;
    this.media = media;
    this.certificate = certificate;
    this.iceServers = iceServers;
  }

  @Override
  public Future<?> start() {
    Executor owner = task -> context.runOnContext(v -> task.run());
    Executor blocking = task -> vertx.executeBlocking(() -> {
      task.run();
      return null;
    }, false);
    room = new Room(roomId, media, certificate, owner, blocking);
    timer = vertx.setPeriodic(TICK_MILLIS, id -> room.tick(now()));
    RoomBusHandler handler = new RoomBusHandler(room, vertx.eventBus(), iceServers);
    requests = vertx.eventBus().consumer(BusAddresses.room(roomId), request -> {
      if (closed) {
        request.fail(RoomRequests.FAILURE_CODE,
            RoomRequests.failure("unavailable", "room " + roomId + " is closing; join again"));
      } else {
        handler.handle(request);
      }
    });
    nodeLeft = vertx.eventBus().localConsumer(BusAddresses.NODE_LEFT,
        message -> handler.frontLost(message.body()));
    return MediaSocket.bind(vertx, media.bindHost(), media.minPort(), media.maxPort(),
            (buf, off, len, from) -> room.server().receive(buf, off, len, from, now()))
        .onSuccess(bound -> {
          socket = bound;
          room.attach(bound);
        })
        .compose(bound -> Future.join(requests.completion(), nodeLeft.completion()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    room.close();
    return Future.join(requests.unregister(), nodeLeft.unregister(),
        socket == null ? Future.succeededFuture() : socket.close());
  }

  public String roomId() {
    return roomId;
  }

  /** The UDP port every client of this room sends media to. */
  public int mediaPort() {
    return socket.port();
  }

  /** Adds a client; it negotiates with {@link #negotiate} next. */
  public Future<Void> addClient(String clientId, RoomClientListener listener) {
    return onLoop(() -> {
      room.join(clientId, clientId, listener);
      return null;
    });
  }

  /** The client's offer; completes with the SFU's answer. */
  public Future<String> negotiate(String clientId, String offerSdp) {
    return onLoop(() -> room.offer(clientId, offerSdp, now()));
  }

  /** A trickled ICE candidate of the client ({@code null} or "" ends them): checked, not used. */
  public Future<Void> addIceCandidate(String clientId, String candidate) {
    return onLoop(() -> {
      room.addIceCandidate(clientId, candidate);
      return null;
    });
  }

  /** Whether the client may offer now ({@code is_allow_renegotiation}). */
  public Future<Boolean> isAllowRenegotiation(String clientId) {
    return onLoop(() -> room.isAllowRenegotiation(clientId, now()));
  }

  /** The client names the source of its tracks: "media" or "screen" per track id. */
  public Future<Void> setTracksSourceType(String clientId, Map<String, String> sources) {
    return onLoop(() -> {
      room.setTracksSourceType(clientId, sources);
      return null;
    });
  }

  /** The client wants to receive these producers; the SFU offers them. */
  public Future<Void> subscribe(String clientId, List<String> producerIds) {
    return onLoop(() -> {
      room.subscribe(clientId, producerIds, now());
      return null;
    });
  }

  /** The client no longer wants these producers; the SFU offers without them. */
  public Future<Void> unsubscribe(String clientId, List<String> producerIds) {
    return onLoop(() -> {
      room.unsubscribe(clientId, producerIds, now());
      return null;
    });
  }

  /** The client's answer to the SFU's last offer. */
  public Future<Void> answer(String clientId, String answerSdp) {
    return onLoop(() -> {
      room.answer(clientId, answerSdp, now());
      return null;
    });
  }

  /** Removes a client, its tracks from everyone who received them, and its transport. */
  public Future<Void> removeClient(String clientId) {
    return onLoop(() -> {
      room.leave(clientId, now());
      return null;
    });
  }

  /** The tracks published in the room whose source is named. */
  public Future<List<TrackInfo>> tracks() {
    return onLoop(() -> room.announcedTracks(null));
  }

  /** How many clients are in the room. */
  public Future<Integer> clientCount() {
    return onLoop(() -> room.clientCount());
  }

  /**
   * Closes the room to new requests if it has no client (on its own loop, so no join can slip
   * in between); the manager then undeploys it. Requests after that fail with
   * {@code unavailable}.
   */
  public Future<Boolean> closeIfEmpty() {
    return onLoop(() -> {
      if (room.clientCount() == 0) {
        closed = true;
      }
      return closed;
    });
  }

  /**
   * The room leaves this node: it takes no more requests, and every client is told
   * {@code room_moved} with {@code reason}; the manager then undeploys it. Completes with how
   * many clients were told.
   */
  Future<Integer> evacuate(String reason) {
    return onLoop(() -> {
      closed = true;
      room.evacuate(reason);
      return room.clientCount();
    });
  }

  /** Runs {@code task} on the room's loop: for tests that read its state. */
  <T> Future<T> inspect(Callable<T> task) {
    return onLoop(task);
  }

  /** The room's media graph; read it only on the room's loop ({@link #inspect}). */
  Router router() {
    return room.router();
  }

  /** Test hook: every datagram about to leave the socket passes through {@code filter}. */
  Future<Void> setSendFilter(SendFilter filter) {
    return onLoop(() -> {
      room.setSendFilter(filter);
      return null;
    });
  }

  static long now() {
    return System.nanoTime() / 1_000_000;
  }

  private <T> Future<T> onLoop(Callable<T> task) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        promise.complete(room.call(task));
      } catch (Exception e) {
        promise.fail(e);
      } finally {
        room.flush();
      }
    });
    return promise.future();
  }
}
