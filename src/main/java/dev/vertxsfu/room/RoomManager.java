package dev.vertxsfu.room;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.RoomRequests;
import dev.vertxsfu.cluster.Clustering;
import dev.vertxsfu.cluster.RoomPlacement;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.signaling.SignalingVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The rooms of this node, and this node's part in placing rooms in the cluster.
 *
 * <p>A {@link BusAddresses#ROOMS} request (from this node's signaling fronts, a local
 * consumer) is placed by {@link RoomPlacement}: where the room runs, or the least-loaded live
 * node under a cluster-wide lock, so two simultaneous first joins on two nodes make one room.
 * That node's manager ({@link BusAddresses#roomsOn}) starts it (one {@link RoomVerticle} each).
 * Every second the manager publishes this node's load, and closes a room
 * {@code emptyCloseMillis} after its last client left, forgetting its placement.
 *
 * <p>A room can leave the node ({@link #moveRoom}): its placement is forgotten, its clients
 * hear {@code room_moved} and join again, which places it anew. Draining ({@link #drain}) moves
 * every room and marks the node's load {@code draining}, so placement passes it over. When
 * another node leaves the cluster ({@link BusAddresses#NODE_LEFT}) its placements are forgotten.
 *
 * <p>Single-threaded like everything else: requests for one room are served in order. A room
 * that is closing finishes closing before it is started again.
 */
public final class RoomManager extends VerticleBase {
  static final long CHECK_MILLIS = 1000;

  private final SfuConfig.MediaConfig media;
  private final DtlsCertificate certificate;
  private final long emptyCloseMillis;
  private final IceServerList iceServers;
  private final Map<String, Future<RoomVerticle>> rooms = new HashMap<>();
  private final Map<String, String> deployments = new HashMap<>();
  private final Map<String, Long> emptySince = new HashMap<>();
  private final Map<String, Future<?>> closing = new HashMap<>();
  private MessageConsumer<JsonObject> consumer;
  private MessageConsumer<JsonObject> hostConsumer;
  private MessageConsumer<String> nodeLeft;
  private RoomPlacement placement;
  private boolean draining;

  public RoomManager(SfuConfig.MediaConfig media, DtlsCertificate certificate,
      long emptyCloseMillis) {
    this(media, certificate, emptyCloseMillis, IceServerList.NONE);
  }

  /** A manager whose rooms tell joining clients of {@code iceServers}. */
  public RoomManager(SfuConfig.MediaConfig media, DtlsCertificate certificate,
      long emptyCloseMillis, IceServerList iceServers) {
    this.media = media;
    this.certificate = certificate;
    this.emptyCloseMillis = emptyCloseMillis;
    this.iceServers = iceServers;
  }

  @Override
  public Future<?> start() {
    placement = new RoomPlacement(vertx, nodeId());
    consumer = vertx.eventBus().localConsumer(BusAddresses.ROOMS, this::onRequest);
    hostConsumer = vertx.eventBus().consumer(BusAddresses.roomsOn(placement.nodeId()),
        this::onHostRequest);
    nodeLeft = vertx.eventBus().localConsumer(BusAddresses.NODE_LEFT,
        message -> placement.forgetNode(message.body()));
    vertx.setPeriodic(CHECK_MILLIS, id -> tick());
    return Future.join(consumer.completion(), hostConsumer.completion(), nodeLeft.completion())
        .compose(v -> publishLoad(0));
  }

  /** This node's id in the cluster (the cluster manager's), or its own one when alone. */
  public String nodeId() {
    return placement != null ? placement.nodeId() : Clustering.nodeId(vertx);
  }

  /** The room {@code roomId}, started if it is not running. */
  public Future<RoomVerticle> room(String roomId) {
    Future<RoomVerticle> running = rooms.get(roomId);
    if (running != null && !running.failed()) {
      emptySince.remove(roomId);
      return running;
    }
    Future<?> previous = closing.getOrDefault(roomId, Future.succeededFuture());
    RoomVerticle room = new RoomVerticle(roomId, media, certificate, iceServers);
    Future<RoomVerticle> started = previous.transform(done -> vertx.deployVerticle(room))
        .map(id -> {
          deployments.put(roomId, id);
          return room;
        });
    rooms.put(roomId, started);
    return started;
  }

  /** How many rooms run on this node. */
  public int roomCount() {
    return rooms.size();
  }

  /**
   * Moves {@code roomId} off this node: forgets where it runs, tells its clients
   * {@code room_moved} with {@code reason}, and closes it. Their joins place it again: on
   * another node when this one drains, else wherever placement puts it. Any thread.
   */
  public Future<Void> moveRoom(String roomId, String reason) {
    return onLoop(() -> move(roomId, reason));
  }

  private Future<Void> move(String roomId, String reason) {
    Future<RoomVerticle> running = rooms.remove(roomId);
    if (running == null) {
      return Future.succeededFuture();
    }
    emptySince.remove(roomId);
    Future<Void> moved = placement.forget(roomId)
        .transform(forgotten -> running)
        .compose(room -> room.evacuate(reason))
        .transform(told -> undeploy(roomId));
    return closing(roomId, moved);
  }

  /**
   * Starts draining: the node's load says {@code draining} (no room is placed here any more),
   * then every room moves. Completes when they have all moved. Any thread.
   */
  public Future<Void> drain() {
    return onLoop(() -> {
      draining = true;
      List<Future<Void>> moves = new ArrayList<>();
      return publishLoad(0).transform(published -> {
        List.copyOf(rooms.keySet()).forEach(roomId -> moves.add(move(roomId, "drain")));
        return Future.join(moves);
      }).mapEmpty();
    });
  }

  /** How many rooms run here, asked on the manager's loop. Any thread. */
  public Future<Integer> roomCountNow() {
    return onLoop(() -> Future.succeededFuture(rooms.size()));
  }

  private <T> Future<T> onLoop(Supplier<Future<T>> task) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> task.get().onComplete(promise));
    return promise.future();
  }

  /** Placement: where the room runs or should, then that node starts it. */
  private void onRequest(Message<JsonObject> request) {
    String roomId = request.body().getString("roomId");
    if (roomId == null) {
      request.fail(RoomRequests.FAILURE_CODE, RoomRequests.failure("bad_request", "no roomId"));
      return;
    }
    placeAndStart(roomId, true).onComplete(placed -> {
      if (placed.succeeded()) {
        request.reply(new JsonObject().put("roomId", roomId).put("node", placed.result()));
      } else {
        request.fail(RoomRequests.FAILURE_CODE, RoomRequests.failure("unavailable",
            "room " + roomId + " could not start: " + placed.cause().getMessage()));
      }
    });
  }

  private Future<String> placeAndStart(String roomId, boolean retry) {
    return placement.place(roomId).compose(node -> {
      Future<?> started = node.equals(placement.nodeId())
          ? (draining ? Future.failedFuture("this node drains") : room(roomId))
          : vertx.eventBus().request(BusAddresses.roomsOn(node),
              new JsonObject().put("roomId", roomId));
      return started.map(node).recover(failure -> retry
          // the node died after its last load report: place the room anew
          ? placement.forgetOn(roomId, node).compose(v -> placeAndStart(roomId, false))
          : Future.failedFuture(failure));
    });
  }

  /** Another node's placement chose this node for {@code roomId}. */
  private void onHostRequest(Message<JsonObject> request) {
    String roomId = request.body().getString("roomId");
    if (draining) {
      request.fail(RoomRequests.FAILURE_CODE, RoomRequests.failure("unavailable",
          "node " + placement.nodeId() + " drains"));
      return;
    }
    room(roomId).onComplete(started -> {
      if (started.succeeded()) {
        request.reply(new JsonObject().put("roomId", roomId));
      } else {
        rooms.remove(roomId);
        request.fail(RoomRequests.FAILURE_CODE, RoomRequests.failure("unavailable",
            started.cause().getMessage()));
      }
    });
  }

  private void tick() {
    closeEmptyRooms().onComplete(clients -> publishLoad(clients.succeeded() ? clients.result() : 0));
  }

  private Future<Void> publishLoad(int clients) {
    int connections = SignalingVerticle.connectionsOnNode(vertx);
    return placement.publishLoad(new JsonObject().put("rooms", rooms.size())
        .put("clients", clients).put("connections", connections).put("draining", draining));
  }

  /** Closes rooms empty for long enough; completes with the clients of this node's rooms. */
  private Future<Integer> closeEmptyRooms() {
    long now = RoomVerticle.now();
    List<Future<Integer>> counts = new ArrayList<>();
    for (Map.Entry<String, Future<RoomVerticle>> entry : Map.copyOf(rooms).entrySet()) {
      String roomId = entry.getKey();
      if (!entry.getValue().succeeded()) {
        continue;
      }
      RoomVerticle room = entry.getValue().result();
      counts.add(room.clientCount().onSuccess(count -> {
        if (count > 0) {
          emptySince.remove(roomId);
          return;
        }
        long since = emptySince.computeIfAbsent(roomId, id -> now);
        if (now - since >= emptyCloseMillis && rooms.get(roomId) == entry.getValue()) {
          close(roomId, room);
        }
      }));
    }
    return Future.join(counts).map(all -> counts.stream().filter(Future::succeeded)
        .mapToInt(Future::result).sum());
  }

  private void close(String roomId, RoomVerticle room) {
    Future<?> closed = room.closeIfEmpty().compose(isClosed -> {
      if (!isClosed) {
        emptySince.remove(roomId);
        return Future.succeededFuture();
      }
      rooms.remove(roomId);
      emptySince.remove(roomId);
      return undeploy(roomId).compose(v -> placement.forget(roomId));
    });
    closing(roomId, closed);
  }

  /** The room's verticle goes (if it was deployed at all). */
  private Future<Void> undeploy(String roomId) {
    String deployment = deployments.remove(roomId);
    return deployment == null ? Future.succeededFuture() : vertx.undeploy(deployment);
  }

  /** {@code roomId} is closing until {@code closed} completes: a new start waits for it. */
  private <T> Future<T> closing(String roomId, Future<T> closed) {
    closing.put(roomId, closed);
    closed.onComplete(done -> closing.remove(roomId, closed));
    return closed;
  }
}
