package dev.vertxsfu.media.cc;

/**
 * The bitrate the receiver acknowledged: bytes of packets reported received with arrival times
 * in the last {@value #WINDOW_US} µs, over that window (libwebrtc's
 * {@code AcknowledgedBitrateEstimator}, in its simplest form). Known once the packets span half a
 * window. The delay-based controller decreases from it and caps its increases with it.
 * {@link #mediaBps} leaves out the packets of probe clusters: a cluster a token bucket let
 * through at line rate lifts the whole figure above what the path carries.
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
  private long mediaBytes;
  private long firstArrivalUs = Long.MIN_VALUE;
  private long lastArrivalUs = Long.MIN_VALUE;

  /** A packet of {@code sizeBytes} arrived at {@code arrival}; {@code probe}: of a cluster. */
  void onPacket(long arrival, int sizeBytes, boolean probe) {
    if (firstArrivalUs == Long.MIN_VALUE) {
      firstArrivalUs = arrival;
    }
    lastArrivalUs = Math.max(lastArrivalUs, arrival);
    if (count == CAPACITY) {
      evictOldest();
    }
    int slot = (head + count) % CAPACITY;
    arrivalUs[slot] = arrival;
    size[slot] = probe ? -sizeBytes : sizeBytes;
    count++;
    bytes += sizeBytes;
    mediaBytes += probe ? 0 : sizeBytes;
    while (count > 0 && arrivalUs[head] <= lastArrivalUs - WINDOW_US) {
      evictOldest();
    }
  }

  private void evictOldest() {
    int evicted = size[head];
    bytes -= Math.abs(evicted);
    mediaBytes -= Math.max(0, evicted);
    head = (head + 1) % CAPACITY;
    count--;
  }

  /** Bits per second over the window, or 0 while less than half a window was seen. */
  long bps() {
    return rate(bytes);
  }

  /** As {@link #bps}, of the packets outside probe clusters only. */
  long mediaBps() {
    return rate(mediaBytes);
  }

  private long rate(long of) {
    if (firstArrivalUs == Long.MIN_VALUE || lastArrivalUs - firstArrivalUs < WINDOW_US / 2) {
      return 0;
    }
    long span = Math.min(WINDOW_US, lastArrivalUs - firstArrivalUs);
    return of * 8 * 1_000_000 / span;
  }
}
