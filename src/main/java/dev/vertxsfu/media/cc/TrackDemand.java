package dev.vertxsfu.media.cc;

import java.util.Arrays;

/**
 * One of a subscriber's tracks as the {@link StreamAllocator} sees it: what it is, how large the
 * subscriber shows it, what each of its layers costs now, and the highest layer the subscriber
 * asked for. Built by the subscriber's side of the router from the producer's per-layer bitrates
 * (a simulcast producer measures one per encoding; a single-layer or audio track has one) and
 * the subscriber's {@code track_settings}.
 *
 * @param trackId the track (PROTOCOL.md's {@code trackId})
 * @param kind audio, screen share or camera
 * @param tileArea pixels of the subscriber's tile for it (width x height); 0 when it gave no
 *     size, which ranks above every sized tile
 * @param layerBitrates bits per second of each spatial layer, lowest first; 0 for a layer that is
 *     not flowing. Copied.
 * @param maxLayer the highest layer the subscriber may have now: the one its tile size picks
 *     among the layers flowing, or -1 when it paused the track itself. It falls and rises with
 *     the layers the publisher stops and resumes.
 * @param wishedLayer the layer the subscriber's tile size picks were every layer flowing, or -1
 *     when it paused the track itself: what it asked for. Only a rise of this is the subscriber
 *     asking for more (a rise of {@code maxLayer} may be a layer the publisher resumed).
 * @param upgradeBitrates what a step up to each layer is priced at: the layer's highest recent
 *     rate (the producer's busiest second of the last few), never below {@code layerBitrates}. A
 *     layer's rate of the last second swings with its key frames and its encoder (395-530 kbit/s
 *     for a layer capped at 500), and an upgrade priced at a quiet second was taken on a link that
 *     could not hold the layer's busy ones. Copied.
 */
public record TrackDemand(String trackId, TrackKind kind, long tileArea, long[] layerBitrates,
    int maxLayer, int wishedLayer, long[] upgradeBitrates) {
  public TrackDemand {
    layerBitrates = layerBitrates.clone();
    maxLayer = Math.min(maxLayer, layerBitrates.length - 1);
    wishedLayer = Math.min(wishedLayer, layerBitrates.length - 1);
    if (upgradeBitrates.length != layerBitrates.length) {
      throw new IllegalArgumentException(upgradeBitrates.length + " upgrade prices for "
          + layerBitrates.length + " layers");
    }
    long[] prices = new long[layerBitrates.length];
    for (int i = 0; i < prices.length; i++) {
      prices[i] = layerBitrates[i] <= 0 ? 0 : Math.max(layerBitrates[i], upgradeBitrates[i]);
    }
    upgradeBitrates = prices;
  }

  /** A track whose subscriber wished for {@code maxLayer} (the layer it wished for flows). */
  TrackDemand(String trackId, TrackKind kind, long tileArea, long[] layerBitrates,
      int maxLayer, long[] upgradeBitrates) {
    this(trackId, kind, tileArea, layerBitrates, maxLayer, maxLayer, upgradeBitrates);
  }

  /** As above, a step up to a layer costing what the layer costs now. */
  TrackDemand(String trackId, TrackKind kind, long tileArea, long[] layerBitrates,
      int maxLayer) {
    this(trackId, kind, tileArea, layerBitrates, maxLayer, layerBitrates);
  }

  /** An audio track of {@code bitrate}. */
  public static TrackDemand audio(String trackId, long bitrate) {
    return new TrackDemand(trackId, TrackKind.AUDIO, 0, new long[] {bitrate}, 0);
  }

  @Override
  public long[] layerBitrates() {
    return layerBitrates.clone();
  }

  long bitrate(int layer) {
    return layerBitrates[layer];
  }

  @Override
  public long[] upgradeBitrates() {
    return upgradeBitrates.clone();
  }

  /** What a step up to {@code layer} is priced at (0 when it is not flowing). */
  long upgradeBitrate(int layer) {
    return upgradeBitrates[layer];
  }

  int layers() {
    return layerBitrates.length;
  }

  /** The lowest flowing layer up to {@link #maxLayer}, or -1. */
  int lowestLayer() {
    for (int i = 0; i <= maxLayer; i++) {
      if (layerBitrates[i] > 0) {
        return i;
      }
    }
    return -1;
  }

  /** The highest flowing layer up to {@link #maxLayer}, or -1. */
  int highestLayer() {
    for (int i = maxLayer; i >= 0; i--) {
      if (layerBitrates[i] > 0) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TrackDemand d && trackId.equals(d.trackId) && kind == d.kind
        && tileArea == d.tileArea && maxLayer == d.maxLayer && wishedLayer == d.wishedLayer
        && Arrays.equals(layerBitrates, d.layerBitrates)
        && Arrays.equals(upgradeBitrates, d.upgradeBitrates);
  }

  @Override
  public int hashCode() {
    return trackId.hashCode() * 31 + Arrays.hashCode(layerBitrates);
  }

  @Override
  public String toString() {
    return "TrackDemand[" + trackId + " " + kind + " tile=" + tileArea + " layers="
        + Arrays.toString(layerBitrates) + " up=" + Arrays.toString(upgradeBitrates) + " max="
        + maxLayer + " wished=" + wishedLayer + "]";
  }
}
