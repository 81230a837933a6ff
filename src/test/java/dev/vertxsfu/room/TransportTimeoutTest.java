package dev.vertxsfu.room;

import static dev.vertxsfu.room.RoomManagerTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.ClientEvent;
import dev.vertxsfu.bus.ClientRequest;
import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.bus.Refusal;
import dev.vertxsfu.bus.RoomReply;
import dev.vertxsfu.bus.RoomStart;
import dev.vertxsfu.bus.RoomStarted;
import dev.vertxsfu.config.SfuConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, item 4, the room's part: a client whose transport never connects after its offer
 * was answered, or stays disconnected, is let go: the others hear {@code client_left} (and
 * {@code tracks_removed}), the client hears {@code room_moved} with reason
 * {@code transport_timeout}.
 */
@ExtendWith(VertxExtension.class)
class TransportTimeoutTest {
  /** Connect and disconnect timeouts of one second. */
  private static final SfuConfig.RoomsConfig QUICK =
      new SfuConfig.RoomsConfig(30, 60, 100, 256, 16, 64, 1, 1, 10, 120);

  private static Future<RoomReply> send(Vertx vertx, String clientId, JsonObject message) {
    return vertx.eventBus().<RoomReply>request(BusAddresses.room("r"),
        new ClientRequest(clientId, "test", message))
        .map(reply -> reply.body());
  }

  private static List<JsonObject> events(Vertx vertx, String clientId) throws Exception {
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    await(vertx.eventBus().<ClientEvent>consumer(BusAddresses.client(clientId),
        message -> events.add(message.body().message())).completion());
    return events;
  }

  @Test
  void aClientThatOffersAndNeverStartsIceIsLetGoAndTheOthersHearIt(Vertx vertx)
      throws Exception {
    await(vertx.deployVerticle(new RoomManager(RoomMediaTest.MEDIA, RoomMediaTest.CERTIFICATE,
        QUICK, 60_000)));
    await(vertx.eventBus().request(BusAddresses.ROOMS, RoomStart.of("r")));
    List<JsonObject> mute = events(vertx, "mute");
    List<JsonObject> other = events(vertx, "other");
    await(send(vertx, "mute", new JsonObject().put("type", "join").put("room", "r")));
    await(send(vertx, "other", new JsonObject().put("type", "join").put("room", "r")));
    // a canned Chromium offer: answered, and then no STUN check ever comes
    await(send(vertx, "mute", new JsonObject().put("type", "offer")
        .put("sdp", RoomApiTest.chromiumOffer())));

    Awaitility.await().atMost(Duration.ofSeconds(6)).untilAsserted(() ->
        assertThat(other).contains(new JsonObject().put("type", "client_left")
            .put("clientId", "mute").put("name", "mute")));
    assertThat(mute).contains(new JsonObject().put("type", "room_moved").put("room", "r")
        .put("reason", "transport_timeout"));
    ReplyException gone = RoomManagerTest.failure(send(vertx, "mute", new JsonObject()
        .put("type", "is_allow_renegotiation")));
    assertThat(Refusal.of(gone).code().wireName()).isEqualTo("not_joined");
    RoomReply stays = await(send(vertx, "other", new JsonObject()
        .put("type", "is_allow_renegotiation")));
    assertThat(stays.reply().getBoolean("allowed")).isTrue();
  }

  @Test
  void aConnectedPeerThatVanishesIsLetGoAfterItsConsentLapsesAndTheDisconnectTimeout(
      Vertx vertx) throws Exception {
    RoomVerticle room = new RoomVerticle("r", RoomMediaTest.MEDIA, RoomMediaTest.CERTIFICATE,
        QUICK);
    vertx.deployVerticle(room).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    RoomApiTest.Recorder bob = new RoomApiTest.Recorder();
    await(room.addClient("bob", bob));
    RoomPeer alice = new RoomPeer("alice", room, 320, 240).publish();
    assertThat(bob.available).hasSize(2);
    alice.close(); // no leave, no more consent checks: as if the machine went to sleep

    Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(bob.left).containsExactly("alice");
      assertThat(bob.removed).extracting(TrackInfo::clientId).containsOnly("alice");
    });
    assertThat(await(room.clientCount())).isEqualTo(1);
  }
}
