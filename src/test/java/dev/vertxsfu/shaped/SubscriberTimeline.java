package dev.vertxsfu.shaped;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.IntPredicate;

/**
 * The figures of one subscriber over a window of a call, read from the lines a
 * {@link ShapedSubscriber} printed: which layer it was told of, the longest stretch without a
 * decoded frame (a freeze) or without audible audio, loss and bitrate from its
 * {@code getStats}. Pure: a snapshot of lines in, numbers out. Times are epoch milliseconds.
 */
final class SubscriberTimeline {
  private final List<JsonObject> lines;

  SubscriberTimeline(List<JsonObject> lines) {
    this.lines = List.copyOf(lines);
  }

  private List<JsonObject> of(String event) {
    return lines.stream().filter(line -> event.equals(line.getString("event"))).toList();
  }

  private static long t(JsonObject line) {
    return line.getLong("t");
  }

  /** The spatial layer of the last {@code layer_changed} at or before {@code at}; -1 before. */
  int layerAt(long at) {
    int layer = -1;
    for (JsonObject change : of("layer_changed")) {
      if (t(change) <= at) {
        layer = change.getInteger("spatial", -1);
      }
    }
    return layer;
  }

  /** When the first {@code layer_changed} after {@code from} to a layer {@code wanted} came. */
  OptionalLong layerChange(long from, IntPredicate wanted) {
    return of("layer_changed").stream()
        .filter(change -> t(change) >= from && wanted.test(change.getInteger("spatial", -1)))
        .mapToLong(SubscriberTimeline::t).findFirst();
  }

  /** The times of the {@code track_paused} ({@code paused}) or {@code track_resumed} events. */
  List<Long> pauses(boolean paused) {
    return of(paused ? "track_paused" : "track_resumed").stream()
        .map(SubscriberTimeline::t).toList();
  }

  /** Video frames decoded in [from, to]. */
  int framesBetween(long from, long to) {
    return countAt("video", "frames", to) - countAt("video", "frames", from);
  }

  private int countAt(String event, String field, long at) {
    int value = 0;
    for (JsonObject line : of(event)) {
      if (t(line) <= at) {
        value = line.getInteger(field);
      }
    }
    return value;
  }

  /** The longest time in [from, to] with no frame decoded, ms (the window's edges count). */
  long longestVideoGap(long from, long to) {
    return longestGap(of("video"), from, to);
  }

  /** The longest time in [from, to] without new audible audio, ms. */
  long longestAudioGap(long from, long to) {
    return longestGap(of("audio"), from, to);
  }

  private static long longestGap(List<JsonObject> changes, long from, long to) {
    long previous = from;
    long longest = 0;
    for (JsonObject change : changes) {
      long at = t(change);
      if (at < from) {
        continue;
      }
      if (at > to) {
        break;
      }
      longest = Math.max(longest, at - previous);
      previous = at;
    }
    return Math.max(longest, to - previous);
  }

  /** The last {@code stats} line at or before {@code at}, or an empty one. */
  private JsonObject statsAt(long at) {
    JsonObject last = new JsonObject();
    for (JsonObject line : of("stats")) {
      if (t(line) <= at) {
        last = line;
      }
    }
    return last;
  }

  private double stat(long at, String kind, String field) {
    return statsAt(at).getJsonObject(kind, new JsonObject()).getDouble(field, 0.0);
  }

  /** Packets of {@code kind} lost in [from, to] over those expected, from getStats. */
  double lossFraction(String kind, long from, long to) {
    double lost = stat(to, kind, "packetsLost") - stat(from, kind, "packetsLost");
    double received = stat(to, kind, "packetsReceived") - stat(from, kind, "packetsReceived");
    return lost + received <= 0 ? 0 : Math.max(0, lost) / (lost + received);
  }

  /** Audio and video received in [from, to], bit/s, from getStats. */
  long bitrateBps(long from, long to) {
    double bytes = 0;
    for (String kind : List.of("audio", "video")) {
      bytes += stat(to, kind, "bytesReceived") - stat(from, kind, "bytesReceived");
    }
    return to <= from ? 0 : (long) (bytes * 8 * 1000 / (to - from));
  }

  /** libwebrtc's own freeze count of the video in [from, to] (getStats {@code freezeCount}). */
  int freezes(long from, long to) {
    return (int) (stat(to, "video", "freezeCount") - stat(from, "video", "freezeCount"));
  }

  /** The size of the last frame decoded at or before {@code at}, as {@code WxH}. */
  String sizeAt(long at) {
    String size = "none";
    for (JsonObject line : of("video")) {
      if (t(line) <= at) {
        size = line.getInteger("width") + "x" + line.getInteger("height");
      }
    }
    return size;
  }
}
