package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.media.transport.TransportState;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The room's lifecycle lines at info (README, "Logging"), caught with Logback's list appender
 * during real calls of libwebrtc peers: each names its room and client as key-value pairs.
 */
@ExtendWith(VertxExtension.class)
class RoomLifecycleLogTest {
  private static final String LOGGER = "dev.vertxsfu.room.Room";

  @Test
  void aPublisherJoiningLogsJoinIceConnectedAndDtlsConnectedWithItsIds(Vertx vertx)
      throws Exception {
    try (LogLines log = LogLines.of(LOGGER)) {
      RoomVerticle room = RoomMediaTest.deploy(vertx, "log-r1");
      try (RoomPeer alice = new RoomPeer("alice", room, 320, 240).publish()) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
            assertThat(log.about("log-r1", "alice")).extracting(LogLines.Line::message)
                .anyMatch(m -> m.startsWith("client joined (1 in the room)"))
                .anyMatch(m -> m.startsWith("ICE connected from /127.0.0.1:"))
                .anyMatch(m -> m.matches("DTLS connected, \\d+ ms after join")));
        assertThat(log.lines()).extracting(LogLines.Line::message).contains("room started");
        assertThat(log.about("log-r1", "alice")).extracting(LogLines.Line::level)
            .containsOnly("INFO");
        room.removeClient("alice").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(log.about("log-r1", "alice")).extracting(LogLines.Line::message)
            .contains("transport closed", "client left (0 in the room)");
      }
    }
  }

  @Test
  void aForgedFingerprintLogsDtlsFailedWithTheReason(Vertx vertx) throws Exception {
    try (LogLines log = LogLines.of(LOGGER)) {
      RoomVerticle room = RoomMediaTest.deploy(vertx, "log-r2");
      DtlsCertificate stranger =
          DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
      try (RoomPeer mallory = new RoomPeer("mallory", room, 320, 240)) {
        mallory.peer.addReceiveOnly(mallory.libWebRtc.factory().createVideoTrack("v",
            mallory.libWebRtc.videoSource()));
        room.addClient("mallory", mallory).toCompletionStage().toCompletableFuture().get();
        String offer = mallory.peer.createOffer()
            .replaceAll("a=fingerprint:[^\\r\\n]+", "a=fingerprint:" + stranger.fingerprint());
        mallory.peer.applyAnswer(room.negotiate("mallory", offer).toCompletionStage()
            .toCompletableFuture().get(10, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(20))
            .until(() -> mallory.states.contains(TransportState.FAILED));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
            assertThat(log.about("log-r2", "mallory")).extracting(LogLines.Line::message)
                .anyMatch(m -> m.startsWith("ICE connected"))
                .anyMatch(m -> m.startsWith("DTLS failed: ") && m.length() > 20
                    && !m.endsWith("null")));
      }
    }
  }
}
