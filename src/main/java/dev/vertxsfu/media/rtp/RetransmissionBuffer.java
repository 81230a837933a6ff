package dev.vertxsfu.media.rtp;

/**
 * The recent packets of one received stream, kept so that a subscriber's NACK can be answered
 * without asking the publisher (RFC 4585 §6.2.1; mediasoup keeps this per sent stream, we keep
 * it once per received stream and let each consumer map its sequence numbers back).
 *
 * <p>A ring of slots indexed by the 16-bit sequence number. A slot answers only for the sequence
 * number it holds and only while younger than {@code maxAgeMillis}. The ring is sized by time,
 * not by a fixed count: it starts at {@value #INITIAL_CAPACITY} slots and doubles (up to
 * {@code maxCapacity}, a power of two) whenever a store would overwrite a packet younger than
 * {@code maxAgeMillis}, so it holds about {@code maxAgeMillis} of the stream whatever its packet
 * rate: ~128 slots for a 1 Mbit/s camera instead of a fixed 512. Growing moves the kept packets
 * to their new slots (no copy of bytes, none lost). A slot's array is made on its first packet,
 * sized to that packet (rounded up to {@value #ALLOCATION_GRAIN} bytes), and replaced only by a
 * longer packet; so once every slot has seen a full-size packet, storing allocates nothing.
 *
 * <p>Owned by a {@code Producer} on the room's event loop.
 */
public final class RetransmissionBuffer {
  /** Big enough for any packet a WebRTC peer sends (they keep under the path MTU). */
  public static final int SLOT_SIZE = 1500;
  /** Slots before the first growth. */
  public static final int INITIAL_CAPACITY = 16;
  /** Slot arrays are rounded up to this, so a packet a little longer rarely replaces one. */
  static final int ALLOCATION_GRAIN = 128;

  private final int maxCapacity;
  private final long maxAgeMillis;
  private byte[][] slots;
  private int[] lengths;
  private int[] seqs;
  private long[] storedMillis;
  private int mask;

  /**
   * @param maxCapacity the most slots the ring grows to, a power of two up to 32768 (bounds the
   *     memory at {@code maxCapacity} x {@link #SLOT_SIZE} bytes)
   * @param maxAgeMillis how long a packet is answered for, and the span the ring grows to hold
   */
  public RetransmissionBuffer(int maxCapacity, long maxAgeMillis) {
    if (Integer.bitCount(maxCapacity) != 1 || maxCapacity > 32768) {
      throw new IllegalArgumentException(
          "capacity must be a power of two up to 32768: " + maxCapacity);
    }
    this.maxCapacity = maxCapacity;
    this.maxAgeMillis = maxAgeMillis;
    allocate(Math.min(INITIAL_CAPACITY, maxCapacity));
  }

  private void allocate(int capacity) {
    slots = new byte[capacity][];
    lengths = new int[capacity];
    seqs = new int[capacity];
    storedMillis = new long[capacity];
    mask = capacity - 1;
    java.util.Arrays.fill(seqs, -1);
  }

  /** Keeps a copy of a packet; one longer than {@link #SLOT_SIZE} is not kept. */
  public void store(int sequenceNumber, byte[] buf, int off, int len, long nowMillis) {
    if (len > SLOT_SIZE) {
      return;
    }
    int slot = sequenceNumber & mask;
    while (seqs[slot] >= 0 && seqs[slot] != sequenceNumber
        && nowMillis - storedMillis[slot] <= maxAgeMillis && capacity() < maxCapacity) {
      grow();
      slot = sequenceNumber & mask;
    }
    byte[] bytes = slots[slot];
    if (bytes == null || bytes.length < len) {
      int size = Math.min(SLOT_SIZE, (len + ALLOCATION_GRAIN - 1) / ALLOCATION_GRAIN * ALLOCATION_GRAIN);
      bytes = new byte[size];
      slots[slot] = bytes;
    }
    System.arraycopy(buf, off, bytes, 0, len);
    lengths[slot] = len;
    seqs[slot] = sequenceNumber;
    storedMillis[slot] = nowMillis;
  }

  /** Doubles the ring; each kept packet moves to the slot its sequence number now maps to. */
  private void grow() {
    byte[][] oldSlots = slots;
    int[] oldLengths = lengths;
    int[] oldSeqs = seqs;
    long[] oldStored = storedMillis;
    allocate(oldSlots.length * 2);
    for (int i = 0; i < oldSlots.length; i++) {
      if (oldSeqs[i] < 0) {
        continue;
      }
      // distinct modulo the old capacity, so distinct modulo the new one
      int slot = oldSeqs[i] & mask;
      slots[slot] = oldSlots[i];
      lengths[slot] = oldLengths[i];
      seqs[slot] = oldSeqs[i];
      storedMillis[slot] = oldStored[i];
    }
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

  /** Slots the ring has now (grows with the packet rate, never past its maximum). */
  public int capacity() {
    return seqs.length;
  }

  /** Bytes held in slot arrays (packets' copies, not the index), for tests and metrics. */
  public long retainedBytes() {
    long sum = 0;
    for (byte[] slot : slots) {
      if (slot != null) {
        sum += slot.length;
      }
    }
    return sum;
  }
}
