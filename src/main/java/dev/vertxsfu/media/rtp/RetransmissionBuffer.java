package dev.vertxsfu.media.rtp;

/**
 * The recent packets of one received stream, kept so that a subscriber's NACK can be answered
 * without asking the publisher (RFC 4585 §6.2.1; mediasoup keeps this per sent stream, we keep
 * it once per received stream and let each consumer map its sequence numbers back).
 *
 * <p>A ring of {@code capacity} slots (a power of two) indexed by the 16-bit sequence number,
 * each a preallocated array: storing copies the packet, allocates nothing. A slot answers only
 * for the sequence number it holds and only while younger than {@code maxAgeMillis}.
 *
 * <p>Owned by a {@code Producer} on the room's event loop.
 */
public final class RetransmissionBuffer {
  /** Big enough for any packet a WebRTC peer sends (they keep under the path MTU). */
  public static final int SLOT_SIZE = 1500;

  private final byte[][] slots;
  private final int[] lengths;
  private final int[] seqs;
  private final long[] storedMillis;
  private final int mask;
  private final long maxAgeMillis;

  public RetransmissionBuffer(int capacity, long maxAgeMillis) {
    if (Integer.bitCount(capacity) != 1 || capacity > 32768) {
      throw new IllegalArgumentException("capacity must be a power of two up to 32768: " + capacity);
    }
    this.slots = new byte[capacity][SLOT_SIZE];
    this.lengths = new int[capacity];
    this.seqs = new int[capacity];
    this.storedMillis = new long[capacity];
    this.mask = capacity - 1;
    this.maxAgeMillis = maxAgeMillis;
    java.util.Arrays.fill(seqs, -1);
  }

  /** Keeps a copy of a packet; one longer than {@link #SLOT_SIZE} is not kept. */
  public void store(int sequenceNumber, byte[] buf, int off, int len, long nowMillis) {
    if (len > SLOT_SIZE) {
      return;
    }
    int slot = sequenceNumber & mask;
    System.arraycopy(buf, off, slots[slot], 0, len);
    lengths[slot] = len;
    seqs[slot] = sequenceNumber;
    storedMillis[slot] = nowMillis;
  }

  /**
   * Copies the kept packet with this sequence number into {@code out} at 0.
   *
   * @return its length, or -1 if it is not kept (never stored, overwritten or too old)
   */
  public int copy(int sequenceNumber, byte[] out, long nowMillis) {
    int slot = sequenceNumber & mask;
    if (seqs[slot] != sequenceNumber || nowMillis - storedMillis[slot] > maxAgeMillis) {
      return -1;
    }
    System.arraycopy(slots[slot], 0, out, 0, lengths[slot]);
    return lengths[slot];
  }
}
