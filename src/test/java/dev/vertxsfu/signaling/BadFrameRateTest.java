package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/protocol.md: over 20 bad frames in 10 s close the socket with 1008. The front's clock is
 * a test clock that only moves when the test says so: no test waits for the window.
 */
@ExtendWith(VertxExtension.class)
class BadFrameRateTest {
  private final AtomicLong nowMillis = new AtomicLong(1_000_000);

  @Test
  void theTwentyFirstBadFrameWithinTheWindowClosesWith1008(Vertx vertx) {
    FakeRoom.start(vertx, "r1");
    TestSocket client = connect(vertx);
    client.join("r1");
    client.next();
    client.next();

    for (int i = 1; i <= 20; i++) {
      client.sendText(i % 2 == 0 ? "not json" : "[" + i + "]");
      assertThat(client.next().getString("code")).isEqualTo("bad_request");
    }
    client.assertStillServed();
    client.sendBinary(Buffer.buffer(new byte[] {1, 2, 3}));

    assertThat(client.next().getString("code")).isEqualTo("bad_request");
    assertThat(client.awaitClose()).isEqualTo((short) 1008);
  }

  @Test
  void badFramesOutsideTheWindowAreForgiven(Vertx vertx) {
    TestSocket client = connect(vertx);

    for (int i = 0; i < 20; i++) {
      client.sendText("{}");
      client.next();
    }
    nowMillis.addAndGet(BadFrameLimiter.WINDOW_MILLIS);
    for (int i = 0; i < 20; i++) {
      client.sendText("{}");
      client.next();
    }

    client.send(new JsonObject().put("type", "offer").put("id", "still").put("sdp", "v=0"));
    JsonObject reply = client.next();
    assertThat(reply.getString("code")).isEqualTo("not_joined");
    assertThat(reply.getValue("id")).isEqualTo("still");
    assertThat(client.isClosed()).isFalse();
  }

  @Test
  void refusalsForStateAreNotBadFrames(Vertx vertx) {
    // more requests before join than bad frames are allowed: those have a limit of their own
    SignalingVerticle signaling = Signaling.deploy(vertx,
        Map.of("SFU_SIGNALING_MAX_REQUESTS_BEFORE_JOIN", "100"), nowMillis::get);
    TestSocket client = TestSocket.connect(vertx, signaling.actualPort());

    for (int i = 0; i < 25; i++) {
      client.send(new JsonObject().put("type", "leave").put("id", i));
      assertThat(client.next().getString("code")).isEqualTo("not_joined");
    }

    assertThat(client.isClosed()).isFalse();
  }

  private TestSocket connect(Vertx vertx) {
    SignalingVerticle signaling = Signaling.deploy(vertx, Map.of(), nowMillis::get);
    return TestSocket.connect(vertx, signaling.actualPort());
  }
}
