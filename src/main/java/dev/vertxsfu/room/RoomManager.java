package dev.vertxsfu.room;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.RoomRequests;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * The rooms of this node: answers {@link BusAddresses#ROOMS} requests by starting the room on
 * its first request (one {@link RoomVerticle} each), and closes a room
 * {@code emptyCloseMillis} after its last client left.
 *
 * <p>Single-threaded like everything else: requests for one room are served in order, so two
 * simultaneous first joins start one room. (Across nodes, the cluster's placement does the same;
 * see the cluster issue.) A room that is closing finishes closing before it is started again.
 */
public final class RoomManager extends VerticleBase {
  static final long CHECK_MILLIS = 1000;

  private final SfuConfig.MediaConfig media;
  private final DtlsCertificate certificate;
  private final long emptyCloseMillis;
  private final Map<String, Future<RoomVerticle>> rooms = new HashMap<>();
  private final Map<String, String> deployments = new HashMap<>();
  private final Map<String, Long> emptySince = new HashMap<>();
  private final Map<String, Future<?>> closing = new HashMap<>();
  private MessageConsumer<JsonObject> consumer;

  public RoomManager(SfuConfig.MediaConfig media, DtlsCertificate certificate,
      long emptyCloseMillis) {
    this.media = media;
    this.certificate = certificate;
    this.emptyCloseMillis = emptyCloseMillis;
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().consumer(BusAddresses.ROOMS, this::onRequest);
    vertx.setPeriodic(CHECK_MILLIS, id -> closeEmptyRooms());
    return consumer.completion();
  }

  /** The room {@code roomId}, started if it is not running. */
  public Future<RoomVerticle> room(String roomId) {
    Future<RoomVerticle> running = rooms.get(roomId);
    if (running != null && !running.failed()) {
      emptySince.remove(roomId);
      return running;
    }
    Future<?> previous = closing.getOrDefault(roomId, Future.succeededFuture());
    RoomVerticle room = new RoomVerticle(roomId, media, certificate);
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

  private void onRequest(Message<JsonObject> request) {
    String roomId = request.body().getString("roomId");
    if (roomId == null) {
      request.fail(RoomRequests.FAILURE_CODE, RoomRequests.failure("bad_request", "no roomId"));
      return;
    }
    room(roomId).onComplete(started -> {
      if (started.succeeded()) {
        request.reply(new JsonObject().put("roomId", roomId));
      } else {
        rooms.remove(roomId);
        request.fail(RoomRequests.FAILURE_CODE, RoomRequests.failure("unavailable",
            "room " + roomId + " could not start: " + started.cause().getMessage()));
      }
    });
  }

  private void closeEmptyRooms() {
    long now = RoomVerticle.now();
    for (Map.Entry<String, Future<RoomVerticle>> entry : Map.copyOf(rooms).entrySet()) {
      String roomId = entry.getKey();
      if (!entry.getValue().succeeded()) {
        continue;
      }
      RoomVerticle room = entry.getValue().result();
      room.clientCount().onSuccess(count -> {
        if (count > 0) {
          emptySince.remove(roomId);
          return;
        }
        long since = emptySince.computeIfAbsent(roomId, id -> now);
        if (now - since >= emptyCloseMillis && rooms.get(roomId) == entry.getValue()) {
          close(roomId, room);
        }
      });
    }
  }

  private void close(String roomId, RoomVerticle room) {
    Future<?> closed = room.closeIfEmpty().compose(isClosed -> {
      if (!isClosed) {
        emptySince.remove(roomId);
        return Future.succeededFuture();
      }
      rooms.remove(roomId);
      emptySince.remove(roomId);
      return vertx.undeploy(deployments.remove(roomId));
    });
    closing.put(roomId, closed);
    closed.onComplete(done -> closing.remove(roomId, closed));
  }
}
