package dev.vertxsfu.bench.janus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JanusConnection} against a scripted Janus: a WebSocket server on 127.0.0.1 speaking
 * {@code janus-protocol} whose replies each test writes, including ones the real Janus never
 * sends (malformed frames, a closed socket), to show they fail the request with a typed
 * exception at once instead of leaving it to time out.
 */
class JanusConnectionTest {
  private Vertx vertx;
  private HttpServer server;
  private final LinkedBlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
  private volatile Function<JsonObject, String> script = request -> null;
  private volatile ServerWebSocket serverSocket;
  private JanusConnection connection;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = get(vertx.createHttpServer(new HttpServerOptions()
            .addWebSocketSubProtocol(JanusConnection.SUBPROTOCOL))
        .webSocketHandler(socket -> {
          serverSocket = socket;
          socket.textMessageHandler(text -> {
            JsonObject request = new JsonObject(text);
            received.add(request);
            String reply = script.apply(request);
            if (reply != null) {
              socket.writeTextMessage(reply);
            }
          });
        })
        .listen(0, "127.0.0.1"));
    connection = get(JanusConnection.open(vertx, "127.0.0.1", server.actualPort()));
  }

  @AfterEach
  void stop() throws Exception {
    get(vertx.close());
  }

  @Test
  void theSubprotocolIsJanusProtocolAndRequestsCarryTransactions() throws Exception {
    script = request -> "{\"janus\":\"server_info\",\"transaction\":\""
        + request.getString("transaction") + "\",\"name\":\"scripted\"}";

    JsonObject info = get(connection.onContext(connection::info));

    assertThat(info.getString("name")).isEqualTo("scripted");
    assertThat(serverSocket.subProtocol()).isEqualTo("janus-protocol");
    assertThat(received.poll(5, TimeUnit.SECONDS).getString("transaction")).isNotBlank();
  }

  @Test
  void anAsynchronousPluginRequestCompletesWithTheEventAfterItsAck() throws Exception {
    JanusHandle handle = sessionAndHandle();
    script = request -> {
      String transaction = request.getString("transaction");
      vertx.setTimer(50, id -> serverSocket.writeTextMessage("{\"janus\":\"event\","
          + "\"transaction\":\"" + transaction + "\",\"sender\":22,\"plugindata\":{\"plugin\":"
          + "\"janus.plugin.videoroom\",\"data\":{\"videoroom\":\"joined\",\"id\":77}}}"));
      return "{\"janus\":\"ack\",\"transaction\":\"" + transaction + "\"}";
    };

    JanusReply joined = get(connection.onContext(() ->
        connection.message(handle, new JsonObject().put("request", "join"), null)));

    assertThat(joined.pluginNumber("id")).isEqualTo(77);
    JsonObject message = received.poll(5, TimeUnit.SECONDS);
    assertThat(message.getLong("session_id")).isEqualTo(11);
    assertThat(message.getLong("handle_id")).isEqualTo(22);
  }

  @Test
  void aMalformedReplyFailsItsRequestWithTheTypedException() throws Exception {
    script = request -> "{\"janus\":\"success\",\"transaction\":\""
        + request.getString("transaction") + "\",\"data\":{\"id\":\"not a number\"}}";

    assertThatThrownBy(() -> get(connection.onContext(connection::createSession)))
        .isInstanceOf(JanusReplyException.class).hasMessageContaining("not a positive integer");
  }

  @Test
  void anErrorFrameWithoutItsCodeFailsItsRequestWithTheTypedException() throws Exception {
    script = request -> "{\"janus\":\"error\",\"transaction\":\""
        + request.getString("transaction") + "\",\"error\":{\"reason\":\"no code\"}}";

    assertThatThrownBy(() -> get(connection.onContext(connection::createSession)))
        .isInstanceOf(JanusReplyException.class).hasMessageContaining("error.code");
  }

  @Test
  void aClosedSocketFailsThePendingRequests() throws Exception {
    script = request -> {
      serverSocket.close();
      return null;
    };

    assertThatThrownBy(() -> get(connection.onContext(connection::createSession)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void webrtcupCompletesItsHandlesFutureAndHangupFailsAnother() throws Exception {
    JanusHandle up = sessionAndHandle();
    script = request -> "{\"janus\":\"success\",\"transaction\":\""
        + request.getString("transaction") + "\",\"data\":{\"id\":33}}";
    JanusHandle hungUp = get(connection.onContext(() -> connection.attach("janus.plugin.x")));

    serverSocket.writeTextMessage("{\"janus\":\"webrtcup\",\"session_id\":11,\"sender\":22}");
    serverSocket.writeTextMessage(
        "{\"janus\":\"hangup\",\"session_id\":11,\"sender\":33,\"reason\":\"DTLS alert\"}");

    get(up.webrtcUp());
    assertThatThrownBy(() -> get(hungUp.webrtcUp()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("DTLS alert");
  }

  /** A session 11 and a handle 22, as the scripted Janus hands them out. */
  private JanusHandle sessionAndHandle() throws Exception {
    script = request -> "{\"janus\":\"success\",\"transaction\":\""
        + request.getString("transaction") + "\",\"data\":{\"id\":"
        + ("create".equals(request.getString("janus")) ? 11 : 22) + "}}";
    get(connection.onContext(connection::createSession));
    JanusHandle handle = get(connection.onContext(() -> connection.attach("janus.plugin.x")));
    received.clear();
    return handle;
  }

  private static <T> T get(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
