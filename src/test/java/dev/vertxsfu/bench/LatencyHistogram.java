package dev.vertxsfu.bench;

/**
 * A log-linear histogram of nanosecond values in the style of HdrHistogram, written here so the
 * receive path records into a primitive array: values below 32 have a bucket each; above, each
 * power of two is split into 32 buckets, so a reported value is within 1/32 (about 3 %) of the
 * true one. Covers the whole {@code long} range in 1,888 buckets.
 *
 * <p>Not thread-safe: one owner (a {@link PeerLoop}) records; the harness copies it on that
 * loop ({@link #copy}) and merges copies ({@link #add}) on its own thread.
 */
final class LatencyHistogram {
  private static final int SUB_BITS = 5;
  private static final int SUB = 1 << SUB_BITS;
  static final int BUCKETS = SUB + (63 - SUB_BITS) * SUB;

  private final long[] counts = new long[BUCKETS];
  private long total;
  private long max;

  /** Records one value (negative values count as 0). */
  void record(long value) {
    long v = Math.max(0, value);
    counts[bucket(v)]++;
    total++;
    if (v > max) {
      max = v;
    }
  }

  long count() {
    return total;
  }

  long max() {
    return max;
  }

  /**
   * The value at {@code percentile} (0 to 100): the upper bound of the bucket holding it,
   * capped at {@link #max()}; 0 when empty.
   */
  long percentile(double percentile) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(upperBound(i), max);
      }
    }
    return max;
  }

  void add(LatencyHistogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
    max = Math.max(max, other.max);
  }

  LatencyHistogram copy() {
    LatencyHistogram copy = new LatencyHistogram();
    copy.add(this);
    return copy;
  }

  void reset() {
    java.util.Arrays.fill(counts, 0);
    total = 0;
    max = 0;
  }

  static int bucket(long v) {
    if (v < SUB) {
      return (int) v;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(v); // >= SUB_BITS
    int mantissa = (int) (v >>> (exponent - SUB_BITS)) & (SUB - 1);
    return SUB + (exponent - SUB_BITS) * SUB + mantissa;
  }

  static long upperBound(int bucket) {
    if (bucket < SUB) {
      return bucket;
    }
    int exponent = (bucket - SUB) / SUB + SUB_BITS;
    int mantissa = (bucket - SUB) % SUB;
    long low = (long) (SUB + mantissa) << (exponent - SUB_BITS);
    return low + (1L << (exponent - SUB_BITS)) - 1;
  }
}
