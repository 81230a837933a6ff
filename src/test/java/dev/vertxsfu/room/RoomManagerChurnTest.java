package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.ClientRequest;
import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.bus.Refusal;
import dev.vertxsfu.bus.RoomReply;
import dev.vertxsfu.bus.RoomStart;
import dev.vertxsfu.bus.RoomStarted;
import dev.vertxsfu.cluster.RoomPlacement;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, item 6: many concurrent joins and leaves across rooms that close as soon as they
 * are empty, and moves, through the manager's bus API. Every mutation of the manager's state
 * checks that it runs on the manager's loop ({@link LoopOwner}); a violation, a throwing
 * listener ("Promise already completed") or any other SEVERE line fails the test.
 */
@ExtendWith(VertxExtension.class)
class RoomManagerChurnTest {
  private static final int ROOMS = 12;
  private static final long CHURN_NANOS = 3_500_000_000L; // more than three manager ticks

  @Test
  void managerStateIsTouchedOnlyOnItsLoopUnderChurnAndNothingSevereIsLogged(Vertx vertx)
      throws Exception {
    try (SevereLog severe = SevereLog.open()) {
      RoomManager manager = new RoomManager(RoomMediaTest.MEDIA, RoomMediaTest.CERTIFICATE, 0);
      RoomManagerTest.await(vertx.deployVerticle(manager));
      long start = System.nanoTime();
      int round = 0;
      int joined = 0;
      while (System.nanoTime() - start < CHURN_NANOS) {
        List<Future<Boolean>> batch = new ArrayList<>();
        for (int r = 0; r < ROOMS; r++) {
          String roomId = "churn-" + r;
          batch.add(joinAndLeave(vertx, roomId, "c" + round + "-" + r));
          batch.add(joinAndLeave(vertx, roomId, "d" + round + "-" + r));
        }
        if (round % 5 == 0) {
          manager.moveRoom("churn-" + round % ROOMS, "drain");
        }
        for (Future<Boolean> one : batch) {
          joined += RoomManagerTest.await(one) ? 1 : 0;
        }
        round++;
      }
      assertThat(joined).as("joins that went through").isGreaterThan(ROOMS);
      Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(RoomManagerTest.await(manager.roomCountNow())).isZero();
        assertThat(vertx.deploymentIDs()).hasSize(1);
        assertThat(RoomManagerTest.await(RoomPlacement.snapshot(vertx, manager.nodeId()))
            .getJsonObject("rooms")).isEmpty();
      });
      assertThat(severe.lines()).isEmpty();
    }
  }

  /** Ensure, join, leave; true if the join went through, false if refused as retryable. */
  private static Future<Boolean> joinAndLeave(Vertx vertx, String roomId, String clientId) {
    return vertx.eventBus().<RoomStarted>request(BusAddresses.ROOMS,
            RoomStart.of(roomId))
        .compose(started -> send(vertx, roomId, clientId,
            new JsonObject().put("type", "join").put("room", roomId)))
        .compose(joined -> send(vertx, roomId, clientId, new JsonObject().put("type", "leave")))
        .map(true)
        .recover(failure -> {
          // a room that closes or moves in between refuses (unavailable), is gone (no handler), or
          // drops the request as it unregisters (discarded): the front says unavailable, a client
          // retries
          if (failure instanceof ReplyException refusal
              && (refusal.failureType() != ReplyFailure.RECIPIENT_FAILURE
              || Set.of("unavailable", "not_joined").contains(
                  Refusal.of(refusal).code().wireName()))) {
            return Future.succeededFuture(false);
          }
          return Future.failedFuture(failure);
        });
  }

  private static Future<RoomReply> send(Vertx vertx, String roomId, String clientId,
      JsonObject message) {
    return vertx.eventBus().<RoomReply>request(BusAddresses.room(roomId),
        new ClientRequest(clientId, "test", message))
        .map(reply -> reply.body());
  }
}
