package dev.vertxsfu.bench.janus;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One WebSocket to Janus's API (subprotocol {@value #SUBPROTOCOL}) and, once
 * {@link #createSession()} ran, one Janus session on it: requests numbered by
 * {@code transaction}, their replies matched back, a {@code keepalive} every
 * {@value #KEEPALIVE_MILLIS} ms so the session never times out (Janus's default is 60 s),
 * asynchronous events routed to the {@link JanusHandle} that sent them.
 *
 * <p>Request kinds: {@code info}, {@code create}, {@code attach}, {@code detach},
 * {@code keepalive}, {@code trickle} and {@code destroy} get one reply ({@code success},
 * {@code ack} or {@code error}); a plugin {@code message} gets {@code success} (synchronous
 * plugin requests such as VideoRoom's {@code create}) or an {@code ack} and later an
 * {@code event} with the same transaction (asynchronous ones such as {@code join}). A reply
 * carrying an error fails the request with {@link JanusException}; a malformed frame with
 * {@link JanusReplyException}; no reply within {@value #REQUEST_TIMEOUT_MILLIS} ms with a
 * timeout.
 *
 * <p>Threads: everything runs on one Vert.x context, the one {@link #open} found or made (the
 * caller's, when called on a Vert.x thread; a new event loop otherwise): the socket's frames,
 * the timers, and every method here, which callers reach through {@link #onContext}. It owns
 * the pending requests and the handles without locks, and its futures complete there.
 */
final class JanusConnection {
  static final String SUBPROTOCOL = "janus-protocol";
  static final long KEEPALIVE_MILLIS = 25_000;
  static final long REQUEST_TIMEOUT_MILLIS = 20_000;

  private record Pending(String request, Promise<JanusReply> reply, boolean ackCompletes,
      long timer) {}

  // Passed by argument.
  private final Vertx vertx;
  private final Context context;
  // Allocated by this.
  private final WebSocketClient client;
  private final ClientWebSocket socket;
  private final Map<String, Pending> pending = new HashMap<>();
  private final Map<Long, JanusHandle> handles = new HashMap<>();
  private long nextTransaction = 1;
  private long sessionId;
  private long keepaliveTimer = -1;
  private boolean closed;

  private JanusConnection(Vertx vertx, Context context) {
    this.vertx = vertx;
    this.context = context;
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(1024 * 1024).setMaxMessageSize(4 * 1024 * 1024));
    this.socket = client.webSocket();
  }

  /** Opens {@code ws://host:port/} with the Janus subprotocol; no session yet. Any thread. */
  static Future<JanusConnection> open(Vertx vertx, String host, int port) {
    Context context = vertx.getOrCreateContext();
    Promise<JanusConnection> opened = Promise.promise();
    context.runOnContext(v -> {
      JanusConnection connection = new JanusConnection(vertx, context);
      connection.connect(host, port).map(connection).onComplete(opened);
    });
    return opened.future();
  }

  private Future<Void> connect(String host, int port) {
    socket.textMessageHandler(this::onText);
    socket.closeHandler(v -> onClosed());
    return socket.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/")
            .addSubProtocol(SUBPROTOCOL).setAllowOriginHeader(false))
        .<Void>mapEmpty()
        .onFailure(e -> client.close());
  }

  /** Runs {@code action} on this connection's context; its future completes there. */
  <T> Future<T> onContext(Supplier<Future<T>> action) {
    if (Vertx.currentContext() == context) {
      return action.get();
    }
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> action.get().onComplete(result));
    return result.future();
  }

  /** {@code info}: the server's name, version and plugins (needs no session). */
  Future<JsonObject> info() {
    return request(new JsonObject().put("janus", "info"), false).map(JanusReply::frame);
  }

  /** {@code create}: opens the session all later requests belong to; starts the keepalive. */
  Future<Long> createSession() {
    return request(new JsonObject().put("janus", "create"), false).map(reply -> {
      sessionId = reply.dataId();
      keepaliveTimer = vertx.setPeriodic(KEEPALIVE_MILLIS, id -> keepalive());
      return sessionId;
    });
  }

  /** {@code attach}: a new handle on {@code plugin} (for example janus.plugin.videoroom). */
  Future<JanusHandle> attach(String plugin) {
    return request(new JsonObject().put("janus", "attach").put("plugin", plugin), false)
        .map(reply -> {
          JanusHandle handle = new JanusHandle(reply.dataId(), plugin);
          handles.put(handle.id(), handle);
          return handle;
        });
  }

  /**
   * {@code message} to a handle's plugin, with an optional JSEP; completes with the plugin's
   * {@code success} or {@code event} reply, or fails with the error it carries.
   */
  Future<JanusReply> message(JanusHandle handle, JsonObject body, JsonObject jsep) {
    JsonObject message = new JsonObject().put("janus", "message")
        .put("handle_id", handle.id()).put("body", body);
    if (jsep != null) {
      message.put("jsep", jsep);
    }
    return request(message, false);
  }

  /** {@code trickle} of one candidate, or of {@code {"completed":true}}. */
  Future<Void> trickle(JanusHandle handle, JsonObject candidate) {
    return request(new JsonObject().put("janus", "trickle").put("handle_id", handle.id())
        .put("candidate", candidate), true).mapEmpty();
  }

  /** {@code detach}: Janus closes the handle's PeerConnection and forgets it. */
  Future<Void> detach(JanusHandle handle) {
    return request(new JsonObject().put("janus", "detach").put("handle_id", handle.id()), false)
        .<Void>mapEmpty()
        .onComplete(r -> handles.remove(handle.id()));
  }

  /** {@code destroy} of the session (when there is one), then the socket closes. */
  Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    Future<?> destroyed = sessionId == 0 ? Future.succeededFuture()
        : request(new JsonObject().put("janus", "destroy"), false);
    return destroyed.transform(r -> socket.close()).transform(r -> client.close());
  }

  private void keepalive() {
    request(new JsonObject().put("janus", "keepalive"), true);
  }

  private Future<JanusReply> request(JsonObject message, boolean ackCompletes) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException(
          "the Janus WebSocket is closed: " + message.getString("janus")));
    }
    String transaction = Long.toString(nextTransaction++);
    message.put("transaction", transaction);
    if (sessionId != 0) {
      message.put("session_id", sessionId);
    }
    Promise<JanusReply> reply = Promise.promise();
    String request = message.getString("janus");
    long timer = vertx.setTimer(REQUEST_TIMEOUT_MILLIS, id -> {
      if (pending.remove(transaction) != null) {
        reply.tryFail(new IllegalStateException("Janus did not answer " + request + " in "
            + REQUEST_TIMEOUT_MILLIS + " ms"));
      }
    });
    pending.put(transaction, new Pending(request, reply, ackCompletes, timer));
    socket.writeTextMessage(message.encode());
    return reply.future();
  }

  private void onText(String text) {
    JanusReply reply;
    try {
      reply = JanusReply.parse(text);
    } catch (JanusReplyException e) {
      failTransactionOf(text, e);
      return;
    }
    Pending request = reply.transaction() == null ? null : pending.get(reply.transaction());
    if (request == null) {
      onEvent(reply);
      return;
    }
    if ("ack".equals(reply.kind()) && !request.ackCompletes()) {
      return; // an asynchronous plugin request: its event follows with the same transaction
    }
    pending.remove(reply.transaction());
    vertx.cancelTimer(request.timer());
    try {
      JanusException error = reply.error();
      if (error != null) {
        request.reply().fail(error);
      } else {
        request.reply().complete(reply);
      }
    } catch (JanusReplyException e) {
      request.reply().fail(e);
    }
  }

  private void onEvent(JanusReply event) {
    JanusHandle handle = handles.get(event.sender());
    if (handle != null) {
      handle.onEvent(event);
      if ("detached".equals(event.kind())) {
        handles.remove(event.sender());
      }
    }
  }

  /** A malformed frame fails the request whose transaction it names, if it names one. */
  private void failTransactionOf(String text, JanusReplyException e) {
    try {
      Object transaction = new JsonObject(text).getValue("transaction");
      Pending request = transaction == null ? null : pending.remove(transaction.toString());
      if (request != null) {
        vertx.cancelTimer(request.timer());
        request.reply().fail(e);
      }
    } catch (RuntimeException notJson) {
      // Names no transaction: nothing to fail; the request times out.
    }
  }

  private void onClosed() {
    closed = true;
    if (keepaliveTimer >= 0) {
      vertx.cancelTimer(keepaliveTimer);
    }
    for (Pending request : new ArrayList<>(pending.values())) {
      vertx.cancelTimer(request.timer());
      request.reply().tryFail(new IllegalStateException(
          "the Janus WebSocket closed before the reply to " + request.request()));
    }
    pending.clear();
  }
}
