package dev.vertxsfu.media.rtp;

/**
 * The recent packets of one received stream, kept so that a subscriber's NACK can be answered
 * without asking the publisher (RFC 4585 §6.2.1; mediasoup keeps this per sent stream, we keep
 * it once per received stream and let each consumer map its sequence numbers back).
 *
 * <p>Sized by time and bytes, not by a count of full-size slots: packets are copied one after
 * another into one byte arena, oldest first (a packet that does not fit before the arena's end
 * starts again at 0), and an index in arrival order records each packet's offset, length,
 * sequence number and time; a second index maps the sequence number to its entry. A store that
 * needs the room of the oldest packet takes it when that packet is older than {@code
 * maxAgeMillis}, and otherwise grows the arena by an eighth (the index doubles when it is full
 * of young packets, or when a young packet's number would lose its index slot). So the arena
 * settles at about {@code maxAgeMillis} of the stream's bytes at its busiest (a key frame
 * included) and at most an eighth more: ~130-145 KB for the harness's 870 kbit/s clip, where a
 * ring of slots indexed by sequence number had to double its count for the burst and then kept
 * 1,280-byte arrays for every slot. Growing moves the kept packets (none lost); once grown,
 * storing allocates nothing.
 *
 * <p>Owned by a {@code Producer} on the room's event loop; not thread-safe.
 */
public final class RetransmissionBuffer {
  /** Big enough for any packet a WebRTC peer sends (they keep under the path MTU). */
  public static final int SLOT_SIZE = 1500;
  /** Index entries before the first growth. */
  public static final int INITIAL_CAPACITY = 16;
  /** Arena bytes before the first growth. */
  static final int INITIAL_BYTES = 16 * 1024;
  /** Arena sizes are multiples of this. */
  static final int ARENA_GRAIN = 1024;

  private final int maxCapacity;
  private final int maxBytes;
  private final long maxAgeMillis;
  private byte[] arena;
  /** Where the next packet goes, if it fits before the end. */
  private int head;
  // the index, in arrival order: entry p lives at p & mask
  private int[] offsets;
  private int[] lengths;
  private int[] seqs;
  private long[] storedMillis;
  /** Sequence number & mask -> the position of its entry. */
  private int[] entryOfSeq;
  private int mask;
  /** Position of the oldest kept entry and of the next one (both only increase, mod 2^32). */
  private int oldest;
  private int next;

  /**
   * @param maxCapacity the most packets kept, a power of two up to 32768; the arena never
   *     grows past {@code maxCapacity} x {@link #SLOT_SIZE} bytes
   * @param maxAgeMillis how long a packet is answered for, and the span the arena grows to hold
   */
  public RetransmissionBuffer(int maxCapacity, long maxAgeMillis) {
    if (Integer.bitCount(maxCapacity) != 1 || maxCapacity > 32768) {
      throw new IllegalArgumentException(
          "capacity must be a power of two up to 32768: " + maxCapacity);
    }
    this.maxCapacity = maxCapacity;
    this.maxBytes = maxCapacity * SLOT_SIZE;
    this.maxAgeMillis = maxAgeMillis;
    this.arena = new byte[Math.min(INITIAL_BYTES, maxBytes)];
    allocateIndex(Math.min(INITIAL_CAPACITY, maxCapacity));
  }

  private void allocateIndex(int capacity) {
    offsets = new int[capacity];
    lengths = new int[capacity];
    seqs = new int[capacity];
    storedMillis = new long[capacity];
    entryOfSeq = new int[capacity];
    mask = capacity - 1;
    java.util.Arrays.fill(seqs, -1);
  }

  /** Keeps a copy of a packet; one longer than {@link #SLOT_SIZE} is not kept. */
  public void store(int sequenceNumber, byte[] buf, int off, int len, long nowMillis) {
    if (len > SLOT_SIZE) {
      return;
    }
    if (next - oldest == capacity()) {
      if (isYoung(oldest, nowMillis) && capacity() < maxCapacity) {
        growIndex();
      } else {
        oldest++;
      }
    }
    int at;
    while ((at = freeOffset(len)) < 0) {
      if (isYoung(oldest, nowMillis) && arena.length < maxBytes) {
        growArena(len);
      } else {
        oldest++;
      }
    }
    // a young packet whose number maps to the same index slot (a repair stored long after its
    // neighbours, a jump in numbering) keeps its slot: the index doubles until they differ
    while (holdsOtherYoung(entryOfSeq[sequenceNumber & mask], sequenceNumber, nowMillis)
        && capacity() < maxCapacity) {
      growIndex();
    }
    System.arraycopy(buf, off, arena, at, len);
    int entry = next & mask;
    offsets[entry] = at;
    lengths[entry] = len;
    seqs[entry] = sequenceNumber;
    storedMillis[entry] = nowMillis;
    entryOfSeq[sequenceNumber & mask] = next;
    next++;
    head = at + len;
  }

  /**
   * Whether the index slot of {@code sequenceNumber}, pointing at {@code position}, is taken by
   * another young packet (a slot never written points at 0, whose packet then maps elsewhere).
   */
  private boolean holdsOtherYoung(int position, int sequenceNumber, long nowMillis) {
    if (position - oldest < 0 || next - position <= 0) {
      return false;
    }
    int held = seqs[position & mask];
    return held != sequenceNumber && (held & mask) == (sequenceNumber & mask)
        && isYoung(position, nowMillis);
  }

  private boolean isYoung(int position, long nowMillis) {
    return nowMillis - storedMillis[position & mask] <= maxAgeMillis;
  }

  /** Where {@code len} bytes fit without touching a kept packet, or -1. */
  private int freeOffset(int len) {
    if (next == oldest) {
      head = 0;
      return len <= arena.length ? 0 : -1;
    }
    int tail = offsets[oldest & mask];
    if (tail > head) { // kept: [tail, end) and [0, head)
      return len <= tail - head ? head : -1;
    }
    if (tail == head) { // kept: all of it
      return -1;
    }
    // kept: [tail, head)
    if (len <= arena.length - head) {
      return head;
    }
    return len <= tail ? 0 : -1;
  }

  /**
   * An eighth more bytes (at least the packet's), the kept packets moved to its start: the
   * arena ends within an eighth of the busiest second, after ~20 growths from 16 KB (each a
   * copy of the kept bytes, all in a stream's first seconds).
   */
  private void growArena(int len) {
    int size = arena.length + Math.max(arena.length / 8, len);
    size = Math.min(maxBytes, (size + ARENA_GRAIN - 1) / ARENA_GRAIN * ARENA_GRAIN);
    byte[] grown = new byte[size];
    int at = 0;
    for (int p = oldest; p != next; p++) {
      int entry = p & mask;
      System.arraycopy(arena, offsets[entry], grown, at, lengths[entry]);
      offsets[entry] = at;
      at += lengths[entry];
    }
    arena = grown;
    head = at;
  }

  /** Doubles the index; each kept entry moves to the position its number now maps to. */
  private void growIndex() {
    int[] oldOffsets = offsets;
    int[] oldLengths = lengths;
    int[] oldSeqs = seqs;
    long[] oldStored = storedMillis;
    int oldMask = mask;
    allocateIndex(oldOffsets.length * 2);
    for (int p = oldest; p != next; p++) {
      int from = p & oldMask;
      int to = p & mask;
      offsets[to] = oldOffsets[from];
      lengths[to] = oldLengths[from];
      seqs[to] = oldSeqs[from];
      storedMillis[to] = oldStored[from];
      entryOfSeq[oldSeqs[from] & mask] = p;
    }
  }

  /**
   * Copies the kept packet with this sequence number into {@code out} at 0.
   *
   * @return its length, or -1 if it is not kept (never stored, overwritten or too old)
   */
  public int copy(int sequenceNumber, byte[] out, long nowMillis) {
    int position = entryOfSeq[sequenceNumber & mask];
    if (position - oldest < 0 || next - position <= 0) {
      return -1;
    }
    int entry = position & mask;
    if (seqs[entry] != sequenceNumber || nowMillis - storedMillis[entry] > maxAgeMillis) {
      return -1;
    }
    System.arraycopy(arena, offsets[entry], out, 0, lengths[entry]);
    return lengths[entry];
  }

  /** Packets the index has room for now (grows with the packet rate, never past its maximum). */
  public int capacity() {
    return offsets.length;
  }

  /** Bytes of the arena that holds the packets' copies (not the index), for tests and metrics. */
  public long retainedBytes() {
    return arena.length;
  }
}
