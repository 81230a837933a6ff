package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxsfu.bus.BusAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The front's part when rooms move or the node drains (docs/protocol.md), against a
 * stand-in room on the bus: {@code room_moved} frees the socket for a new {@code join}, a lost
 * room node's clients hear it from the front itself, and a drain closes sockets with 1012 and
 * turns {@code /ready} to 503.
 */
@ExtendWith(VertxExtension.class)
class RoomMovedTest {

  @Test
  void aRoomMovedEventFreesTheSocketForANewJoin(Vertx vertx) {
    FakeRoom room = FakeRoom.start(vertx, "r1");
    TestSocket client = TestSocket.connect(vertx, Signaling.deploy(vertx).actualPort());
    String clientId = joinAndSkipEvents(client);
    JsonObject moved = new JsonObject().put("type", "room_moved").put("room", "r1")
        .put("reason", "drain");

    vertx.eventBus().send(BusAddresses.client(clientId),
        new dev.vertxsfu.bus.ClientEvent(moved));

    assertThat(client.next()).isEqualTo(moved);
    client.send(new JsonObject().put("type", "is_allow_renegotiation").put("id", 1));
    assertThat(client.next().getString("code")).isEqualTo("not_joined");
    room.requests.clear();
    assertThat(client.join("r1").getString("clientId")).isEqualTo(clientId);
    room.nextRequest("join");
  }

  @Test
  void whenTheRoomsNodeLeavesTheClientHearsItAndARequestLeftOutThereIsAbandoned(Vertx vertx) {
    FakeRoom room = FakeRoom.start(vertx, "r1");
    TestSocket client = TestSocket.connect(vertx, Signaling.deploy(vertx).actualPort());
    joinAndSkipEvents(client);
    room.nextRequest("join");
    room.silent = true;
    client.send(new JsonObject().put("type", "is_allow_renegotiation").put("id", "lost"));
    // out at the room, and never answered: only now may the node leave, or the event could
    // overtake the frame and the front would answer it with not_joined
    assertThat(room.nextRequest("is_allow_renegotiation").getJsonObject("message")
        .getString("id")).isEqualTo("lost");

    nodeLeft(vertx, FakeRoom.NODE);

    assertThat(client.next()).isEqualTo(new JsonObject().put("type", "room_moved")
        .put("room", "r1").put("reason", "node_lost"));
    room.silent = false;
    JsonObject joined = client.join("r1"); // not queued behind the abandoned request
    assertThat(joined.getValue("id")).isEqualTo("join");
  }

  @Test
  void aNodeThatRanNoRoomOfTheClientChangesNothing(Vertx vertx) {
    FakeRoom.start(vertx, "r1");
    TestSocket client = TestSocket.connect(vertx, Signaling.deploy(vertx).actualPort());
    joinAndSkipEvents(client);

    nodeLeft(vertx, "some-other-node");

    client.assertStillServed();
    assertThat(client.unread()).isZero();
  }

  @Test
  void drainingClosesSocketsWith1012RefusesNewOnesAndTurnsReadinessTo503(Vertx vertx) {
    FakeRoom.start(vertx, "r1");
    SignalingVerticle signaling = Signaling.deploy(vertx);
    WebClient http = WebClient.create(vertx);
    int port = signaling.actualPort();
    assertThat(http.get(port, "127.0.0.1", "/ready").send().await().statusCode()).isEqualTo(200);
    TestSocket client = TestSocket.connect(vertx, port);
    joinAndSkipEvents(client);

    signaling.closeConnections(true).await();

    assertThat(client.awaitClose()).isEqualTo((short) 1012);
    assertThat(http.get(port, "127.0.0.1", "/ready").send().await().statusCode()).isEqualTo(503);
    assertThat(http.get(port, "127.0.0.1", "/health").send().await().statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> TestSocket.open(vertx, TestSocket.options(port)).await())
        .hasMessageContaining("503");
  }

  private static String joinAndSkipEvents(TestSocket client) {
    String clientId = client.join("r1").getString("clientId");
    client.next(); // tracks_available
    client.next(); // connection_state
    return clientId;
  }

  private static void nodeLeft(Vertx vertx, String nodeId) {
    vertx.eventBus().publish(BusAddresses.NODE_LEFT, nodeId,
        new DeliveryOptions().setLocalOnly(true));
  }
}
