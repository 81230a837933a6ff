package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.ClientEvent;
import dev.vertxsfu.bus.ClientRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The front against a stand-in room on the bus: the contract of BusAddresses, end to end. */
@ExtendWith(VertxExtension.class)
class RoomRoundTripTest {

  @Test
  void joinWritesJoinedWithTheRequestIdThenTheReplysEventsInOrder(Vertx vertx) {
    FakeRoom room = FakeRoom.start(vertx, "r1");
    TestSocket client = TestSocket.connect(vertx, Signaling.deploy(vertx).actualPort());

    client.send(new JsonObject().put("type", "join").put("id", 7).put("room", "r1")
        .put("name", "Ada"));

    JsonObject joined = client.next();
    assertThat(joined.getString("type")).isEqualTo("joined");
    assertThat(joined.getValue("id")).isEqualTo(7);
    assertThat(joined.getString("room")).isEqualTo("r1");
    assertThat(joined.getString("clientId")).matches("[A-Za-z0-9_-]{16}");
    assertThat(client.next().getString("type")).isEqualTo("tracks_available");
    assertThat(client.next()).isEqualTo(
        new JsonObject().put("type", "connection_state").put("state", "new"));
    JsonObject start = room.startRequests.poll();
    assertThat(start.getString("roomId")).isEqualTo("r1");
    // who asks, for the room manager's limits on new rooms per client and per address
    assertThat(start.getString("clientId")).isEqualTo(joined.getString("clientId"));
    assertThat(start.getString("address")).isEqualTo("127.0.0.1");
  }

  @Test
  void theRoomGetsTheClientIdItsEventAddressAndTheMessageWithoutTheToken(Vertx vertx) {
    FakeRoom room = FakeRoom.start(vertx, "r1");
    TestSocket client = TestSocket.connect(vertx, Signaling.deploy(vertx).actualPort());

    client.send(new JsonObject().put("type", "join").put("id", "j").put("room", "r1")
        .put("token", "ignored-without-a-secret").put("future", 1));
    String clientId = client.next().getString("clientId");

    JsonObject request = room.nextRequest("join");
    assertThat(request.getString("clientId")).isEqualTo(clientId);
    assertThat(request.getString("events")).isEqualTo(BusAddresses.client(clientId));
    assertThat(request.getJsonObject("message")).isEqualTo(new JsonObject()
        .put("type", "join").put("id", "j").put("room", "r1").put("future", 1));
  }

  @Test
  void laterMessagesGoToTheRoomAndTheirRepliesCarryTheirIds(Vertx vertx) {
    FakeRoom room = FakeRoom.start(vertx, "r1");
    TestSocket client = TestSocket.connect(vertx, Signaling.deploy(vertx).actualPort());
    client.join("r1");
    client.next();
    client.next();

    client.send(new JsonObject().put("type", "offer").put("id", "o1").put("sdp", "v=0 offer"));
    assertThat(client.next()).isEqualTo(new JsonObject().put("type", "answer")
        .put("sdp", "v=0 answer").put("id", "o1"));
    client.send(new JsonObject().put("type", "subscribe_tracks").put("tracks", new JsonArray()));
    assertThat(client.next()).isEqualTo(new JsonObject().put("type", "ok"));

    room.nextRequest("join");
    assertThat(room.nextRequest("offer").getJsonObject("message").getString("sdp"))
        .isEqualTo("v=0 offer");
    room.nextRequest("subscribe_tracks");
  }

  @Test
  void aReplyOfNullWritesOnlyTheEvents(Vertx vertx) {
    FakeRoom.start(vertx, "r1");
    TestSocket client = TestSocket.connect(vertx, Signaling.deploy(vertx).actualPort());
    client.join("r1");
    client.next();
    client.next();

    client.send(new JsonObject().put("type", "candidate").put("id", 3).putNull("candidate"));

    assertThat(client.next()).isEqualTo(new JsonObject().put("type", "candidate_seen"));
    client.assertStillServed();
  }

  @Test
  void anEventSentToTheClientsAddressReachesItsSocket(Vertx vertx, VertxTestContext test) {
    FakeRoom.start(vertx, "r1");
    TestSocket client = TestSocket.connect(vertx, Signaling.deploy(vertx).actualPort());
    String clientId = client.join("r1").getString("clientId");
    client.next();
    client.next();
    JsonObject event = new JsonObject().put("type", "client_joined").put("clientId", "other")
        .put("name", "Bo");

    Checkpoint delivered = test.checkpoint();
    vertx.eventBus().send(BusAddresses.client(clientId), new ClientEvent(event));

    test.verify(() -> {
      assertThat(client.next()).isEqualTo(event);
      delivered.flag();
    });
  }

  @Test
  void eventsThatArriveWhileJoiningFollowTheJoinedReply(Vertx vertx) {
    FakeRoom room = FakeRoom.start(vertx, "r1");
    room.eventBeforeJoined = new JsonObject().put("type", "client_joined").put("clientId", "x");
    TestSocket client = TestSocket.connect(vertx, Signaling.deploy(vertx).actualPort());

    client.join("r1");

    assertThat(client.next().getString("type")).isEqualTo("tracks_available");
    assertThat(client.next().getString("type")).isEqualTo("connection_state");
    assertThat(client.next().getString("type")).isEqualTo("client_joined");
  }

  @Test
  void aMessageSentRightAfterJoinWaitsForTheJoin(Vertx vertx) {
    FakeRoom.start(vertx, "r1");
    TestSocket client = TestSocket.connect(vertx, Signaling.deploy(vertx).actualPort());

    client.send(new JsonObject().put("type", "join").put("id", 1).put("room", "r1"));
    client.send(new JsonObject().put("type", "offer").put("id", 2).put("sdp", "v=0 offer"));

    assertThat(client.next().getString("type")).isEqualTo("joined");
    assertThat(client.next().getString("type")).isEqualTo("tracks_available");
    assertThat(client.next().getString("type")).isEqualTo("connection_state");
    JsonObject answer = client.next();
    assertThat(answer.getString("type")).isEqualTo("answer");
    assertThat(answer.getValue("id")).isEqualTo(2);
  }

  @Test
  void aRefusedRequestBecomesAnErrorWithTheRoomsCode(Vertx vertx) {
    FakeRoom.start(vertx, "r1");
    TestSocket client = TestSocket.connect(vertx, Signaling.deploy(vertx).actualPort());
    client.join("r1");
    client.next();
    client.next();

    client.send(new JsonObject().put("type", "offer").put("id", 9).put("sdp", "refuse"));

    assertThat(client.next()).isEqualTo(new JsonObject().put("type", "error").put("id", 9)
        .put("code", "not_allowed").put("message", "renegotiation in progress"));
    client.assertStillServed();
  }

  @Test
  void aRoomThatCannotStartIsUnavailableAndTheClientMayJoinAgain(Vertx vertx) {
    FakeRoom room = FakeRoom.start(vertx, "r1");
    room.refuseToStart = true;
    TestSocket client = TestSocket.connect(vertx, Signaling.deploy(vertx).actualPort());

    client.send(new JsonObject().put("type", "join").put("id", 1).put("room", "r1"));
    JsonObject error = client.next();
    assertThat(error.getString("type")).isEqualTo("error");
    assertThat(error.getString("code")).isEqualTo("unavailable");
    assertThat(error.getValue("id")).isEqualTo(1);
    assertThat(room.requests).isEmpty();

    room.refuseToStart = false;
    client.join("r1");
  }

  @Test
  void aRoomWithNobodyListeningIsUnavailable(Vertx vertx) {
    FakeRoom.start(vertx, "r1");
    TestSocket client = TestSocket.connect(vertx, Signaling.deploy(vertx).actualPort());

    client.send(new JsonObject().put("type", "join").put("id", 1).put("room", "elsewhere"));

    JsonObject error = client.next();
    assertThat(error.getString("code")).isEqualTo("unavailable");
    assertThat(error.getValue("id")).isEqualTo(1);
    assertThat(client.isClosed()).isFalse();
  }

  @Test
  void leaveWritesLeftThenClosesNormallyWithoutADisconnect(Vertx vertx) {
    FakeRoom room = FakeRoom.start(vertx, "r1");
    SignalingVerticle signaling = Signaling.deploy(vertx);
    TestSocket client = TestSocket.connect(vertx, signaling.actualPort());
    client.join("r1");
    client.next();
    client.next();

    client.send(new JsonObject().put("type", "leave").put("id", "bye"));

    assertThat(client.next()).isEqualTo(new JsonObject().put("type", "left").put("id", "bye"));
    assertThat(client.awaitClose()).isEqualTo((short) 1000);
    room.nextRequest("join");
    room.nextRequest("leave");
    // Once the server has dropped the connection, a disconnect would already be on its way to
    // the room; a marker sent now arrives after it, so it must be the room's next request.
    await().until(() -> signaling.connectionCount().await() == 0);
    ClientRequest marker = new ClientRequest("marker", "test",
        new JsonObject().put("type", "marker"));
    vertx.eventBus().request(BusAddresses.room("r1"), marker);
    assertThat(room.nextRequest()).isEqualTo(FakeRoom.json(marker));
  }

  @Test
  void closingTheSocketSendsDisconnectToTheRoom(Vertx vertx) {
    FakeRoom room = FakeRoom.start(vertx, "r1");
    TestSocket client = TestSocket.connect(vertx, Signaling.deploy(vertx).actualPort());
    String clientId = client.join("r1").getString("clientId");
    room.nextRequest("join");

    client.close();

    JsonObject disconnect = room.nextRequest();
    assertThat(disconnect).isEqualTo(FakeRoom.json(ClientRequest.disconnect(clientId,
        dev.vertxsfu.cluster.Clustering.nodeId(vertx))));
  }
}
