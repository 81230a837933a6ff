package dev.vertxsfu.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.room.RoomSampler;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The node's sum of its rooms' samples: gauges of open rooms, counters that never go down. */
@Tag("fast")
class RoomBoardTest {
  private static JsonObject sample(String room, boolean closed, int clients, long forwarded) {
    JsonObject counters = new JsonObject();
    RoomSampler.COUNTERS.forEach(name -> counters.put(name, 0L));
    counters.put("rtp_packets_forwarded", forwarded);
    return new JsonObject().put("room", room).put("closed", closed).put("clients", clients)
        .put("producers", new JsonObject().put("audio", 1).put("video", 2))
        .put("consumers", new JsonObject().put("audio", 3).put("video", 4))
        .put("counters", counters);
  }

  @Test
  void gaugesSumTheOpenRoomsLatestSamples() {
    RoomBoard board = new RoomBoard();
    board.onSample(sample("a", false, 2, 10));
    board.onSample(sample("a", false, 3, 20)); // replaces the first
    board.onSample(sample("b", false, 1, 5));
    assertThat(board.rooms()).isEqualTo(2);
    assertThat(board.clients()).isEqualTo(4);
    assertThat(board.count("producers", "video")).isEqualTo(4);
    assertThat(board.count("consumers", "audio")).isEqualTo(6);
    assertThat(board.total("rtp_packets_forwarded")).isEqualTo(25);
  }

  @Test
  void aClosedRoomLeavesTheGaugesButKeepsItsCounts() {
    RoomBoard board = new RoomBoard();
    board.onSample(sample("a", false, 2, 10));
    board.onSample(sample("b", false, 1, 5));
    board.onSample(sample("a", true, 0, 12));
    assertThat(board.rooms()).isEqualTo(1);
    assertThat(board.clients()).isEqualTo(1);
    assertThat(board.total("rtp_packets_forwarded")).isEqualTo(17);
    board.onSample(sample("a", false, 1, 1)); // the room opens again, counting from zero
    assertThat(board.total("rtp_packets_forwarded")).isEqualTo(18);
  }
}
