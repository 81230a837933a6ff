package dev.vertxsfu.media.router;

import java.util.List;

/**
 * Which simulcast layer a subscriber gets of one track (LiveKit's video layer selection,
 * mediasoup's preferred layers): the smallest layer that covers the size the subscriber asked
 * for, or the largest there is when none covers it; never a layer that is not flowing; within a
 * bandwidth budget (the congestion controller's share for this track), stepping down until one
 * fits; nothing when the track is paused or no layer fits.
 *
 * <p>Pure: layers and wishes in, a spatial index out. Called by the subscriber's consumers when
 * a layer starts or stops, the subscriber's settings change, or its estimate moves; on the
 * room's loop.
 */
public final class LayerSelector {
  /** What {@link #select} gives when the subscriber is to get no layer. */
  public static final int NONE = -1;
  /** A size or budget with no limit. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  /**
   * One layer as the producer receives it.
   *
   * @param spatial the layer's index, 0 the smallest
   * @param width its width in pixels, 0 when not known yet
   * @param height its height in pixels, 0 when not known yet
   * @param flowing whether packets of it arrived within the last second
   * @param bitrate its measured bitrate, bits per second
   */
  public record Layer(int spatial, int width, int height, boolean flowing, long bitrate) {}

  /**
   * What the subscriber asked for the track ({@code track_settings}).
   *
   * @param maxWidth the tile's width in pixels, 0 for no limit
   * @param maxHeight the tile's height in pixels, 0 for no limit
   * @param maxFps the frame rate it needs, 0 for no limit
   * @param paused whether the subscriber wants no video of it (a hidden tile)
   */
  public record Wish(int maxWidth, int maxHeight, int maxFps, boolean paused) {
    public static final Wish ANY = new Wish(0, 0, 0, false);

    /** A wish with no frame-rate limit. */
    public Wish(int maxWidth, int maxHeight, boolean paused) {
      this(maxWidth, maxHeight, 0, paused);
    }
  }

  /** What {@link #temporal} gives for every temporal layer. */
  public static final int ALL_TEMPORAL = -1;

  /**
   * The highest VP8 temporal layer (TID) to forward for {@code maxFps}, or {@link #ALL_TEMPORAL}.
   * libwebrtc's simulcast VP8 sends three temporal layers (a quarter, half and all of the frame
   * rate, about 7.5, 15 and 30 fps at 30 fps): TID 0 up to 8 fps, 1 up to 16, else all.
   */
  public static int temporal(int maxFps) {
    if (maxFps <= 0 || maxFps > 16) {
      return ALL_TEMPORAL;
    }
    return maxFps <= 8 ? 0 : 1;
  }

  private LayerSelector() {}

  /**
   * The spatial index for {@code wish} among {@code layers} (in ascending spatial order) within
   * {@code budget} bits per second, or {@link #NONE}.
   */
  public static int select(List<Layer> layers, Wish wish, long budget) {
    if (wish.paused()) {
      return NONE;
    }
    int bySize = bySize(layers, wish, false);
    if (bySize == NONE) {
      return NONE;
    }
    for (int i = layers.size() - 1; i >= 0; i--) {
      Layer layer = layers.get(i);
      if (layer.flowing() && layer.spatial() <= bySize && layer.bitrate() <= budget) {
        return layer.spatial();
      }
    }
    return NONE;
  }

  /**
   * The spatial index {@code wish} picks among {@code layers} were every one flowing (sizes as
   * last seen), with no budget, or {@link #NONE} when the track is paused or has no layer: what
   * the subscriber asked for, whatever the publisher sends now. It rises only when the
   * subscriber asks for more (its tile grew, or it showed a hidden one), not when the publisher
   * resumes a layer it had stopped, as {@link #select} with an unlimited budget does.
   */
  public static int wished(List<Layer> layers, Wish wish) {
    return wish.paused() ? NONE : bySize(layers, wish, true);
  }

  /**
   * The smallest layer that covers the wish, or the largest when none does, among the flowing
   * layers ({@code anyFlowing}: among all), or {@link #NONE}.
   */
  private static int bySize(List<Layer> layers, Wish wish, boolean anyFlowing) {
    int bySize = NONE;
    for (Layer layer : layers) {
      if (!anyFlowing && !layer.flowing()) {
        continue;
      }
      bySize = layer.spatial();
      if (covers(layer, wish)) {
        break;
      }
    }
    return bySize;
  }

  /**
   * Whether the layer is at least as large as the tile. A layer whose size is not known yet
   * covers nothing, so the search goes on up to the largest.
   */
  private static boolean covers(Layer layer, Wish wish) {
    if (wish.maxWidth() <= 0 && wish.maxHeight() <= 0) {
      return false; // no limit: the largest flowing layer
    }
    if (layer.width() <= 0 || layer.height() <= 0) {
      return false;
    }
    return layer.width() >= wish.maxWidth() && layer.height() >= wish.maxHeight();
  }
}
