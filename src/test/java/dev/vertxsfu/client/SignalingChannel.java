package dev.vertxsfu.client;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The client's WebSocket to {@code /ws}: one JSON object per text frame, requests numbered
 * with an incrementing {@code id} whose reply (same {@code id}) completes their future, or
 * whose {@code error} frame fails it with {@link SfuErrorException} (docs/protocol.md).
 *
 * <p>Threads: frames arrive on a Vert.x event loop and are handed to the client's signaling
 * executor, which alone runs {@link #request}, {@link #send} and the event handler and owns the
 * pending requests. Server events (frames that answer no pending request) go to the handler.
 */
final class SignalingChannel {
  private final Vertx vertx;
  private final Executor signaling;
  private final Consumer<JsonObject> onEvent;
  private final Map<String, Pending> pending = new HashMap<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();
  private WebSocketClient client;
  private ClientWebSocket socket;
  private long nextId = 1;

  private record Pending(String type, CompletableFuture<JsonObject> reply) {}

  SignalingChannel(Vertx vertx, Executor signaling, Consumer<JsonObject> onEvent) {
    this.vertx = vertx;
    this.signaling = signaling;
    this.onEvent = onEvent;
  }

  /** Opens {@code ws://host:port/ws}; completes on the signaling executor. */
  CompletableFuture<Void> connect(String host, int port) {
    client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(64 * 1024).setMaxMessageSize(1024 * 1024));
    socket = client.webSocket();
    socket.textMessageHandler(text -> signaling.execute(() -> onText(text)));
    socket.closeHandler(v -> {
      Short status = socket.closeStatusCode();
      signaling.execute(() -> onClosed(status));
    });
    CompletableFuture<Void> open = new CompletableFuture<>();
    // No Origin header: that is how a non-browser client shows itself (the SFU's origin
    // check applies to browsers).
    socket.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/ws")
            .setAllowOriginHeader(false))
        .onComplete(result -> signaling.execute(() -> {
          if (result.succeeded()) {
            open.complete(null);
          } else {
            open.completeExceptionally(result.cause());
          }
        }));
    return open;
  }

  /** Sends a request; its future completes with the reply frame. Signaling executor only. */
  CompletableFuture<JsonObject> request(String type, JsonObject fields) {
    CompletableFuture<JsonObject> reply = new CompletableFuture<>();
    if (socket == null || closed.isDone()) {
      reply.completeExceptionally(new IllegalStateException("not connected: " + type));
      return reply;
    }
    long id = nextId++;
    pending.put(Long.toString(id), new Pending(type, reply));
    write(fields.copy().put("type", type).put("id", id));
    return reply;
  }

  /** Sends a message that has no reply ({@code answer}, {@code candidate}). */
  void send(String type, JsonObject fields) {
    if (socket != null && !closed.isDone()) {
      write(fields.copy().put("type", type));
    }
  }

  /** Completes with the close status code (or {@code null}) once the socket is closed. */
  CompletableFuture<Short> closed() {
    return closed;
  }

  /** Closes the socket and the WebSocket client; any thread. */
  void close() {
    if (socket != null && !socket.isClosed()) {
      socket.close();
    }
    if (client != null) {
      client.close();
    }
  }

  private void write(JsonObject frame) {
    // Vert.x queues writes from a foreign thread onto the socket's loop in call order.
    socket.writeTextMessage(frame.encode());
  }

  private void onText(String text) {
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException e) {
      onEvent.accept(new JsonObject().put("type", "error").put("code", "bad_request")
          .put("message", "the SFU sent a frame that is not a JSON object: " + text));
      return;
    }
    Object id = frame.getValue("id");
    Pending request = id == null ? null : pending.remove(idKey(id));
    if (request == null) {
      onEvent.accept(frame);
    } else if ("error".equals(frame.getString("type"))) {
      request.reply().completeExceptionally(SfuErrorException.fromFrame(frame, request.type()));
    } else {
      request.reply().complete(frame);
    }
  }

  /** An id as the SFU echoes it: a JSON number (integer or not) or a string. */
  private static String idKey(Object id) {
    if (id instanceof Number number) {
      return Long.toString(number.longValue());
    }
    return id.toString();
  }

  private void onClosed(Short status) {
    pending.values().forEach(request -> request.reply().completeExceptionally(
        new IllegalStateException("the socket closed before the reply to " + request.type())));
    pending.clear();
    closed.complete(status);
  }
}
