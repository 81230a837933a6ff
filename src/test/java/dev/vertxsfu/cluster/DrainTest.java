package dev.vertxsfu.cluster;

import static dev.vertxsfu.cluster.ThreeNodeCall.awaitDecoding;
import static dev.vertxsfu.cluster.ThreeNodeCall.bothDecodingSince;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.client.ReconnectingClient;
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
  private static final int DRAIN_LIMIT_SECONDS = 30;
  private ThreeNodeCall call;

  @BeforeEach
  void startNodes() throws Exception {
    call = ThreeNodeCall.start("drain", DRAIN_LIMIT_SECONDS);
  }

  @AfterEach
  void stopAll() throws Exception {
    call.close();
  }

  @Test
  void aDrainedNodesClientsMoveKeepTheirMediaAndTheNodeExitsByItself() throws Exception {
    List<ReconnectingClient> clients = call.startCall(new int[] {2, 0}, new int[] {1, 0});
    ReconnectingClient alice = clients.get(0);
    ReconnectingClient bob = clients.get(1);

    long terminated = System.nanoTime();
    call.nodes.terminate(2);

    awaitDecoding(alice, 2);
    awaitDecoding(bob, 2);
    long back = bothDecodingSince(alice, bob);
    Process drained = call.nodes.node(2).process();
    assertThat(drained.waitFor(DRAIN_LIMIT_SECONDS + 15, TimeUnit.SECONDS)).isTrue();
    long exited = System.nanoTime();
    System.out.printf("node 3 drained: both clients decoded video again %d ms after SIGTERM; "
        + "the process exited after %d ms with status %d%n", (back - terminated) / 1_000_000,
        (exited - terminated) / 1_000_000, drained.exitValue());
    assertThat((exited - terminated) / 1_000_000_000).isLessThan(DRAIN_LIMIT_SECONDS);
    assertThat(call.nodes.hostOf(0, call.room)).isIn(call.nodes.id(0), call.nodes.id(1));
    assertThat(alice.sessions().get(1).events().roomMoved()).isNotDone();
    assertThat(bob.sessions().get(0).events().roomMoved()).isCompletedWithValue("drain");
  }
}
