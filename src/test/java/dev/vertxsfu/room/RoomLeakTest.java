package dev.vertxsfu.room;

import static dev.vertxsfu.room.RoomManagerTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.FreePorts;
import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.ClientRequest;
import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.bus.Refusal;
import dev.vertxsfu.bus.RoomReply;
import dev.vertxsfu.bus.RoomStart;
import dev.vertxsfu.bus.RoomStarted;
import dev.vertxsfu.cluster.RoomPlacement;
import dev.vertxsfu.config.SfuConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, item 3: rooms in a node whose media port range is one port. A room takes its port
 * at its first client's offer and gives it back when that client leaves; an offer that finds
 * no port is refused with {@code unavailable} and leaves nothing behind; the room manager limits
 * the rooms one client or address may ask for.
 */
@ExtendWith(VertxExtension.class)
class RoomLeakTest {
  /** The node's one media port. */
  private int port;

  private RoomManager deploy(Vertx vertx, long emptyCloseMillis) throws Exception {
    port = FreePorts.udpBlock(1);
    RoomManager manager = new RoomManager(
        new SfuConfig.MediaConfig("127.0.0.1", "127.0.0.1", port, port),
        RoomMediaTest.CERTIFICATE, SfuConfig.RoomsConfig.DEFAULT, emptyCloseMillis);
    await(vertx.deployVerticle(manager));
    return manager;
  }

  /** What a front does for a client: start the room, join, offer. The refusal code, or null. */
  private static Future<String> joinAndOffer(Vertx vertx, String roomId, String clientId) {
    return vertx.eventBus().<RoomStarted>request(BusAddresses.ROOMS,
            RoomStart.of(roomId))
        .compose(started -> send(vertx, roomId, clientId,
            new JsonObject().put("type", "join").put("room", roomId)))
        .compose(joined -> offer(vertx, roomId, clientId))
        .map(answer -> (String) null)
        .recover(failure -> Future.succeededFuture(failure instanceof ReplyException refusal
            && refusal.failureType() == ReplyFailure.RECIPIENT_FAILURE
            ? Refusal.of(refusal).code().wireName() : String.valueOf(failure)));
  }

  private static Future<RoomReply> offer(Vertx vertx, String roomId, String clientId) {
    try {
      return send(vertx, roomId, clientId,
          new JsonObject().put("type", "offer").put("sdp", RoomApiTest.chromiumOffer()));
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  private static Future<RoomReply> send(Vertx vertx, String roomId, String clientId,
      JsonObject message) {
    return vertx.eventBus().<RoomReply>request(BusAddresses.room(roomId),
        new ClientRequest(clientId, "test", message))
        .map(reply -> reply.body());
  }

  private static JsonObject placements(Vertx vertx, RoomManager manager) throws Exception {
    return await(RoomPlacement.snapshot(vertx, manager.nodeId())).getJsonObject("rooms");
  }

  @Test
  void offersRefusedForWantOfAPortLeaveNoRoomConsumerOrPlacementBehind(Vertx vertx)
      throws Exception {
    RoomManager manager = deploy(vertx, 0);
    assertThat(await(joinAndOffer(vertx, "holder", "h"))).as("the one port").isNull();

    List<String> codes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String roomId = "refused-" + i;
      codes.add(await(joinAndOffer(vertx, roomId, "c" + i)));
      await(send(vertx, roomId, "c" + i, new JsonObject().put("type", "leave"))
          .recover(e -> Future.succeededFuture()));
    }
    assertThat(codes).containsOnly("unavailable");

    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(await(manager.roomCountNow())).isEqualTo(1);
      assertThat(vertx.deploymentIDs()).as("the manager and the holder's room").hasSize(2);
      assertThat(placements(vertx, manager).fieldNames()).containsExactly("holder");
    });
    for (int i = 0; i < 40; i++) {
      ReplyException gone = RoomManagerTest.failure(send(vertx, "refused-" + i, "x",
          new JsonObject().put("type", "is_allow_renegotiation")));
      assertThat(gone.failureType()).as("no consumer left for refused-%d", i)
          .isEqualTo(ReplyFailure.NO_HANDLERS);
    }
  }

  @Test
  void aClientThatJoinsOffersAndLeavesRoomAfterRoomHoldsNoPort(Vertx vertx) throws Exception {
    deploy(vertx, 60_000); // empty rooms stay open a minute: they must not keep the port
    for (int i = 0; i < 30; i++) {
      String roomId = "hop-" + i;
      assertThat(await(joinAndOffer(vertx, roomId, "c" + i))).as("offer in %s", roomId).isNull();
      assertThat(udpPortFree()).as("the port is the room's").isFalse();
      await(send(vertx, roomId, "c" + i, new JsonObject().put("type", "leave")));
      // the socket closes on the room's loop as the client leaves; the kernel may take a moment
      Awaitility.await().atMost(Duration.ofSeconds(2)).until(this::udpPortFree);
    }
  }

  private boolean udpPortFree() {
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
      return true;
    } catch (SocketException e) {
      return false;
    }
  }

  @Test
  void joiningWithoutOfferingTakesNoPort(Vertx vertx) throws Exception {
    deploy(vertx, 60_000);
    for (int i = 0; i < 30; i++) {
      String roomId = "idle-" + i;
      await(vertx.eventBus().request(BusAddresses.ROOMS, RoomStart.of(roomId)));
      await(send(vertx, roomId, "c" + i, new JsonObject().put("type", "join").put("room", roomId)));
    }
    assertThat(await(joinAndOffer(vertx, "last", "z"))).isNull();
  }

  @Test
  void aClientAndAnAddressMayAskForOnlySoManyRoomsAMinute(Vertx vertx) throws Exception {
    deploy(vertx, 60_000);
    int perClient = SfuConfig.RoomsConfig.DEFAULT.newRoomsPerMinutePerClient();
    for (int i = 0; i < perClient; i++) {
      await(start(vertx, "room-" + i, "greedy", "10.0.0.1"));
    }
    await(start(vertx, "room-0", "greedy", "10.0.0.1")); // one it asked for already
    ReplyException refused = RoomManagerTest.failure(start(vertx, "one-more", "greedy",
        "10.0.0.1"));
    assertThat(Refusal.of(refused).code().wireName()).isEqualTo("not_allowed");
    assertThat(Refusal.of(refused).text())
        .contains("rooms.new-rooms-per-minute-per-client");

    int perAddress = SfuConfig.RoomsConfig.DEFAULT.newRoomsPerMinutePerAddress();
    int asked = perClient;
    for (int client = 0; asked < perAddress; client++) {
      for (int i = 0; i < perClient && asked < perAddress; i++, asked++) {
        await(start(vertx, "nat-" + asked, "c" + client, "10.0.0.1"));
      }
    }
    ReplyException nat = RoomManagerTest.failure(start(vertx, "nat-more", "fresh", "10.0.0.1"));
    assertThat(Refusal.of(nat).text())
        .contains("rooms.new-rooms-per-minute-per-address");
    await(start(vertx, "nat-more", "fresh", "10.0.0.2")); // another address is not held back
  }

  private static Future<RoomStarted> start(Vertx vertx, String roomId, String clientId,
      String address) {
    return vertx.eventBus().<RoomStarted>request(BusAddresses.ROOMS, new RoomStart(roomId, clientId, address))
        .map(reply -> reply.body());
  }
}
