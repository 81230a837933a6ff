package dev.vertxsfu.shaped;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * The figures of a Chromium subscriber over a window of a call, read from the lines
 * {@code shaped-chromium.mjs} printed ({@link ShapedChromium}): the layer the SDK was told of
 * ({@code layer} lines, from its {@code layerchange} event) and what the page's
 * {@code getStats} showed ({@code sample} lines: the video inbound-rtp's decoded size, frames,
 * bytes; the audio inbound-rtp's packets). Pure: a snapshot of lines in, numbers out. Times are
 * epoch milliseconds; a value "at" a time is the last sample at or before it.
 */
final class ChromiumTimeline {
  private final List<JsonObject> samples;
  private final List<JsonObject> layers;

  ChromiumTimeline(List<JsonObject> lines) {
    this.samples = of(lines, "sample");
    this.layers = of(lines, "layer");
  }

  private static List<JsonObject> of(List<JsonObject> lines, String event) {
    return lines.stream().filter(line -> event.equals(line.getString("event"))).toList();
  }

  private static long t(JsonObject line) {
    return line.getLong("t");
  }

  /** The last sample at or before {@code at}; null before the first. */
  private JsonObject sampleAt(long at) {
    JsonObject found = null;
    for (JsonObject sample : samples) {
      if (t(sample) > at) {
        break;
      }
      found = sample;
    }
    return found;
  }

  private long valueAt(String field, long at) {
    JsonObject sample = sampleAt(at);
    return sample == null ? 0 : sample.getLong(field, 0L);
  }

  /** The decoded frame width at {@code at} (getStats' frameWidth); 0 before any frame. */
  int widthAt(long at) {
    return (int) valueAt("frameWidth", at);
  }

  /** The decoded frame height at {@code at}. */
  int heightAt(long at) {
    return (int) valueAt("frameHeight", at);
  }

  /** The spatial layer of the last {@code layerchange} at or before {@code at}; -1 before. */
  int layerAt(long at) {
    int layer = -1;
    for (JsonObject change : layers) {
      if (t(change) <= at) {
        layer = change.getInteger("spatial", -1);
      }
    }
    return layer;
  }

  /** When the first {@code layerchange} at or after {@code from} to a layer {@code wanted} came. */
  OptionalLong layerChange(long from, IntPredicate wanted) {
    return layers.stream()
        .filter(change -> t(change) >= from && wanted.test(change.getInteger("spatial", -1)))
        .mapToLong(ChromiumTimeline::t).findFirst();
  }

  /** When the last {@code layerchange} in [from, to] came; empty without one. */
  OptionalLong lastLayerChange(long from, long to) {
    return layers.stream().mapToLong(ChromiumTimeline::t).filter(t -> t >= from && t <= to)
        .max();
  }

  /**
   * How long the SDK was told of no layer ({@code spatial} -1: the SFU paused the video) in
   * [from, to], ms.
   */
  long pausedMillis(long from, long to) {
    long paused = 0;
    long since = layerAt(from) == -1 && !layers.isEmpty() && t(layers.get(0)) <= from ? from : -1;
    for (JsonObject change : layers) {
      long at = t(change);
      if (at <= from || at > to) {
        continue;
      }
      boolean none = change.getInteger("spatial", -1) == -1;
      if (none && since < 0) {
        since = at;
      } else if (!none && since >= 0) {
        paused += at - since;
        since = -1;
      }
    }
    return since >= 0 ? paused + (to - since) : paused;
  }

  /** The first sample at or after {@code from} whose decoded width is {@code wanted}. */
  OptionalLong decodedWidth(long from, IntPredicate wanted) {
    return first(from, sample -> sample.getLong("framesDecoded", 0L) > 0
        && wanted.test(sample.getInteger("frameWidth", 0)));
  }

  private OptionalLong first(long from, Predicate<JsonObject> wanted) {
    return samples.stream().filter(sample -> t(sample) >= from && wanted.test(sample))
        .mapToLong(ChromiumTimeline::t).findFirst();
  }

  /** The widest and the narrowest decoded width over the samples in [from, to]: {min, max}. */
  int[] widthRange(long from, long to) {
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (JsonObject sample : samples) {
      if (t(sample) >= from && t(sample) <= to) {
        int width = sample.getInteger("frameWidth", 0);
        min = Math.min(min, width);
        max = Math.max(max, width);
      }
    }
    return new int[] {min == Integer.MAX_VALUE ? 0 : min, max};
  }

  /** Video frames decoded in [from, to]. */
  long framesBetween(long from, long to) {
    return valueAt("framesDecoded", to) - valueAt("framesDecoded", from);
  }

  /** Freezes Chromium counted in [from, to] (getStats' freezeCount). */
  long freezesBetween(long from, long to) {
    return valueAt("freezeCount", to) - valueAt("freezeCount", from);
  }

  /** Video bit/s received in [from, to] (bytesReceived, payload bytes). */
  long bitrateBps(long from, long to) {
    if (to <= from) {
      return 0;
    }
    return (valueAt("bytesReceived", to) - valueAt("bytesReceived", from)) * 8_000
        / (to - from);
  }

  /** Audio packets received in [from, to]. */
  long audioPacketsBetween(long from, long to) {
    return valueAt("audioPacketsReceived", to) - valueAt("audioPacketsReceived", from);
  }

  /** Audio packets lost over received-plus-lost in [from, to]; 0 without packets. */
  double audioLossFraction(long from, long to) {
    long lost = valueAt("audioPacketsLost", to) - valueAt("audioPacketsLost", from);
    long received = audioPacketsBetween(from, to);
    return received + lost <= 0 ? 0 : (double) Math.max(0, lost) / (received + lost);
  }

  /** The longest time in [from, to] in which no video frame was decoded, ms. */
  long longestVideoGap(long from, long to) {
    return longestGap("framesDecoded", from, to);
  }

  /** The longest time in [from, to] in which no audio packet came, ms. */
  long longestAudioGap(long from, long to) {
    return longestGap("audioPacketsReceived", from, to);
  }

  /**
   * The longest stretch in [from, to] over which {@code field} did not grow, measured between
   * samples (so to the sampling interval); the window's edges count as growth.
   */
  private long longestGap(String field, long from, long to) {
    long previous = from;
    long value = valueAt(field, from);
    long longest = 0;
    for (JsonObject sample : samples) {
      long at = t(sample);
      if (at <= from || at > to) {
        continue;
      }
      long now = sample.getLong(field, 0L);
      if (now > value) {
        longest = Math.max(longest, at - previous);
        previous = at;
        value = now;
      }
    }
    return Math.max(longest, to - previous);
  }
}
