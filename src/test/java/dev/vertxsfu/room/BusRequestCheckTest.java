package dev.vertxsfu.room;

import static dev.vertxsfu.room.RoomManagerTest.await;
import static dev.vertxsfu.room.RoomManagerTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.ClientRequest;
import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.bus.Refusal;
import dev.vertxsfu.bus.RoomReply;
import dev.vertxsfu.bus.RoomStart;
import dev.vertxsfu.bus.RoomStarted;
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
 * name, and a body that is not a {@code ClientRequest} are refused, and the room is as
 * before (a client's events go to its own address by construction).
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
    await(vertx.eventBus().request(BusAddresses.ROOMS, RoomStart.of(ROOM)));
    await(send(vertx, "ann", "front-1", join("ann")));
  }

  @Test
  void aLeaveFromAnotherFrontIsRefusedAndTheClientStays(Vertx vertx) throws Exception {
    ReplyException refused = failure(send(vertx, "ann", "front-2",
        new JsonObject().put("type", "leave")));
    assertThat(Refusal.of(refused).code().wireName()).isEqualTo("not_allowed");
    assertThat(refused.failureCode()).isEqualTo(ErrorCode.NOT_ALLOWED.failureCode());
    assertThat(names(await(send(vertx, "bo", "front-2", join("bo"))))).containsExactly("ann");
  }

  @Test
  void aJoinWithAMillionCharacterNameIsRefused(Vertx vertx) throws Exception {
    ReplyException refused = failure(send(vertx, "huge", "front-2",
        join("x".repeat(1_000_000))));
    assertThat(Refusal.of(refused).code().wireName()).isEqualTo("bad_request");
    assertThat(names(await(send(vertx, "bo", "front-2", join("bo"))))).containsExactly("ann");
  }

  @Test
  void aRequestWithoutAFrontOrThatIsNoClientRequestIsRefused(Vertx vertx) throws Exception {
    ReplyException noFront = failure(send(vertx, "eve", "", join("eve")));
    assertThat(Refusal.of(noFront).code()).isEqualTo(ErrorCode.BAD_REQUEST);
    // the untyped body of before the typed contract: refused, not thrown at
    ReplyException untyped = failure(vertx.eventBus().request(BusAddresses.room(ROOM),
        new JsonObject().put("clientId", "eve").put("events", BusAddresses.client("ann"))
            .put("front", "front-2").put("message", join("eve"))));
    assertThat(Refusal.of(untyped).code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(names(await(send(vertx, "bo", "front-2", join("bo"))))).containsExactly("ann");
  }

  @Test
  void theClientsOwnFrontStillSpeaksForIt(Vertx vertx) throws Exception {
    RoomReply left = await(send(vertx, "ann", "front-1", new JsonObject().put("type", "leave")));
    assertThat(left.reply().getString("type")).isEqualTo("left");
  }

  private static JsonObject join(String name) {
    return new JsonObject().put("type", "join").put("room", ROOM).put("name", name);
  }

  private static Future<RoomReply> send(Vertx vertx, String clientId, String front,
      JsonObject message) {
    return vertx.eventBus().<RoomReply>request(BusAddresses.room(ROOM),
        new ClientRequest(clientId, front, message))
        .map(reply -> reply.body());
  }

  private static java.util.List<String> names(RoomReply reply) {
    JsonArray clients = reply.reply().getJsonArray("clients");
    return clients.stream().map(c -> ((JsonObject) c).getString("name")).toList();
  }
}
