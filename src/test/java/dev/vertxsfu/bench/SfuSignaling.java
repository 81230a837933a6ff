package dev.vertxsfu.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One synthetic client's WebSocket to our SFU (docs/protocol.md v1): JSON frames, requests numbered
 * with {@code id} whose reply (or {@code error}) completes their future; every other frame is
 * a server event for the handler.
 *
 * <p>Threads: the socket's Vert.x event loop runs the handler, completes the futures and owns
 * the pending map; {@link #request} and {@link #send} may be called from any thread (they hop
 * onto that loop). Owns its {@link WebSocketClient}.
 */
final class SfuSignaling {
  private final Vertx vertx;
  private final Map<Long, Promise<JsonObject>> pending = new HashMap<>();
  private WebSocketClient client;
  private WebSocket socket;
  private io.vertx.core.Context context;
  private long nextId = 1;

  private SfuSignaling(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Connects to {@code ws://host:port/ws}; {@code onEvent} gets the server's events. */
  static Future<SfuSignaling> connect(Vertx vertx, String host, int port,
      Consumer<JsonObject> onEvent) {
    SfuSignaling signaling = new SfuSignaling(vertx);
    signaling.client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(64 * 1024).setMaxMessageSize(1024 * 1024));
    return signaling.client.connect(new WebSocketConnectOptions().setHost(host).setPort(port)
            .setURI("/ws").setAllowOriginHeader(false))
        .map(socket -> {
          signaling.socket = socket;
          signaling.context = vertx.getOrCreateContext();
          socket.textMessageHandler(text -> signaling.onText(text, onEvent));
          socket.closeHandler(v -> signaling.failPending());
          return signaling;
        });
  }

  /** A request; completes with the reply frame, or fails with the SFU's error frame. */
  Future<JsonObject> request(String type, JsonObject fields) {
    Promise<JsonObject> reply = Promise.promise();
    context.runOnContext(v -> {
      long id = nextId++;
      pending.put(id, reply);
      socket.writeTextMessage(fields.copy().put("type", type).put("id", id).encode());
    });
    return reply.future();
  }

  /** A message without a reply ({@code answer}, {@code tracks_added} events are requests). */
  void send(String type, JsonObject fields) {
    context.runOnContext(v -> socket.writeTextMessage(fields.copy().put("type", type).encode()));
  }

  Future<Void> close() {
    return socket.close().eventually(() -> client.close());
  }

  private void onText(String text, Consumer<JsonObject> onEvent) {
    JsonObject frame = new JsonObject(text);
    Object id = frame.getValue("id");
    Promise<JsonObject> reply = id instanceof Number n ? pending.remove(n.longValue()) : null;
    if (reply == null) {
      onEvent.accept(frame);
    } else if ("error".equals(frame.getString("type"))) {
      reply.fail(frame.getString("code") + ": " + frame.getString("message"));
    } else {
      reply.complete(frame);
    }
  }

  private void failPending() {
    pending.values().forEach(p -> p.tryFail("the signaling socket closed"));
    pending.clear();
  }
}
