package dev.vertxsfu.room;

import static dev.vertxsfu.room.RoomManagerTest.await;
import static dev.vertxsfu.room.RoomManagerTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.ClientEvent;
import dev.vertxsfu.bus.ClientRequest;
import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.bus.Refusal;
import dev.vertxsfu.bus.RoomReply;
import dev.vertxsfu.bus.RoomStart;
import dev.vertxsfu.bus.RoomStarted;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rooms leaving a node (docs/protocol.md) on a real room manager and real rooms:
 * a moved room tells each client {@code room_moved} and starts again on the next join; a
 * draining node takes no room; a room lets go of the clients whose signaling node left.
 */
@ExtendWith(VertxExtension.class)
class RoomMoveTest {

  @Test
  void aMovedRoomTellsEveryClientAndTheNextJoinStartsItAgain(Vertx vertx) throws Exception {
    RoomManager manager = deploy(vertx);
    BlockingQueue<JsonObject> ann = events(vertx, "ann");
    BlockingQueue<JsonObject> bo = events(vertx, "bo");
    join(vertx, "r", "ann", "front-1");
    join(vertx, "r", "bo", "front-1");
    ann.clear();
    bo.clear();

    await(manager.moveRoom("r", "drain"));

    JsonObject moved = new JsonObject().put("type", "room_moved").put("room", "r")
        .put("reason", "drain");
    assertThat(next(ann)).isEqualTo(moved);
    assertThat(next(bo)).isEqualTo(moved);
    assertThat(manager.roomCount()).isZero();
    assertThat(ann.poll(200, TimeUnit.MILLISECONDS)).as("nothing after room_moved").isNull();
    join(vertx, "r", "ann", "front-1");
    assertThat(manager.roomCount()).isEqualTo(1);
  }

  @Test
  void aDrainingNodeMovesItsRoomsAndStartsNoNewOne(Vertx vertx) throws Exception {
    RoomManager manager = deploy(vertx);
    BlockingQueue<JsonObject> ann = events(vertx, "ann");
    join(vertx, "r", "ann", "front-1");
    ann.clear();

    await(manager.drain());

    assertThat(next(ann).getString("reason")).isEqualTo("drain");
    ReplyException refused = failure(vertx.eventBus().request(BusAddresses.ROOMS,
        RoomStart.of("r")));
    assertThat(Refusal.of(refused).code().wireName()).isEqualTo("unavailable");
    assertThat(manager.roomCount()).isZero();
  }

  @Test
  void theClientsOfANodeThatLeftTheClusterLeaveTheRoom(Vertx vertx) throws Exception {
    deploy(vertx);
    BlockingQueue<JsonObject> bo = events(vertx, "bo");
    join(vertx, "r", "ann", "front-1");
    join(vertx, "r", "bo", "front-2");
    bo.clear();

    vertx.eventBus().publish(BusAddresses.NODE_LEFT, "front-1",
        new DeliveryOptions().setLocalOnly(true));

    assertThat(next(bo)).isEqualTo(new JsonObject().put("type", "client_left")
        .put("clientId", "ann").put("name", "ann"));
    ReplyException gone = failure(send(vertx, "r", "ann", "front-1",
        new JsonObject().put("type", "is_allow_renegotiation")));
    assertThat(Refusal.of(gone).code().wireName()).isEqualTo("not_joined");
    RoomReply stillIn = await(send(vertx, "r", "bo", "front-2",
        new JsonObject().put("type", "is_allow_renegotiation")));
    assertThat(stillIn.reply().getBoolean("allowed")).isTrue();
  }

  private static RoomManager deploy(Vertx vertx) throws Exception {
    RoomManager manager = new RoomManager(RoomMediaTest.MEDIA, RoomMediaTest.CERTIFICATE, 60_000);
    await(vertx.deployVerticle(manager));
    return manager;
  }

  private static BlockingQueue<JsonObject> events(Vertx vertx, String clientId) throws Exception {
    BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
    await(vertx.eventBus().<ClientEvent>consumer(BusAddresses.client(clientId),
        message -> events.add(message.body().message())).completion());
    return events;
  }

  private static void join(Vertx vertx, String roomId, String clientId, String front)
      throws Exception {
    await(vertx.eventBus().request(BusAddresses.ROOMS, RoomStart.of(roomId)));
    RoomReply joined = await(send(vertx, roomId, clientId, front,
        new JsonObject().put("type", "join").put("room", roomId).put("name", clientId)));
    assertThat(joined.reply().getString("type")).isEqualTo("joined");
  }

  private static Future<RoomReply> send(Vertx vertx, String roomId, String clientId,
      String front, JsonObject message) {
    return vertx.eventBus().<RoomReply>request(BusAddresses.room(roomId),
        new ClientRequest(clientId, front, message))
        .map(reply -> reply.body());
  }

  private static JsonObject next(BlockingQueue<JsonObject> events) throws Exception {
    JsonObject event = events.poll(10, TimeUnit.SECONDS);
    assertThat(event).as("an event within 10 s").isNotNull();
    return event;
  }
}
