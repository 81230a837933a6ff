package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client of the signaling front, for tests: what it receives is queued and
 * read in order with {@link #next()}, which waits (never sleeps) up to five seconds.
 */
final class TestSocket {
  private static final long WAIT_SECONDS = 5;

  /** Held so the client lives as long as its socket: Vert.x closes unreachable clients. */
  private final WebSocketClient client;
  private final WebSocket socket;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();

  private TestSocket(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
  }

  /** Connects to {@code /ws} on 127.0.0.1, without an Origin header. */
  static TestSocket connect(Vertx vertx, int port) {
    return open(vertx, options(port).setAllowOriginHeader(false)).await();
  }

  static WebSocketConnectOptions options(int port) {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws");
  }

  static Future<TestSocket> open(Vertx vertx, WebSocketConnectOptions options) {
    WebSocketClient client = vertx.createWebSocketClient();
    return client.connect(options).map(socket -> new TestSocket(client, socket));
  }

  void send(JsonObject message) {
    socket.writeTextMessage(message.encode()).await();
  }

  void sendText(String text) {
    socket.writeTextMessage(text).await();
  }

  void sendBinary(Buffer bytes) {
    socket.writeBinaryMessage(bytes).await();
  }

  /** The next frame received; fails the test if none comes within five seconds. */
  JsonObject next() {
    try {
      JsonObject frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(frame).as("a frame within %d s", WAIT_SECONDS).isNotNull();
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Sends {@code join} for {@code room} with id "join" and returns the {@code joined} frame. */
  JsonObject join(String room) {
    send(new JsonObject().put("type", "join").put("id", "join").put("room", room));
    JsonObject joined = next();
    assertThat(joined.getString("type")).as("reply to join: %s", joined).isEqualTo("joined");
    return joined;
  }

  /** Proves the socket still works: a valid request gets its reply. */
  void assertStillServed() {
    send(new JsonObject().put("type", "is_allow_renegotiation").put("id", "probe"));
    JsonObject reply = next();
    assertThat(reply.getString("type")).as("probe reply %s", reply)
        .isEqualTo("is_allow_renegotiation");
    assertThat(reply.getValue("id")).isEqualTo("probe");
  }

  /** The close code the server sent; fails the test if the socket is not closed in time. */
  short awaitClose() {
    try {
      Short code = closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
      return code == null ? -1 : code;
    } catch (Exception e) {
      throw new AssertionError("the socket was not closed within " + WAIT_SECONDS + " s", e);
    }
  }

  boolean isClosed() {
    return closed.isDone();
  }

  void close() {
    socket.close().await();
    client.close();
  }

  /** Frames received and not read yet (for asserting that nothing more came). */
  int unread() {
    return frames.size();
  }
}
