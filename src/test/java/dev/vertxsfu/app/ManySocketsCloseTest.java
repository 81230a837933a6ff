package dev.vertxsfu.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.signaling.SignalingVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, item 8: closing many sockets of one room at once used to log "Discarding message
 * since the consumer is not registered" for events the room sent to clients whose event
 * address was already unregistered. A whole node in-process (real room, real WebSockets); the
 * Vert.x event bus's log is captured.
 */
@ExtendWith(VertxExtension.class)
class ManySocketsCloseTest {
  private static final int CLIENTS = 300;
  /** Vert.x logs through SLF4J, so the line is caught where Logback receives it. */
  private static final Logger BUS_LOG =
      (Logger) LoggerFactory.getLogger("io.vertx.core.eventbus.impl.MessageConsumerImpl");

  private final Queue<String> discarded = new ConcurrentLinkedQueue<>();
  private final AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      if (String.valueOf(event.getFormattedMessage()).contains("Discarding message")) {
        discarded.add(event.getFormattedMessage());
      }
    }
  };

  @BeforeEach
  void captureBusLog() {
    capture.setContext(BUS_LOG.getLoggerContext());
    capture.start();
    BUS_LOG.addAppender(capture);
  }

  @AfterEach
  void releaseBusLog() {
    BUS_LOG.detachAppender(capture);
    capture.stop();
  }

  @Test
  void closingManySocketsOfARoomAtOnceDiscardsNoEvent(Vertx vertx) {
    SfuConfig config = SfuConfig.load(Map.of("SFU_HTTP_PORT", "0", "SFU_MEDIA_MIN_PORT", "0",
        "SFU_MEDIA_MAX_PORT", "0", "SFU_ROOMS_EMPTY_CLOSE_SECONDS", "1",
        "SFU_HTTP_MAX_CONNECTIONS_PER_IP", "0"));
    DtlsCertificate certificate =
        DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
    SfuNode node = SfuNode.start(vertx, config, certificate, 1).await();
    WebSocketClient client = vertx.createWebSocketClient(
        new WebSocketClientOptions().setMaxConnections(CLIENTS));
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1")
        .setPort(node.httpPort()).setURI("/ws").setAllowOriginHeader(false);

    List<WebSocket> sockets = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      WebSocket socket = client.connect(options).await();
      sockets.add(socket);
      socket.writeTextMessage(new JsonObject().put("type", "join").put("room", "crowd")
          .put("name", "c" + i).encode()).await();
    }
    await().atMost(Duration.ofSeconds(60)).until(
        () -> SignalingVerticle.connectionsOnNode(vertx) == CLIENTS);
    // Every client is in the room once the last one is: joins are handled in order.
    sockets.get(CLIENTS - 1).writeTextMessage(
        new JsonObject().put("type", "is_allow_renegotiation").encode()).await();

    Future.all(sockets.stream().map(WebSocket::close).toList()).await();

    await().atMost(Duration.ofSeconds(60)).until(
        () -> SignalingVerticle.connectionsOnNode(vertx) == 0
            && node.rooms().roomCountNow().await() == 0);
    assertThat(discarded).as("events discarded by unregistered consumers").isEmpty();
  }
}
