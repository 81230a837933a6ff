package dev.vertxsfu.room;

/**
 * Which of a room's sockets a client's media goes through ({@code media.send-shards},
 * docs/wide-room.md): index 0 is the room's own socket, 1..K its {@link SendShard}s. The first
 * {@code shardAfter} clients stay on the room's socket, so small rooms never leave their loop;
 * after that each new client goes to the shard with the fewest clients (the lowest index on a
 * tie). None goes to the room's socket any more: the room's loop already rewrites and protects
 * every client's packets, and the sends, the kernel's half of the work, are what the shards
 * take (two runs that split clients evenly between the room's socket and one shard left the
 * room's loop the busier one).
 *
 * <p>A client keeps its place for its whole stay (its candidates name the port). Owned by its
 * room, on the room's loop.
 */
final class ShardPlacement {
  private final int[] clients;
  private final int shardAfter;

  /**
   * @param shards the room's {@link SendShard}s (0: every client on the room's socket)
   * @param shardAfter how many clients the room's own socket takes before any shard does
   */
  ShardPlacement(int shards, int shardAfter) {
    if (shards < 0 || shardAfter < 0) {
      throw new IllegalArgumentException("shards and shardAfter must not be negative");
    }
    this.clients = new int[shards + 1];
    this.shardAfter = shardAfter;
  }

  /** Places a new client; returns its socket's index (0: the room's). */
  int place() {
    int best = 0;
    if (clients[0] >= shardAfter && clients.length > 1) {
      best = 1;
      for (int i = 2; i < clients.length; i++) {
        if (clients[i] < clients[best]) {
          best = i;
        }
      }
    }
    clients[best]++;
    return best;
  }

  /** A client placed on socket {@code index} has left. */
  void release(int index) {
    if (clients[index] > 0) {
      clients[index]--;
    }
  }

  /** Clients placed on socket {@code index} now. */
  int clientsOn(int index) {
    return clients[index];
  }
}
