package dev.vertxsfu.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.client.ReconnectingClient;
import dev.vertxsfu.client.ReconnectingClient.Server;
import dev.vertxsfu.client.SfuWebSocketClient;
import dev.vertxsfu.testpeer.DecodedMedia;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three SFU nodes as three JVM processes. Two clients, one connected through node 1 and one
 * through node 2, share a room that placement puts on node 3. Node 3 is killed with
 * {@code kill -9} in the middle of the call; both clients hear {@code room_moved} from their
 * own (surviving) nodes, join again, and the room comes back on node 1 or 2, where they decode
 * each other's video again. Prints the time from the kill to the first frame decoded after it.
 */
class NodeLossTest {
  static final Duration TIMEOUT = Duration.ofSeconds(40);
  static final String ROOM = "failover";

  private SfuProcesses nodes;
  private Vertx vertx;
  private final List<AutoCloseable> clients = new ArrayList<>();

  @BeforeEach
  void startNodes() throws Exception {
    nodes = SfuProcesses.start("node-loss", 3, 20);
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopAll() throws Exception {
    for (AutoCloseable client : clients) {
      client.close();
    }
    vertx.close().await();
    nodes.close();
  }

  @Test
  void bothClientsDecodeEachOtherAgainAfterTheRoomsNodeIsKilled() throws Exception {
    loadNodes(vertx, nodes, 0, 1);
    ReconnectingClient alice = client("alice", server(0), server(1));
    ReconnectingClient bob = client("bob", server(1), server(0));
    alice.start().get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    bob.start().get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    assertThat(nodes.hostOf(0, ROOM)).isEqualTo(nodes.id(2));
    awaitDecoding(alice, 1);
    awaitDecoding(bob, 1);

    long killed = System.nanoTime();
    nodes.kill(2);

    awaitDecoding(alice, 2);
    awaitDecoding(bob, 2);
    long back = Math.max(firstFrameNanos(alice.session()), firstFrameNanos(bob.session()));
    System.out.printf("node 3 killed: both clients decoded video again %d ms later%n",
        (back - killed) / 1_000_000);
    String host = nodes.hostOf(0, ROOM);
    assertThat(host).isIn(nodes.id(0), nodes.id(1));
    assertThat(alice.sessions()).hasSize(2);
    assertThat(bob.sessions()).hasSize(2);
    assertThat(alice.sessions().get(0).events().roomMoved()).isCompletedWithValue("node_lost");
    assertThat(bob.sessions().get(0).events().roomMoved()).isCompletedWithValue("node_lost");
  }

  private Server server(int index) {
    return new Server("127.0.0.1", nodes.node(index).httpPort());
  }

  private ReconnectingClient client(String name, Server... servers) {
    ReconnectingClient client = new ReconnectingClient(vertx, List.of(servers), ROOM, name,
        320, 240);
    clients.add(client);
    return client;
  }

  /**
   * Opens two idle sockets on each of the given nodes and waits until the cluster sees them:
   * the least-loaded node, the one left out, then takes the next new room.
   */
  static void loadNodes(Vertx vertx, SfuProcesses nodes, int... indexes) {
    WebSocketClient sockets = vertx.createWebSocketClient();
    for (int index : indexes) {
      for (int i = 0; i < 2; i++) {
        WebSocket idle = sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
            .setPort(nodes.node(index).httpPort()).setURI("/ws").setAllowOriginHeader(false))
            .await();
        assertThat(idle.isClosed()).isFalse();
      }
    }
    for (int index : indexes) {
      await().atMost(TIMEOUT).until(() -> nodes.connections(0, index) == 2);
    }
  }

  /** Waits until the client's {@code session}-th session decodes the other's video. */
  static void awaitDecoding(ReconnectingClient client, int session) {
    try {
      await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20))
          .until(() -> client.sessions().size() >= session
              && firstFrame(client.sessions().get(session - 1)).isPresent());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("no video decoded in session " + session + ":"
          + describe(client), e);
    }
  }

  /** What a client's sessions went through, for a failure's message. */
  private static String describe(ReconnectingClient client) {
    StringBuilder text = new StringBuilder();
    for (SfuWebSocketClient s : client.sessions()) {
      text.append(" [session ").append(s.clientId()).append(" moved=")
          .append(s.events().roomMoved().getNow(null)).append(" closed=")
          .append(s.socketClosed().getNow(null)).append(" available=")
          .append(s.events().available().size()).append(" states=")
          .append(s.events().connectionStates()).append(" errors=")
          .append(s.events().errors()).append(" decoded=");
      s.decodedByMid().forEach((mid, d) -> text.append(mid).append(':').append(d.frames())
          .append('/').append(d.framesAtOtherSizes()).append(' '));
      text.append(']');
    }
    return text.toString();
  }

  static long firstFrameNanos(SfuWebSocketClient session) {
    return firstFrame(session).orElseThrow();
  }

  private static OptionalLong firstFrame(SfuWebSocketClient session) {
    return session.decodedByMid().values().stream()
        .filter(decoded -> decoded.frames() > 0)
        .map(DecodedMedia::firstFrame)
        .mapToLong(java.util.concurrent.CompletableFuture::join)
        .min();
  }
}
