package dev.vertxsfu.media.cc;

/**
 * The bitrate the receiver acknowledged: bytes of packets reported received with arrival times
 * in the last {@value #WINDOW_US} µs, over that window (libwebrtc's
 * {@code AcknowledgedBitrateEstimator}, in its simplest form). Known once the packets span half a
 * window. The delay-based controller decreases from it and caps its increases with it.
 *
 * <p>Owned by a {@link SendSideBandwidthEstimator}; a fixed ring of {@value #CAPACITY} packets.
 */
final class AcknowledgedBitrate {
  static final long WINDOW_US = 500_000;
  static final int CAPACITY = 4096;

  private final long[] arrivalUs = new long[CAPACITY];
  private final int[] size = new int[CAPACITY];
  private int head;
  private int count;
  private long bytes;
  private long firstArrivalUs = Long.MIN_VALUE;
  private long lastArrivalUs = Long.MIN_VALUE;

  void onPacket(long arrival, int sizeBytes) {
    if (firstArrivalUs == Long.MIN_VALUE) {
      firstArrivalUs = arrival;
    }
    lastArrivalUs = Math.max(lastArrivalUs, arrival);
    if (count == CAPACITY) {
      evictOldest();
    }
    int slot = (head + count) % CAPACITY;
    arrivalUs[slot] = arrival;
    size[slot] = sizeBytes;
    count++;
    bytes += sizeBytes;
    while (count > 0 && arrivalUs[head] <= lastArrivalUs - WINDOW_US) {
      evictOldest();
    }
  }

  private void evictOldest() {
    bytes -= size[head];
    head = (head + 1) % CAPACITY;
    count--;
  }

  /** Bits per second over the window, or 0 while less than half a window was seen. */
  long bps() {
    if (firstArrivalUs == Long.MIN_VALUE || lastArrivalUs - firstArrivalUs < WINDOW_US / 2) {
      return 0;
    }
    long span = Math.min(WINDOW_US, lastArrivalUs - firstArrivalUs);
    return bytes * 8 * 1_000_000 / span;
  }
}
