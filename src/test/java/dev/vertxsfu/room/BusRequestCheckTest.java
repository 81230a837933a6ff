package dev.vertxsfu.room;

import static dev.vertxsfu.room.RoomManagerTest.await;
import static dev.vertxsfu.room.RoomManagerTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.RoomRequests;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A room checks each bus request itself (issue 11, item 2), whatever sent it: a {@code leave}
 * for a client from another node than the client's front, a join with a 1,000,000-character
 * name, and events sent to another client's address are refused, and the room is as before.
 * The room runs in a Vert.x of its own, its requests sent on the bus as a front (or a rogue
 * on the bus) would.
 */
@ExtendWith(VertxExtension.class)
class BusRequestCheckTest {
  private static final String ROOM = "checked";

  @BeforeEach
  void startTheRoomWithAnn(Vertx vertx) throws Exception {
    await(vertx.deployVerticle(new RoomManager(RoomMediaTest.MEDIA, RoomMediaTest.CERTIFICATE,
        60_000)));
    await(vertx.eventBus().request(BusAddresses.ROOMS, new JsonObject().put("roomId", ROOM)));
    await(send(vertx, "ann", "front-1", join("ann")));
  }

  @Test
  void aLeaveFromAnotherFrontIsRefusedAndTheClientStays(Vertx vertx) throws Exception {
    ReplyException refused = failure(send(vertx, "ann", "front-2",
        new JsonObject().put("type", "leave")));
    assertThat(RoomRequests.code(refused.getMessage())).isEqualTo("not_allowed");
    assertThat(refused.failureCode()).isEqualTo(RoomRequests.FAILURE_CODE);
    assertThat(names(await(send(vertx, "bo", "front-2", join("bo"))))).containsExactly("ann");
  }

  @Test
  void aJoinWithAMillionCharacterNameIsRefused(Vertx vertx) throws Exception {
    ReplyException refused = failure(send(vertx, "huge", "front-2",
        join("x".repeat(1_000_000))));
    assertThat(RoomRequests.code(refused.getMessage())).isEqualTo("bad_request");
    assertThat(names(await(send(vertx, "bo", "front-2", join("bo"))))).containsExactly("ann");
  }

  @Test
  void eventsForAnotherClientsAddressAreRefused(Vertx vertx) throws Exception {
    JsonObject request = RoomRequests.request("eve", BusAddresses.client("ann"), "front-2",
        join("eve"));
    ReplyException refused = failure(vertx.eventBus().request(BusAddresses.room(ROOM), request));
    assertThat(RoomRequests.code(refused.getMessage())).isEqualTo("bad_request");
    ReplyException noFront = failure(send(vertx, "eve", "", join("eve")));
    assertThat(RoomRequests.code(noFront.getMessage())).isEqualTo("bad_request");
    assertThat(names(await(send(vertx, "bo", "front-2", join("bo"))))).containsExactly("ann");
  }

  @Test
  void theClientsOwnFrontStillSpeaksForIt(Vertx vertx) throws Exception {
    JsonObject left = await(send(vertx, "ann", "front-1", new JsonObject().put("type", "leave")));
    assertThat(left.getJsonObject("reply").getString("type")).isEqualTo("left");
  }

  private static JsonObject join(String name) {
    return new JsonObject().put("type", "join").put("room", ROOM).put("name", name);
  }

  private static Future<JsonObject> send(Vertx vertx, String clientId, String front,
      JsonObject message) {
    return vertx.eventBus().<JsonObject>request(BusAddresses.room(ROOM),
        RoomRequests.request(clientId, BusAddresses.client(clientId), front, message))
        .map(reply -> reply.body());
  }

  private static java.util.List<String> names(JsonObject reply) {
    JsonArray clients = reply.getJsonObject("reply").getJsonArray("clients");
    return clients.stream().map(c -> ((JsonObject) c).getString("name")).toList();
  }
}
