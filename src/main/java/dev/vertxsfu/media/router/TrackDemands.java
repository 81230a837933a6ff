package dev.vertxsfu.media.router;

import dev.vertxsfu.media.cc.StreamAllocator;
import dev.vertxsfu.media.cc.TrackDemand;
import dev.vertxsfu.media.cc.TrackKind;
import java.util.List;

/**
 * Turns a subscribed track as the router knows it (its producer's layers with their measured
 * bitrates, and the subscriber's wish from {@code track_settings}) into the
 * {@link TrackDemand} the congestion controller's {@link StreamAllocator} takes: a layer that is
 * not flowing costs 0 (the allocator skips it), a step up to a layer costs its busiest second
 * of the last {@value RtpStreamRecv#PEAK_MILLIS} ms, the tile's area ranks it, the highest
 * layer it may have is the one the {@link LayerSelector} picks for the wish without a budget,
 * and the layer it wished for is the one the wish picks were every layer flowing
 * ({@link LayerSelector#wished}): a layer the publisher resumes is no wish of the subscriber's.
 *
 * <p>Pure; called on the room's loop by whoever runs a subscriber's congestion control, when it
 * allocates. The allocator's {@code TrackAllocation.bitrate()} is then the budget to hand
 * {@link LayerSelector#select}.
 */
public final class TrackDemands {
  private TrackDemands() {}

  /**
   * @param kind {@link TrackKind#CAMERA} or {@link TrackKind#SCREEN} (the track's source)
   * @param layers the producer's layers, lowest first
   * @param wish what the subscriber asked for the track
   */
  public static TrackDemand video(String trackId, TrackKind kind, List<LayerSelector.Layer> layers,
      LayerSelector.Wish wish) {
    return video(trackId, kind, layers, new long[0], wish);
  }

  /**
   * As {@link #video(String, TrackKind, List, LayerSelector.Wish)}, with {@code peaks} the
   * busiest recent second of each spatial layer (indexed by spatial layer; a layer beyond it is
   * priced at its current rate), what a step up to it costs.
   */
  static TrackDemand video(String trackId, TrackKind kind, List<LayerSelector.Layer> layers,
      long[] peaks, LayerSelector.Wish wish) {
    if (kind == TrackKind.AUDIO) {
      throw new IllegalArgumentException("an audio track has no layers: use audio()");
    }
    int count = 0;
    for (LayerSelector.Layer layer : layers) {
      count = Math.max(count, layer.spatial() + 1);
    }
    long[] bitrates = new long[Math.max(1, count)];
    long[] upgrades = new long[bitrates.length];
    for (LayerSelector.Layer layer : layers) {
      // a layer flowing but not measured yet still costs something: 1 bit/s keeps it usable
      bitrates[layer.spatial()] = layer.flowing() ? Math.max(1, layer.bitrate()) : 0;
      upgrades[layer.spatial()] = layer.spatial() < peaks.length ? peaks[layer.spatial()] : 0;
    }
    int maxLayer;
    int wishedLayer;
    if (wish.paused()) {
      maxLayer = -1;
      wishedLayer = -1;
    } else {
      int selected = LayerSelector.select(layers, wish, LayerSelector.UNLIMITED);
      maxLayer = selected == LayerSelector.NONE ? bitrates.length - 1 : selected;
      int wished = LayerSelector.wished(layers, wish);
      wishedLayer = wished == LayerSelector.NONE ? bitrates.length - 1 : wished;
    }
    long tileArea = (long) wish.maxWidth() * wish.maxHeight();
    return new TrackDemand(trackId, kind, tileArea, bitrates, maxLayer, wishedLayer, upgrades);
  }

  /** A subscribed video track of {@code producer}, from its layers at {@code nowMillis}. */
  public static TrackDemand video(String trackId, TrackKind kind, Producer producer,
      LayerSelector.Wish wish, long nowMillis) {
    List<LayerSelector.Layer> layers = producer.layers(nowMillis);
    long[] peaks = new long[layers.size()];
    for (LayerSelector.Layer layer : layers) {
      if (layer.spatial() < peaks.length) {
        peaks[layer.spatial()] = producer.peakBitrate(layer.spatial(), nowMillis);
      }
    }
    return video(trackId, kind, layers, peaks, wish);
  }

  /** A subscribed audio track of {@code producer}, at its measured bitrate. */
  public static TrackDemand audio(String trackId, Producer producer, long nowMillis) {
    return TrackDemand.audio(trackId, producer.bitrate(0, nowMillis));
  }
}
