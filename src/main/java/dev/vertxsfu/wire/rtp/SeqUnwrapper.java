package dev.vertxsfu.wire.rtp;

/**
 * Extends the 16-bit RTP sequence numbers of one stream to 64 bits that never wrap (RFC 3550
 * Appendix A.1 keeps the same count as "cycles"): each number is placed at the distance from the
 * last one that is shortest modulo 2^16, so packets reordered across a 0xFFFF to 0 wrap still
 * land on the right side of it.
 *
 * <p>The first number is extended to itself; one that arrives late from before it (across the
 * wrap) becomes negative, so order is kept there too. The low 16 bits of every extended value are
 * the sequence number. A jump of more than 32767 forward reads as a step backwards: that is the
 * ambiguity of 16 bits, and what to do about a stream that jumps (RFC 3550 A.1's MAX_DROPOUT and
 * probation) is the stream's policy, not this class's.
 *
 * <p>One per received stream, owned by the media layer's stream (and the SRTP context, for the
 * rollover counter); no clock, no threads.
 */
public final class SeqUnwrapper {
  private long last;
  private boolean started;

  /** The extended value of {@code sequenceNumber} (low 16 bits used), remembered as the last. */
  public long unwrap(int sequenceNumber) {
    long extended = peek(sequenceNumber);
    last = extended;
    started = true;
    return extended;
  }

  /** The extended value {@link #unwrap} would give, without remembering it. */
  public long peek(int sequenceNumber) {
    int seq = sequenceNumber & 0xffff;
    if (!started) {
      return seq;
    }
    return last + SerialNumbers.sequenceNumberDistance((int) last, seq);
  }

  /** True once a sequence number was unwrapped. */
  public boolean started() {
    return started;
  }

  /** The last extended value, meaningful once {@link #started()}. */
  public long last() {
    return last;
  }

  /** Forgets the stream, as for a new SSRC. */
  public void reset() {
    started = false;
    last = 0;
  }
}
