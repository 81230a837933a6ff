package dev.vertxsfu.cluster;

import static dev.vertxsfu.cluster.NodeLossTest.awaitDecoding;
import static dev.vertxsfu.cluster.NodeLossTest.firstFrameNanos;
import static dev.vertxsfu.cluster.NodeLossTest.loadNodes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.client.ReconnectingClient;
import dev.vertxsfu.client.ReconnectingClient.Server;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three SFU nodes as three JVM processes; the room runs on node 3. Alice's socket is on node 3
 * too, Bob's on node 2. Node 3 gets SIGTERM: it stops taking rooms and sockets, tells both
 * clients the room moved, closes Alice's socket with 1012, and exits by itself once it holds
 * nothing. Both clients come back (Alice through node 1) in the room, now on node 1 or 2, and
 * decode each other's video again.
 */
class DrainTest {
  private static final String ROOM = "drained";
  private static final int DRAIN_LIMIT_SECONDS = 30;

  private SfuProcesses nodes;
  private Vertx vertx;
  private ReconnectingClient alice;
  private ReconnectingClient bob;

  @BeforeEach
  void startNodes() throws Exception {
    nodes = SfuProcesses.start("drain", 3, DRAIN_LIMIT_SECONDS);
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopAll() throws Exception {
    for (ReconnectingClient client : new ReconnectingClient[] {alice, bob}) {
      if (client != null) {
        client.close();
      }
    }
    vertx.close().await();
    nodes.close();
  }

  @Test
  void aDrainedNodesClientsMoveKeepTheirMediaAndTheNodeExitsByItself() throws Exception {
    loadNodes(vertx, nodes, 0, 1);
    alice = new ReconnectingClient(vertx, List.of(server(2), server(0)), ROOM, "alice", 320, 240);
    bob = new ReconnectingClient(vertx, List.of(server(1), server(0)), ROOM, "bob", 320, 240);
    alice.start().get(40, TimeUnit.SECONDS);
    bob.start().get(40, TimeUnit.SECONDS);
    assertThat(nodes.hostOf(0, ROOM)).isEqualTo(nodes.id(2));
    awaitDecoding(alice, 1);
    awaitDecoding(bob, 1);

    long terminated = System.nanoTime();
    nodes.terminate(2);

    awaitDecoding(alice, 2);
    awaitDecoding(bob, 2);
    long back = Math.max(firstFrameNanos(alice.session()), firstFrameNanos(bob.session()));
    Process drained = nodes.node(2).process();
    assertThat(drained.waitFor(DRAIN_LIMIT_SECONDS + 15, TimeUnit.SECONDS)).isTrue();
    long exited = System.nanoTime();
    System.out.printf("node 3 drained: both clients decoded video again %d ms after SIGTERM; "
        + "the process exited after %d ms with status %d%n", (back - terminated) / 1_000_000,
        (exited - terminated) / 1_000_000, drained.exitValue());
    assertThat((exited - terminated) / 1_000_000_000).isLessThan(DRAIN_LIMIT_SECONDS);
    assertThat(nodes.hostOf(0, ROOM)).isIn(nodes.id(0), nodes.id(1));
    assertThat(alice.sessions().get(1).events().roomMoved()).isNotDone();
    assertThat(bob.sessions().get(0).events().roomMoved()).isCompletedWithValue("drain");
  }

  private Server server(int index) {
    return new Server("127.0.0.1", nodes.node(index).httpPort());
  }
}
