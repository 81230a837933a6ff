package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.app.SfuNode;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, item 4, over real WebSockets to a whole node: a plain signaling client sends a
 * canned Chromium offer and never does ICE. With a connect timeout of one second, the other
 * client hears {@code client_left}, and the silent one hears {@code room_moved} (reason
 * {@code transport_timeout}) and may join again on the same socket.
 */
@ExtendWith(VertxExtension.class)
class TransportTimeoutSignalingTest {

  @Test
  void aClientThatNeverStartsIceLeavesTheRoomAndMayJoinAgain(Vertx vertx) throws Exception {
    SfuConfig config = SfuConfig.load(Map.of("SFU_HTTP_PORT", "0", "SFU_MEDIA_MIN_PORT", "0",
        "SFU_MEDIA_MAX_PORT", "0", "SFU_CLUSTER_ENABLED", "false",
        "SFU_ROOMS_CONNECT_TIMEOUT_SECONDS", "1"));
    SfuNode node = SfuNode.start(vertx, config, DtlsCertificate.generate(new SecureRandom(),
        Instant.now(), Duration.ofDays(1)), 1).await();
    TestSocket silent = TestSocket.connect(vertx, node.httpPort());
    TestSocket other = TestSocket.connect(vertx, node.httpPort());
    String silentId = silent.join("t").getString("clientId");
    other.join("t");
    assertThat(silent.next().getString("type")).isEqualTo("client_joined");

    silent.send(new JsonObject().put("type", "offer").put("id", "o").put("sdp", chromiumOffer()));
    JsonObject answer = silent.next();
    assertThat(answer.getString("type")).as("%s", answer).isEqualTo("answer");

    JsonObject left = other.next(); // within TestSocket's five seconds
    assertThat(left).isEqualTo(new JsonObject().put("type", "client_left")
        .put("clientId", silentId).put("name", silentId));
    JsonObject moved = nextOfType(silent, "room_moved");
    assertThat(moved.getString("reason")).isEqualTo("transport_timeout");
    silent.join("t"); // the socket is back before join
  }

  /** Skips the events that come first (tracks_added, connection_state). */
  private static JsonObject nextOfType(TestSocket socket, String type) {
    for (int i = 0; i < 10; i++) {
      JsonObject frame = socket.next();
      if (type.equals(frame.getString("type"))) {
        return frame;
      }
    }
    throw new AssertionError("no " + type);
  }

  private static String chromiumOffer() throws Exception {
    try (InputStream in = TransportTimeoutSignalingTest.class
        .getResourceAsStream("/wire/sdp/chromium-offer-av-data.sdp")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
