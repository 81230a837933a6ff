package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, item 4 (the HTTP and WebSocket part): connections that never complete a request,
 * sit idle, stop answering pings, or come too many from one address are closed, on short
 * configured timeouts. Real TCP sockets written by hand ({@link RawWebSocket}).
 */
@ExtendWith(VertxExtension.class)
class ConnectionLimitsTest {
  private static final int SILENCE_MILLIS = 8_000;

  @Test
  void aConnectionThatSendsNoRequestIsClosedAfterTheHandshakeTimeout(Vertx vertx)
      throws Exception {
    SignalingVerticle signaling = Signaling.deploy(vertx,
        Map.of("SFU_HTTP_HANDSHAKE_TIMEOUT_SECONDS", "1"));

    try (RawWebSocket silent = RawWebSocket.tcp(signaling.actualPort());
        RawWebSocket slowloris = RawWebSocket.tcp(signaling.actualPort())) {
      slowloris.sendBytes("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n");

      assertThat(silent.readUntilClosed(SILENCE_MILLIS)).isZero();
      assertThat(slowloris.readUntilClosed(SILENCE_MILLIS)).isZero();
    }
    assertThat(signaling.counters().await().handshakeTimeouts()).isEqualTo(2);
  }

  @Test
  void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout(Vertx vertx) throws Exception {
    SignalingVerticle signaling = Signaling.deploy(vertx, Map.of(
        "SFU_HTTP_IDLE_TIMEOUT_SECONDS", "2", "SFU_SIGNALING_PING_INTERVAL_SECONDS", "1"));

    try (RawWebSocket keepAlive = RawWebSocket.tcp(signaling.actualPort())) {
      keepAlive.sendBytes("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

      assertThat(keepAlive.readUntilClosed(SILENCE_MILLIS)).isPositive(); // the answer, then EOF
    }
  }

  @Test
  void aWebSocketThatAnswersNoPingIsClosedWith1001(Vertx vertx) throws Exception {
    SignalingVerticle signaling = Signaling.deploy(vertx, Map.of(
        "SFU_SIGNALING_PING_INTERVAL_SECONDS", "1", "SFU_SIGNALING_PONG_TIMEOUT_SECONDS", "1",
        "SFU_HTTP_IDLE_TIMEOUT_SECONDS", "3"));

    List<RawWebSocket.Frame> frames;
    try (RawWebSocket mute = RawWebSocket.connect(signaling.actualPort())) {
      frames = mute.readFramesUntilClosed(SILENCE_MILLIS);
    }

    assertThat(frames).extracting(RawWebSocket.Frame::opcode)
        .contains(RawWebSocket.Frame.PING);
    assertThat(frames.get(frames.size() - 1).closeCode()).isEqualTo(1001);
    assertThat(signaling.counters().await().pingTimeouts()).isEqualTo(1);
  }

  @Test
  void aWebSocketThatAnswersPingsStaysOpen(Vertx vertx) {
    FakeRoom.start(vertx, "r1");
    SignalingVerticle signaling = Signaling.deploy(vertx, Map.of(
        "SFU_SIGNALING_PING_INTERVAL_SECONDS", "1", "SFU_SIGNALING_PONG_TIMEOUT_SECONDS", "1",
        "SFU_HTTP_IDLE_TIMEOUT_SECONDS", "2"));
    TestSocket client = TestSocket.connect(vertx, signaling.actualPort());
    client.join("r1");
    client.next(); // the join's two events
    client.next();

    // Several ping intervals and more than an idle timeout, with no message either way.
    await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
        .until(() -> !client.isClosed());

    client.assertStillServed();
    assertThat(signaling.counters().await().pingTimeouts()).isZero();
  }

  @Test
  void connectionsPastThePerAddressLimitAreRefused(Vertx vertx) throws Exception {
    SignalingVerticle signaling = Signaling.deploy(vertx,
        Map.of("SFU_HTTP_MAX_CONNECTIONS_PER_IP", "2"));
    int port = signaling.actualPort();

    try (RawWebSocket first = RawWebSocket.connect(port);
        RawWebSocket second = RawWebSocket.connect(port);
        RawWebSocket third = RawWebSocket.tcp(port)) {
      assertThat(third.readUntilClosed(SILENCE_MILLIS)).isZero();

      first.close();
      await().atMost(Duration.ofSeconds(5)).until(
          () -> ConnectionGate.heldBy(vertx, "127.0.0.1") == 1);
      try (RawWebSocket again = RawWebSocket.connect(port)) {
        assertThat(ConnectionGate.heldBy(vertx, "127.0.0.1")).isEqualTo(2);
      }
    }
    assertThat(signaling.counters().await().perIpRefusals()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(5)).until(
        () -> ConnectionGate.heldBy(vertx, "127.0.0.1") == 0);
  }

  @Test
  void aFrameOverOneMebibyteClosesWith1009(Vertx vertx) throws Exception {
    SignalingVerticle signaling = Signaling.deploy(vertx);

    List<RawWebSocket.Frame> frames;
    try (RawWebSocket client = RawWebSocket.connect(signaling.actualPort())) {
      try {
        client.sendText("{\"type\":\"leave\",\"pad\":\"" + "x".repeat(1536 * 1024) + "\"}");
      } catch (SocketException closedWhileSending) {
        // the node refused the frame from its header and closed before the rest was sent
      }
      frames = client.readFramesUntilClosed(SILENCE_MILLIS);
    }

    // The close frame is lost when the close crosses the unread rest of the frame (a reset).
    assertThat(frames).extracting(RawWebSocket.Frame::closeCode)
        .allMatch(code -> code == -1 || code == 1009);
    assertThat(signaling.counters().await().tooBigCloses()).isEqualTo(1);
  }

  @Test
  void aMessageOfManyFramesOverOneMebibyteClosesWith1009(Vertx vertx) {
    SignalingVerticle signaling = Signaling.deploy(vertx);
    TestSocket client = TestSocket.connect(vertx, signaling.actualPort());

    client.sendText("{\"type\":\"leave\",\"pad\":\"" + "x".repeat(1536 * 1024) + "\"}");

    assertThat(client.awaitClose()).isEqualTo((short) 1009);
  }
}
