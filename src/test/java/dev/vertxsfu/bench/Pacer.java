package dev.vertxsfu.bench;

/**
 * A publisher's send pacer, as libwebrtc's {@code PacingController} shapes a browser's media:
 * packets leave one after another at a pacing rate (libwebrtc's default: 2.5 times the
 * encoder's target bitrate) instead of a frame's packets leaving in one burst. Each queued
 * packet gets a due time: the later of when it was queued and when the previous packet's
 * bits have drained at the pacing rate; it may leave at that time or later. Unlike libwebrtc,
 * there is no per-interval budget that lets a few packets out together, and no queue-time
 * limit that raises the rate: a packet never leaves before its due time, and a full queue
 * refuses new packets (the caller then sends them at once).
 *
 * <p>Owns a bounded ring of packet copies (allocated once, {@code capacity} slots of
 * {@link PeerLoop#MAX_DATAGRAM} bytes, so a slot has room for the SRTP tag added in place).
 * Pure: the clock is passed in, nothing is scheduled here; {@link MediaSource} queues and
 * drains it on its {@link PeerLoop}. Not thread-safe: one owner, the publisher's loop.
 */
final class Pacer {
  // passed by argument
  private final double nanosPerByte;
  // allocated by this
  private final byte[][] slots;
  private final int[] lengths;
  private final long[] due;
  private int head;
  private int size;
  /** When the bits of the last queued packet have drained at the pacing rate. */
  private long drainedNanos = Long.MIN_VALUE;

  /**
   * @param bitsPerSecond the pacing rate (positive)
   * @param capacity how many packets may wait (positive)
   */
  Pacer(long bitsPerSecond, int capacity) {
    if (bitsPerSecond <= 0 || capacity <= 0) {
      throw new IllegalArgumentException("a pacer needs a positive rate and capacity, got "
          + bitsPerSecond + " bit/s, " + capacity + " packets");
    }
    this.nanosPerByte = 8e9 / bitsPerSecond;
    this.slots = new byte[capacity][PeerLoop.MAX_DATAGRAM];
    this.lengths = new int[capacity];
    this.due = new long[capacity];
  }

  /**
   * Copies {@code buf[off .. off+len)} to the end of the queue, due when the packets before it
   * have drained. False, and nothing queued, when the queue is full or the packet too long.
   */
  boolean offer(byte[] buf, int off, int len, long nowNanos) {
    if (size == slots.length || len > PeerLoop.MAX_DATAGRAM) {
      return false;
    }
    int tail = (head + size) % slots.length;
    System.arraycopy(buf, off, slots[tail], 0, len);
    lengths[tail] = len;
    long at = Math.max(nowNanos, drainedNanos);
    due[tail] = at;
    drainedNanos = at + (long) (len * nanosPerByte);
    size++;
    return true;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** When the first queued packet may leave; {@link Long#MAX_VALUE} when none waits. */
  long headDueNanos() {
    return size == 0 ? Long.MAX_VALUE : due[head];
  }

  /** The first queued packet's bytes (a slot of this pacer, valid until {@link #poll}). */
  byte[] headBuffer() {
    return slots[head];
  }

  int headLength() {
    return lengths[head];
  }

  /** Drops the first queued packet (after sending it). */
  void poll() {
    if (size == 0) {
      throw new IllegalStateException("the pacer's queue is empty");
    }
    head = (head + 1) % slots.length;
    size--;
  }
}
