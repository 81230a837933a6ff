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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A call between two {@link ReconnectingClient}s on three SFU processes ({@link SfuProcesses}),
 * with the room placed on node 3: what the node-loss and drain tests break. Placement puts a new
 * room on the least-loaded node, so idle sockets on nodes 1 and 2 make node 3 the choice.
 * Used from the test thread; {@link #close} stops the clients, Vert.x and the processes.
 */
final class ThreeNodeCall implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(40);

  final SfuProcesses nodes;
  final String room;
  private final Vertx vertx = Vertx.vertx();
  private final List<ReconnectingClient> clients = new ArrayList<>();

  private ThreeNodeCall(SfuProcesses nodes, String room) {
    this.nodes = nodes;
    this.room = room;
  }

  /** Starts three nodes that drain for at most {@code drainSeconds}; logs under {@code name}. */
  static ThreeNodeCall start(String name, int drainSeconds) throws Exception {
    return new ThreeNodeCall(SfuProcesses.start(name, 3, drainSeconds), name);
  }

  /**
   * Loads nodes 1 and 2, then starts a client per server list (node indexes, the first is
   * where it connects) and waits until both joined the room on node 3 and decode each other.
   */
  List<ReconnectingClient> startCall(int[] aliceServers, int[] bobServers) throws Exception {
    loadNodes(0, 1);
    ReconnectingClient alice = client("alice", aliceServers);
    ReconnectingClient bob = client("bob", bobServers);
    alice.start().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    bob.start().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(nodes.hostOf(0, room)).isEqualTo(nodes.id(2));
    awaitDecoding(alice, 1);
    awaitDecoding(bob, 1);
    return List.of(alice, bob);
  }

  private ReconnectingClient client(String name, int[] serverIndexes) {
    List<Server> servers = new ArrayList<>();
    for (int index : serverIndexes) {
      servers.add(new Server("127.0.0.1", nodes.node(index).httpPort()));
    }
    ReconnectingClient client = new ReconnectingClient(vertx, servers, room, name, 320, 240);
    clients.add(client);
    return client;
  }

  /** Opens two idle sockets on each of the given nodes and waits until the cluster sees them. */
  private void loadNodes(int... indexes) {
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

  /** When the later of the two clients' current sessions decoded its first frame. */
  static long bothDecodingSince(ReconnectingClient alice, ReconnectingClient bob) {
    return Math.max(firstFrame(alice.session()).orElseThrow(),
        firstFrame(bob.session()).orElseThrow());
  }

  private static OptionalLong firstFrame(SfuWebSocketClient session) {
    return session.decodedByMid().values().stream()
        .filter(decoded -> decoded.frames() > 0)
        .map(DecodedMedia::firstFrame)
        .mapToLong(CompletableFuture::join)
        .min();
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

  @Override
  public void close() throws Exception {
    try {
      for (ReconnectingClient client : clients) {
        client.close();
      }
      vertx.close().await();
    } finally {
      nodes.close();
    }
  }
}
