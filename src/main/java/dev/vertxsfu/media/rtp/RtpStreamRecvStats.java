package dev.vertxsfu.media.rtp;

import dev.vertxsfu.wire.rtp.SeqUnwrapper;

/**
 * Reception statistics of one received RTP stream, as RFC 3550 Appendix A.3 and A.8 define
 * them: extended highest sequence number, cumulative and interval loss, and interarrival
 * jitter. What a receiver report block says about the stream.
 *
 * <p>Owned by the stream's {@code Producer} on the room's event loop; the arrival time is an
 * argument (milliseconds of a monotonic clock).
 */
public final class RtpStreamRecvStats {
  private final int clockRate;
  private final SeqUnwrapper unwrapper = new SeqUnwrapper();
  private long baseSeq = -1;
  private long maxSeq;
  private long received;
  private long expectedPrior;
  private long receivedPrior;
  private double jitter;
  private long lastTransit = Long.MIN_VALUE;

  /** @param clockRate the RTP clock rate of the stream's codec (90000 for video) */
  public RtpStreamRecvStats(int clockRate) {
    this.clockRate = clockRate;
  }

  /**
   * One packet arrived.
   *
   * @return its extended (64-bit) sequence number
   */
  public long onPacket(int sequenceNumber, long rtpTimestamp, long arrivalMillis) {
    long extended = unwrapper.unwrap(sequenceNumber);
    if (baseSeq < 0) {
      baseSeq = extended;
      maxSeq = extended;
    } else if (extended > maxSeq) {
      maxSeq = extended;
    }
    received++;
    // RFC 3550 A.8: J += (|D| - J) / 16, with transit in RTP timestamp units.
    long arrival = arrivalMillis * clockRate / 1000;
    long transit = arrival - rtpTimestamp;
    if (lastTransit != Long.MIN_VALUE) {
      long d = Math.abs(transit - lastTransit);
      jitter += (d - jitter) / 16.0;
    }
    lastTransit = transit;
    return extended;
  }

  public boolean started() {
    return baseSeq >= 0;
  }

  /** Extended highest sequence number received (RFC 3550 §6.4.1), as the 32 bits RTCP carries. */
  public long extendedHighestSequenceNumber() {
    return maxSeq & 0xFFFFFFFFL;
  }

  public long packetsReceived() {
    return received;
  }

  /** Cumulative number of packets lost: expected minus received (may be negative with duplicates). */
  public long cumulativeLost() {
    return expected() - received;
  }

  /** Interarrival jitter in RTP timestamp units. */
  public long jitter() {
    return (long) jitter;
  }

  /**
   * The fraction of packets lost since the previous call, in 1/256 (RFC 3550 A.3), and starts a
   * new interval: call once per receiver report.
   */
  public int fractionLostSinceLastReport() {
    long expected = expected();
    long expectedInterval = expected - expectedPrior;
    long receivedInterval = received - receivedPrior;
    expectedPrior = expected;
    receivedPrior = received;
    long lostInterval = expectedInterval - receivedInterval;
    if (expectedInterval == 0 || lostInterval <= 0) {
      return 0;
    }
    return (int) ((lostInterval << 8) / expectedInterval);
  }

  private long expected() {
    return started() ? maxSeq - baseSeq + 1 : 0;
  }
}
