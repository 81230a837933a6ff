package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.config.SfuConfig;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link RoomMediaTest}'s real media with one send shard per room ({@code media.send-shards}
 * 1, {@code media.shard-after} 1): the first client of a room stays on the room's socket, and
 * the next ones go to the shard's socket, on another event loop, so the publisher's packets
 * reach its subscribers through a second socket and loop, and their RTCP (NACKs in the loss
 * test) comes back through it.
 */
class RoomMediaSendShardTest extends RoomMediaTest {
  static final SfuConfig.MediaConfig SHARDED = MEDIA.withSendShards(1, 1);

  @Override
  RoomVerticle room(Vertx vertx, String roomId) throws Exception {
    RoomVerticle room = new RoomVerticle(roomId, SHARDED, CERTIFICATE);
    vertx.deployVerticle(room).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    return room;
  }

  @Test
  void theFirstClientGetsTheRoomsPortTheNextOnesTheShardsAndAllDecode(Vertx vertx)
      throws Exception {
    RoomVerticle room = room(vertx, "shards");
    try (RoomPeer publisher = new RoomPeer("alice", room, 640, 480).publish();
        RoomPeer bob = new RoomPeer("bob", room, 640, 480).subscribeOnly();
        RoomPeer carol = new RoomPeer("carol", room, 640, 480).subscribeOnly()) {
      List<Integer> shardPorts = room.shardPorts().toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      assertThat(shardPorts).hasSize(1).doesNotContain(room.mediaPort());
      assertThat(publisher.firstAnswer).contains(" " + room.mediaPort() + " typ host");
      assertThat(bob.firstAnswer).contains(" " + shardPorts.get(0) + " typ host")
          .doesNotContain(" " + room.mediaPort() + " typ host");
      assertThat(carol.firstAnswer).contains(" " + shardPorts.get(0) + " typ host");
      bob.subscribeTo("alice");
      carol.subscribeTo("alice");
      bob.video().firstFrame().get(10, TimeUnit.SECONDS);
      carol.video().firstFrame().get(10, TimeUnit.SECONDS);
      assertDecodesNinetyPercent(publisher, List.of(bob, carol), 90);
    }
  }
}
