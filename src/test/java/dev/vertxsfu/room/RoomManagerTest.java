package dev.vertxsfu.room;

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
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RoomManagerTest {

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The refusal a request ended with. */
  static ReplyException failure(Future<?> future) throws Exception {
    Throwable failure = future.toCompletionStage().toCompletableFuture()
        .handle((ok, e) -> e).get(10, TimeUnit.SECONDS);
    while (failure instanceof java.util.concurrent.CompletionException) {
      failure = failure.getCause();
    }
    return (ReplyException) failure;
  }

  private static RoomManager deploy(Vertx vertx, long emptyCloseMillis) throws Exception {
    RoomManager manager = new RoomManager(RoomMediaTest.MEDIA, RoomMediaTest.CERTIFICATE,
        emptyCloseMillis);
    await(vertx.deployVerticle(manager));
    return manager;
  }

  private static Future<RoomStarted> ensure(Vertx vertx, String roomId) {
    return vertx.eventBus().<RoomStarted>request(BusAddresses.ROOMS,
        RoomStart.of(roomId)).map(message -> message.body());
  }

  private static Future<RoomReply> send(Vertx vertx, String roomId, String clientId,
      JsonObject message) {
    return vertx.eventBus().<RoomReply>request(BusAddresses.room(roomId),
        new ClientRequest(clientId, "test", message))
        .map(reply -> reply.body());
  }

  @Test
  void simultaneousFirstRequestsStartOneRoomThatAnswersOnTheBus(Vertx vertx) throws Exception {
    RoomManager manager = deploy(vertx, 60_000);
    List<RoomStarted> replies = await(Future.all(ensure(vertx, "r"), ensure(vertx, "r"),
        ensure(vertx, "r")).map(all -> all.<RoomStarted>list()));
    assertThat(replies).allMatch(reply -> reply.roomId().equals("r"));
    assertThat(vertx.deploymentIDs()).hasSize(2); // the manager and one room

    RoomReply joined = await(send(vertx, "r", "c1",
        new JsonObject().put("type", "join").put("room", "r").put("name", "Ann")));
    assertThat(joined.reply().getString("type")).isEqualTo("joined");
    assertThat(joined.reply().getString("clientId")).isEqualTo("c1");
    RoomReply second = await(send(vertx, "r", "c2",
        new JsonObject().put("type", "join").put("room", "r").put("name", "Bo")));
    assertThat(second.reply().getJsonArray("clients").getJsonObject(0)
        .getString("name")).isEqualTo("Ann");
    assertThat(manager.roomCount()).isEqualTo(1);
  }

  @Test
  void aRoomRefusesBadRequestsWithTheirCodes(Vertx vertx) throws Exception {
    deploy(vertx, 60_000);
    await(ensure(vertx, "r"));
    ReplyException notJoined = failure(send(vertx, "r", "c1",
        new JsonObject().put("type", "offer").put("sdp", "v=0")));
    assertThat(Refusal.of(notJoined).code().wireName()).isEqualTo("not_joined");
    await(send(vertx, "r", "c1", new JsonObject().put("type", "join").put("room", "r")));
    ReplyException badSdp = failure(send(vertx, "r", "c1",
        new JsonObject().put("type", "offer").put("sdp", "not sdp")));
    assertThat(Refusal.of(badSdp).code().wireName()).isEqualTo("bad_request");
    ReplyException noOffer = failure(send(vertx, "r", "c1",
        new JsonObject().put("type", "answer").put("sdp", "v=0")));
    assertThat(Refusal.of(noOffer).code().wireName()).isEqualTo("not_allowed");
    RoomReply allowed = await(send(vertx, "r", "c1",
        new JsonObject().put("type", "is_allow_renegotiation")));
    assertThat(allowed.reply().getBoolean("allowed")).isTrue();
  }

  @Test
  void aRefusedJoinLeavesNoTraceAndTheClientMayJoinLater(Vertx vertx) throws Exception {
    deploy(vertx, 60_000);
    await(ensure(vertx, "r"));
    await(send(vertx, "r", "c1", new JsonObject().put("type", "join").put("room", "r")));
    ReplyException twice = failure(send(vertx, "r", "c1",
        new JsonObject().put("type", "join").put("room", "r")));
    assertThat(Refusal.of(twice).code().wireName()).isEqualTo("not_allowed");
    // the first join's client is untouched by the refused second one
    RoomReply allowed = await(send(vertx, "r", "c1",
        new JsonObject().put("type", "is_allow_renegotiation")));
    assertThat(allowed.reply().getBoolean("allowed")).isTrue();
  }

  @Test
  void anEmptyRoomIsClosedAndStartedAgainOnTheNextRequest(Vertx vertx) throws Exception {
    RoomManager manager = deploy(vertx, 0);
    await(ensure(vertx, "r"));
    await(send(vertx, "r", "c1", new JsonObject().put("type", "join").put("room", "r")));
    await(send(vertx, "r", "c1", new JsonObject().put("type", "leave")));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> vertx.deploymentIDs().size() == 1);
    assertThat(manager.roomCount()).isZero();
    await(ensure(vertx, "r"));
    assertThat(vertx.deploymentIDs()).hasSize(2);
  }

  @Test
  void aRoomStartedForAJoinStaysOpenUntilTheJoinArrives(Vertx vertx) throws Exception {
    // rooms close as soon as they are empty; the join comes after some of the manager's checks
    RoomManager manager = deploy(vertx, 0);
    await(ensure(vertx, "r"));
    org.awaitility.Awaitility.await().during(Duration.ofMillis(3 * RoomManager.CHECK_MILLIS))
        .atMost(Duration.ofSeconds(10)).until(() -> manager.roomCount() == 1);
    RoomReply joined = await(send(vertx, "r", "c1",
        new JsonObject().put("type", "join").put("room", "r")));
    assertThat(joined.reply().getString("type")).isEqualTo("joined");
  }
}
