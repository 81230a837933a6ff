package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, item 7: a socket that is in no room may send {@code signaling.max-requests-before-join}
 * messages (20) in any 10 s; the next is refused with {@code not_allowed} naming the setting, and
 * the socket is closed with 1008. The front's clock is a test clock.
 */
@ExtendWith(VertxExtension.class)
class PreJoinRateTest {
  private final AtomicLong nowMillis = new AtomicLong(1_000_000);

  private TestSocket connect(Vertx vertx) {
    SignalingVerticle signaling = Signaling.deploy(vertx, Map.of(), nowMillis::get);
    return TestSocket.connect(vertx, signaling.actualPort());
  }

  @Test
  void theTwentyFirstRequestBeforeJoinInTenSecondsClosesTheSocket(Vertx vertx) {
    TestSocket client = connect(vertx);
    for (int i = 0; i < 20; i++) {
      client.send(new JsonObject().put("type", "offer").put("id", i).put("sdp", "v=0"));
      assertThat(client.next().getString("code")).isEqualTo("not_joined");
    }
    client.send(new JsonObject().put("type", "offer").put("id", "over").put("sdp", "v=0"));
    JsonObject refusal = client.next();
    assertThat(refusal.getString("code")).isEqualTo("not_allowed");
    assertThat(refusal.getValue("id")).isEqualTo("over");
    assertThat(refusal.getString("message")).contains("signaling.max-requests-before-join");
    assertThat(client.awaitClose()).isEqualTo((short) 1008);
  }

  @Test
  void requestsOutsideTheWindowAndAfterJoinAreNotCounted(Vertx vertx) {
    FakeRoom.start(vertx, "r1");
    TestSocket client = connect(vertx);
    for (int i = 0; i < 19; i++) {
      client.send(new JsonObject().put("type", "leave").put("id", i));
      client.next();
    }
    nowMillis.addAndGet(10_000);
    for (int i = 0; i < 19; i++) {
      client.send(new JsonObject().put("type", "leave").put("id", i));
      client.next();
    }
    client.join("r1"); // the twentieth in this window
    client.next();
    client.next();
    for (int i = 0; i < 30; i++) {
      client.assertStillServed();
    }
    assertThat(client.isClosed()).isFalse();
  }
}
