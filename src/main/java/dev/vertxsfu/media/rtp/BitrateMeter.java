package dev.vertxsfu.media.rtp;

/**
 * The bitrate of one RTP stream over a sliding window: bytes counted in buckets of
 * {@code windowMillis / }{@value #BUCKETS_PER_WINDOW} each; the rate is what the buckets still
 * inside the window hold, divided by the window. A stream that stopped reads 0 once the window
 * has passed. With a history longer than the window, it also gives the highest rate any window
 * inside the history had ({@link #peakBitrate}).
 *
 * <p>Owned by a receive stream on the room's event loop; {@link #onPacket} runs per packet and
 * allocates nothing. Time is an argument.
 */
public final class BitrateMeter {
  static final int BUCKETS_PER_WINDOW = 10;

  private final long bucketMillis;
  private final long[] bytes;
  /** The bucket index (time / bucketMillis) each slot was last filled for. */
  private final long[] slotOf;

  /** @param windowMillis the window, a multiple of {@link #BUCKETS_PER_WINDOW} milliseconds */
  public BitrateMeter(long windowMillis) {
    this(windowMillis, windowMillis);
  }

  /**
   * @param windowMillis the window, a multiple of {@link #BUCKETS_PER_WINDOW} milliseconds
   * @param historyMillis how far back {@link #peakBitrate} looks, a multiple of the bucket
   *     ({@code windowMillis / 10}) and at least the window
   */
  public BitrateMeter(long windowMillis, long historyMillis) {
    if (windowMillis < BUCKETS_PER_WINDOW) {
      throw new IllegalArgumentException("window under " + BUCKETS_PER_WINDOW + " ms");
    }
    this.bucketMillis = windowMillis / BUCKETS_PER_WINDOW;
    if (historyMillis < windowMillis || historyMillis % bucketMillis != 0) {
      throw new IllegalArgumentException("history of " + historyMillis
          + " ms: under the window or not whole buckets of " + bucketMillis + " ms");
    }
    int buckets = (int) (historyMillis / bucketMillis);
    this.bytes = new long[buckets];
    this.slotOf = new long[buckets];
    java.util.Arrays.fill(slotOf, Long.MIN_VALUE);
  }

  /** A packet of {@code length} bytes arrived at {@code nowMillis}. */
  public void onPacket(int length, long nowMillis) {
    long index = Math.floorDiv(nowMillis, bucketMillis);
    int slot = (int) Math.floorMod(index, (long) bytes.length);
    if (slotOf[slot] != index) {
      slotOf[slot] = index;
      bytes[slot] = 0;
    }
    bytes[slot] += length;
  }

  /** Bits per second over the window that ends at {@code nowMillis}. */
  public long bitrate(long nowMillis) {
    return windowBitrate(Math.floorDiv(nowMillis, bucketMillis));
  }

  /**
   * The highest bitrate of the windows that end in the history up to {@code nowMillis} (each
   * window ending at a bucket's end, the last one at {@code nowMillis}), in bits per second.
   */
  public long peakBitrate(long nowMillis) {
    long now = Math.floorDiv(nowMillis, bucketMillis);
    long oldest = now - bytes.length + 1;
    long window = 0;
    long peak = 0;
    for (long index = oldest; index <= now; index++) {
      window += bytesOf(index);
      if (index - BUCKETS_PER_WINDOW >= oldest) {
        window -= bytesOf(index - BUCKETS_PER_WINDOW);
      }
      if (index - oldest >= BUCKETS_PER_WINDOW - 1) {
        peak = Math.max(peak, window);
      }
    }
    return toBitrate(peak);
  }

  /** The rate over the {@value #BUCKETS_PER_WINDOW} buckets ending with bucket {@code last}. */
  private long windowBitrate(long last) {
    long total = 0;
    for (long index = last - BUCKETS_PER_WINDOW + 1; index <= last; index++) {
      total += bytesOf(index);
    }
    return toBitrate(total);
  }

  /** The bytes of bucket {@code index}, 0 if its slot holds another lap's or none. */
  private long bytesOf(long index) {
    int slot = (int) Math.floorMod(index, (long) bytes.length);
    return slotOf[slot] == index ? bytes[slot] : 0;
  }

  private long toBitrate(long windowBytes) {
    return windowBytes * 8 * 1000 / (bucketMillis * BUCKETS_PER_WINDOW);
  }
}
