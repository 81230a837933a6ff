package dev.vertxsfu.cluster;

import static dev.vertxsfu.cluster.ThreeNodeCall.awaitDecoding;
import static dev.vertxsfu.cluster.ThreeNodeCall.bothDecodingSince;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.client.ReconnectingClient;
import java.util.List;
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
  private ThreeNodeCall call;

  @BeforeEach
  void startNodes() throws Exception {
    call = ThreeNodeCall.start("node-loss", 20);
  }

  @AfterEach
  void stopAll() throws Exception {
    call.close();
  }

  @Test
  void bothClientsDecodeEachOtherAgainAfterTheRoomsNodeIsKilled() throws Exception {
    List<ReconnectingClient> clients = call.startCall(new int[] {0, 1}, new int[] {1, 0});
    ReconnectingClient alice = clients.get(0);
    ReconnectingClient bob = clients.get(1);

    long killed = System.nanoTime();
    call.nodes.kill(2);

    awaitDecoding(alice, 2);
    awaitDecoding(bob, 2);
    System.out.printf("node 3 killed: both clients decoded video again %d ms later%n",
        (bothDecodingSince(alice, bob) - killed) / 1_000_000);
    assertThat(call.nodes.hostOf(0, call.room)).isIn(call.nodes.id(0), call.nodes.id(1));
    assertThat(alice.sessions()).hasSize(2);
    assertThat(bob.sessions()).hasSize(2);
    assertThat(alice.sessions().get(0).events().roomMoved()).isCompletedWithValue("node_lost");
    assertThat(bob.sessions().get(0).events().roomMoved()).isCompletedWithValue("node_lost");
  }
}
