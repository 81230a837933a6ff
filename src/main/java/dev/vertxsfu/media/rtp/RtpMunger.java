package dev.vertxsfu.media.rtp;

import dev.vertxsfu.wire.rtp.SerialNumbers;

/**
 * The sequence numbers and timestamps a consumer sends when the stream it forwards can change
 * under it (a simulcast layer switch) or lose packets on purpose (frames above a temporal
 * layer): the subscriber sees one stream without gaps it did not lose and without jumps in time.
 *
 * <p>Output = input + offset, per source. {@link #switchTo} starts a source: its first packet
 * gets the sequence number after the last one sent and the timestamp the caller says it must
 * have (from the layers' sender reports, or {@link #continuedTimestamp} when there are none).
 * {@link #drop} removes an in-order packet by shifting the offset, so no gap appears. A packet
 * older than the last switch or drop cannot be placed without colliding with one already sent:
 * it is refused ({@link #REFUSED}), and so is a NACK for output sent before that point.
 *
 * <p>Owned by a consumer on the room's event loop; allocates nothing.
 */
public final class RtpMunger {
  /** What {@link #sequenceNumber} and {@link #input} give for a packet that cannot be placed. */
  public static final int REFUSED = -1;
  /** The farthest the boundary trails the newest packet: a quarter of the number space. */
  static final int BOUNDARY_LAG = 0x4000;

  private final int firstOutput;
  private boolean started;
  private int seqOffset;
  private long timestampOffset;
  private int highestInput;
  /** The first input of the current offset: older input cannot be placed. */
  private int boundaryInput;
  /** The first output of the current offset: older output maps to no input. */
  private int boundaryOutput;
  private int lastOutput;
  private long lastTimestamp;
  private long lastSentMillis;

  /** @param firstOutput the sequence number of the first packet this consumer sends */
  public RtpMunger(int firstOutput) {
    this.firstOutput = firstOutput & 0xFFFF;
  }

  public boolean started() {
    return started;
  }

  /**
   * The packet ({@code inputSeq}, {@code inputTimestamp}) is the first of a new source; its
   * output timestamp is {@code outputTimestamp}. Call {@link #sequenceNumber} for it next.
   */
  public void switchTo(int inputSeq, long inputTimestamp, long outputTimestamp) {
    int next = started ? (lastOutput + 1) & 0xFFFF : firstOutput;
    seqOffset = (next - inputSeq) & 0xFFFF;
    timestampOffset = (outputTimestamp - inputTimestamp) & 0xFFFFFFFFL;
    highestInput = (inputSeq - 1) & 0xFFFF;
    boundaryInput = inputSeq & 0xFFFF;
    boundaryOutput = next;
    started = true;
  }

  /**
   * The output sequence number of a packet of the current source, or {@link #REFUSED} for one
   * from before the last switch or drop. Counts it as sent.
   */
  public int sequenceNumber(int inputSeq, long nowMillis) {
    if (SerialNumbers.isNewerSequenceNumber(boundaryInput, inputSeq)) {
      return REFUSED;
    }
    int output = (inputSeq + seqOffset) & 0xFFFF;
    if (SerialNumbers.isNewerSequenceNumber(inputSeq, highestInput)) {
      highestInput = inputSeq;
      lastOutput = output;
      lastSentMillis = nowMillis;
      // Serial comparison holds over half the number space only: a boundary left far behind
      // would, after 32,768 packets, look newer than every packet and refuse them all.
      if (((highestInput - boundaryInput) & 0xFFFF) > BOUNDARY_LAG) {
        boundaryInput = (highestInput - BOUNDARY_LAG) & 0xFFFF;
        boundaryOutput = (lastOutput - BOUNDARY_LAG) & 0xFFFF;
      }
    }
    return output;
  }

  /** What the current source's timestamps are moved by (output - input, modulo 2^32). */
  public long timestampOffset() {
    return timestampOffset;
  }

  /** The timestamp of the last packet sent (0 before the first). */
  public long lastTimestamp() {
    return lastTimestamp;
  }

  /** The output timestamp of a packet of the current source. */
  public long timestamp(long inputTimestamp) {
    long output = (inputTimestamp + timestampOffset) & 0xFFFFFFFFL;
    lastTimestamp = output;
    return output;
  }

  /**
   * Leaves out the packet {@code inputSeq} of the current source without a gap: later packets
   * move down by one. Only a packet newer than all before it can be dropped so; an older one is
   * simply not sent (it would have been refused anyway).
   */
  public void drop(int inputSeq) {
    if (!SerialNumbers.isNewerSequenceNumber(inputSeq, highestInput)) {
      return;
    }
    seqOffset = (seqOffset - 1) & 0xFFFF;
    highestInput = inputSeq;
    boundaryInput = (inputSeq + 1) & 0xFFFF;
    boundaryOutput = (lastOutput + 1) & 0xFFFF;
  }

  /** The input sequence number an output one was made from (a NACK), or {@link #REFUSED}. */
  public int input(int outputSeq) {
    if (!started || SerialNumbers.isNewerSequenceNumber(boundaryOutput, outputSeq)
        || SerialNumbers.isNewerSequenceNumber(outputSeq, lastOutput)) {
      return REFUSED;
    }
    return (outputSeq - seqOffset) & 0xFFFF;
  }

  /**
   * A timestamp for a new source's first packet when the layers' sender reports cannot say
   * one: the last one sent, moved on by the wall-clock time since, and by at least one tick.
   */
  public long continuedTimestamp(long nowMillis, int clockRate) {
    if (!started) {
      return 0;
    }
    long elapsed = Math.max(1, (nowMillis - lastSentMillis) * clockRate / 1000);
    return (lastTimestamp + elapsed) & 0xFFFFFFFFL;
  }
}
