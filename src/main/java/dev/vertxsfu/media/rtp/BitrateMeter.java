package dev.vertxsfu.media.rtp;

/**
 * The bitrate of one RTP stream over a sliding window: bytes counted in {@link #BUCKETS}
 * buckets of {@code windowMillis / BUCKETS} each; the rate is what the buckets still inside the
 * window hold, divided by the window. A stream that stopped reads 0 once the window has passed.
 *
 * <p>Owned by a receive stream on the room's event loop; {@link #onPacket} runs per packet and
 * allocates nothing. Time is an argument.
 */
public final class BitrateMeter {
  static final int BUCKETS = 10;

  private final long bucketMillis;
  private final long[] bytes = new long[BUCKETS];
  /** The bucket index (time / bucketMillis) each slot was last filled for. */
  private final long[] slotOf = new long[BUCKETS];

  /** @param windowMillis the window, a multiple of {@link #BUCKETS} milliseconds */
  public BitrateMeter(long windowMillis) {
    if (windowMillis < BUCKETS) {
      throw new IllegalArgumentException("window under " + BUCKETS + " ms");
    }
    this.bucketMillis = windowMillis / BUCKETS;
    java.util.Arrays.fill(slotOf, Long.MIN_VALUE);
  }

  /** A packet of {@code length} bytes arrived at {@code nowMillis}. */
  public void onPacket(int length, long nowMillis) {
    long index = Math.floorDiv(nowMillis, bucketMillis);
    int slot = (int) Math.floorMod(index, (long) BUCKETS);
    if (slotOf[slot] != index) {
      slotOf[slot] = index;
      bytes[slot] = 0;
    }
    bytes[slot] += length;
  }

  /** Bits per second over the window that ends at {@code nowMillis}. */
  public long bitrate(long nowMillis) {
    long index = Math.floorDiv(nowMillis, bucketMillis);
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (slotOf[i] != Long.MIN_VALUE && index - slotOf[i] < BUCKETS && slotOf[i] <= index) {
        total += bytes[i];
      }
    }
    return total * 8 * 1000 / (bucketMillis * BUCKETS);
  }
}
