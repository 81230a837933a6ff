package dev.vertxsfu.media.router;

/**
 * The layer a simulcast consumer forwards now, as the subscriber is told of it
 * ({@code layer_changed}).
 *
 * @param spatial the encoding's index, lowest 0; -1 when it forwards nothing (paused, or no
 *     layer flowing)
 * @param temporal the highest VP8 temporal layer forwarded (TID), or -1 for all
 * @param rid the encoding's rid, or null when the publisher names none
 * @param width the layer's width as its key frames say (VP8), or 0 when not known
 * @param height the layer's height, or 0 when not known
 */
public record ConsumerLayer(int spatial, int temporal, String rid, int width, int height) {
  /** Nothing forwarded. */
  public static final ConsumerLayer NONE = new ConsumerLayer(-1, -1, null, 0, 0);
}
