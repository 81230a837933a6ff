package dev.vertxsfu.media.router;

/**
 * The round-trip time toward a subscriber, measured as RFC 3550 §6.4.1 says: the SFU remembers
 * when it sent each of its last few sender reports and their compact NTP timestamps (the middle
 * 32 bits), and a report block of the subscriber that names one of them in LSR gives
 * {@code now - sent - DLSR}. The NTP time in the SRs is the publisher's (the SFU forwards it),
 * but only its value is matched: the times compared are all the SFU's own.
 *
 * <p>Owned by one {@link Consumer}, on the room's event loop. A ring of {@value #KEPT} reports,
 * allocated once.
 */
final class SenderReportRoundTrip {
  /** SRs go out about once a second: four cover a report block that arrives late. */
  static final int KEPT = 4;

  private final long[] compactNtp = new long[KEPT];
  private final long[] sentMillis = new long[KEPT];
  private int next;
  private int count;
  private long rttMillis = -1;

  /** An SR carrying {@code ntpTimestamp} (64-bit NTP format) left at {@code nowMillis}. */
  void onSent(long ntpTimestamp, long nowMillis) {
    compactNtp[next] = (ntpTimestamp >>> 16) & 0xFFFFFFFFL;
    sentMillis[next] = nowMillis;
    next = (next + 1) % KEPT;
    count = Math.min(KEPT, count + 1);
  }

  /**
   * A report block about this stream: {@code lastSr} and {@code delaySinceLastSr} (1/65536 s)
   * as RFC 3550 defines them. Blocks naming no SR (LSR 0) or one not kept change nothing; a
   * result below zero (a clock step) is taken as zero.
   *
   * @return the round-trip time in milliseconds, or -1 when this block gave none
   */
  long onReportBlock(long lastSr, long delaySinceLastSr, long nowMillis) {
    if (lastSr == 0) {
      return -1;
    }
    for (int i = 0; i < count; i++) {
      if (compactNtp[i] == lastSr) {
        long delayMillis = delaySinceLastSr * 1000 / 65536;
        rttMillis = Math.max(0, nowMillis - sentMillis[i] - delayMillis);
        return rttMillis;
      }
    }
    return -1;
  }

  /** The last round-trip time measured, or -1 before the first. */
  long rttMillis() {
    return rttMillis;
  }
}
