package dev.vertxsfu.media.router;

import java.util.Arrays;

/**
 * The spatial layers of one simulcast producer that its publisher is told to encode (LiveKit's
 * "dynacast"), as a bit set: bit {@code i} stands for layer {@code i} (0 the smallest). Fed
 * with the layers the producer's consumers want now ({@link #update}), it adds a layer as soon
 * as one consumer wants it, and drops a layer only once no consumer has wanted it for
 * {@link #DROP_AFTER_MILLIS}, so a tile resized back and forth, or a consumer switching
 * through a layer, does not make the publisher stop and restart an encoder (each restart costs a
 * key frame).
 *
 * <p>Starts with every layer announced: a publisher encodes all its layers until told
 * otherwise. Pure: the time is an argument. Owned by the {@link Dynacast} of the room's
 * {@link Router}, on the room's event loop.
 */
final class WantedLayers {
  /** How long a layer stays announced after the last consumer stopped wanting it. */
  static final long DROP_AFTER_MILLIS = 3000;
  /** At most this many layers are tracked (a bit each); a producer with more is not tracked. */
  static final int MAX_LAYERS = 16;

  private final int all;
  private final long[] lastWanted;
  private int announced;
  private int added;

  /**
   * @param layers the producer's layer count, 1 to {@link #MAX_LAYERS}
   * @param nowMillis the time every layer counts as last wanted at (the producer's creation)
   */
  WantedLayers(int layers, long nowMillis) {
    if (layers < 1 || layers > MAX_LAYERS) {
      throw new IllegalArgumentException("layers " + layers + " not in 1.." + MAX_LAYERS);
    }
    this.all = (1 << layers) - 1;
    this.lastWanted = new long[layers];
    Arrays.fill(lastWanted, nowMillis);
    this.announced = all;
  }

  /**
   * The layers the consumers want at {@code nowMillis} (bits beyond the producer's layers are
   * ignored). Returns whether the announced set changed; {@link #added} then says which layers
   * came back.
   */
  boolean update(int wanted, long nowMillis) {
    wanted &= all;
    int next = announced | wanted;
    for (int i = 0; i < lastWanted.length; i++) {
      int bit = 1 << i;
      if ((wanted & bit) != 0) {
        lastWanted[i] = nowMillis;
      } else if ((next & bit) != 0 && nowMillis - lastWanted[i] >= DROP_AFTER_MILLIS) {
        next &= ~bit;
      }
    }
    added = next & ~announced;
    boolean changed = next != announced;
    announced = next;
    return changed;
  }

  /** The layers the publisher is told to encode. */
  int announced() {
    return announced;
  }

  /** The layers the last {@link #update} added to the announced set (none when it added none). */
  int added() {
    return added;
  }
}
