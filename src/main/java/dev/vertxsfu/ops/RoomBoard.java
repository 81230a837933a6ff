package dev.vertxsfu.ops;

import dev.vertxsfu.room.RoomSampler;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's view of its rooms for the metrics: the latest sample of each open room
 * ({@link RoomSampler}) and the totals of the rooms that closed, so a node-wide counter never
 * goes down when a room does.
 *
 * <p>Samples arrive on the event loop of the consumer that {@link SfuMetrics} registers; the
 * gauges and counters read it on the scraping thread: hence the concurrent map and the lock on
 * the closed rooms' totals.
 */
final class RoomBoard {
  private final Map<String, JsonObject> open = new ConcurrentHashMap<>();
  private final long[] closedTotals = new long[RoomSampler.COUNTERS.size()];

  void onSample(JsonObject sample) {
    String roomId = sample.getString("room");
    if (sample.getBoolean("closed", false)) {
      JsonObject counters = sample.getJsonObject("counters");
      synchronized (closedTotals) {
        for (int i = 0; i < closedTotals.length; i++) {
          closedTotals[i] += counters.getLong(RoomSampler.COUNTERS.get(i), 0L);
        }
        open.remove(roomId);
      }
    } else {
      open.put(roomId, sample);
    }
  }

  int rooms() {
    return open.size();
  }

  int clients() {
    return open.values().stream().mapToInt(s -> s.getInteger("clients", 0)).sum();
  }

  /** Producers or consumers ({@code what}) of {@code kind} ("audio", "video"). */
  int count(String what, String kind) {
    return open.values().stream()
        .mapToInt(s -> s.getJsonObject(what).getInteger(kind, 0)).sum();
  }

  /** A counter of {@link RoomSampler#COUNTERS}, over the open and the closed rooms. */
  double total(String counter) {
    int index = RoomSampler.COUNTERS.indexOf(counter);
    synchronized (closedTotals) {
      long sum = closedTotals[index];
      for (JsonObject sample : open.values()) {
        sum += sample.getJsonObject("counters").getLong(counter, 0L);
      }
      return sum;
    }
  }

  static List<String> counters() {
    return RoomSampler.COUNTERS;
  }
}
