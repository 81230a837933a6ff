package dev.vertxsfu.media.rtp;

import java.util.Arrays;

/**
 * Finds the packets of one received stream that did not arrive and decides when to ask for
 * them again (generic NACK, RFC 4585 §6.2.1), as mediasoup's {@code NackGenerator} does.
 *
 * <p>Each gap in the extended sequence numbers becomes a missing entry; a late or repaired
 * packet removes it. {@link #due} returns the entries to NACK now: each is asked for at most
 * {@link #MAX_RETRIES} times, no more often than every {@code retryMillis}, and forgotten
 * after {@link #MAX_AGE_MILLIS}. A gap wider than {@link #MAX_MISSING} is not worth repairing:
 * the list is cleared and the owner should ask for a keyframe instead.
 *
 * <p>Owned by a {@code Producer} on the room's event loop; times are arguments. Its storage
 * starts at {@value #INITIAL_CAPACITY} entries and doubles when a gap needs more, up to
 * {@link #MAX_MISSING}: a stream on a clean path (or an audio stream, never NACKed) keeps
 * ~0.5 KB instead of 28 KB. It never shrinks, so a lossy stream soon allocates nothing more.
 */
public final class NackGenerator {
  public static final int MAX_MISSING = 1000;
  public static final int MAX_RETRIES = 10;
  public static final long MAX_AGE_MILLIS = 1000;
  /** Entries before the first gap that needs more. */
  static final int INITIAL_CAPACITY = 16;

  /** What {@link #onPacket} learned. */
  public enum Outcome { IN_ORDER, RECOVERED, GAP, KEYFRAME_NEEDED }

  private long[] seqs = new long[INITIAL_CAPACITY];
  private long[] firstMissingMillis = new long[INITIAL_CAPACITY];
  private long[] lastSentMillis = new long[INITIAL_CAPACITY];
  private int[] retries = new int[INITIAL_CAPACITY];
  private final long retryMillis;
  private int size;
  private long highest = -1;

  /** @param retryMillis the shortest time between two NACKs of one packet (about one RTT) */
  public NackGenerator(long retryMillis) {
    this.retryMillis = retryMillis;
  }

  /** An arrived packet, by extended sequence number. */
  public Outcome onPacket(long extendedSeq, long nowMillis) {
    if (highest < 0) {
      highest = extendedSeq;
      return Outcome.IN_ORDER;
    }
    if (extendedSeq <= highest) {
      return remove(extendedSeq) ? Outcome.RECOVERED : Outcome.IN_ORDER;
    }
    long gap = extendedSeq - highest - 1;
    highest = extendedSeq;
    if (gap == 0) {
      return Outcome.IN_ORDER;
    }
    if (gap + size > MAX_MISSING) {
      size = 0;
      return Outcome.KEYFRAME_NEEDED;
    }
    if (size + gap > seqs.length) {
      grow((int) (size + gap));
    }
    for (long seq = extendedSeq - gap; seq < extendedSeq; seq++) {
      seqs[size] = seq;
      firstMissingMillis[size] = nowMillis;
      lastSentMillis[size] = Long.MIN_VALUE;
      retries[size] = 0;
      size++;
    }
    return Outcome.GAP;
  }

  /**
   * Whether a retransmission of {@code sequenceNumber} (16-bit) repairs anything: the packet is
   * missing, or newer than any seen. A retransmission of a packet that arrived is a duplicate: a
   * libwebrtc sender that probes or pads sends copies of packets it sent before on its RTX stream
   * ("payload padding"), the same packet many times over, and forwarded they reached the
   * subscriber as repeats its SRTP replay check drops, each one a loss in its transport-wide
   * feedback. Changes nothing; {@link #onPacket} removes the entry when the packet is taken.
   */
  public boolean awaits(int sequenceNumber) {
    if (highest < 0) {
      return true;
    }
    long extended = highest + (short) (sequenceNumber - (int) (highest & 0xFFFF));
    if (extended > highest) {
      return true;
    }
    for (int i = 0; i < size; i++) {
      if (seqs[i] == extended) {
        return true;
      }
    }
    return false;
  }

  /**
   * The sequence numbers (16-bit) to NACK now, written into {@code out}; returns how many.
   * Each returned entry counts as asked for once more.
   */
  public int due(long nowMillis, int[] out) {
    int n = 0;
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (retries[i] >= MAX_RETRIES || nowMillis - firstMissingMillis[i] > MAX_AGE_MILLIS) {
        continue; // given up on
      }
      if (lastSentMillis[i] == Long.MIN_VALUE || nowMillis - lastSentMillis[i] >= retryMillis) {
        lastSentMillis[i] = nowMillis;
        retries[i]++;
        if (n < out.length) {
          out[n++] = (int) (seqs[i] & 0xFFFF);
        }
      }
      move(i, kept++);
    }
    size = kept;
    return n;
  }

  /** How many packets are missing and still worth asking for. */
  public int missing() {
    return size;
  }

  /** Forgets every gap (after a keyframe makes them moot). */
  public void clear() {
    size = 0;
  }

  /** Storage for at least {@code needed} entries (at most {@link #MAX_MISSING}). */
  private void grow(int needed) {
    int capacity = seqs.length;
    while (capacity < needed) {
      capacity = Math.min(MAX_MISSING, capacity * 2);
    }
    seqs = Arrays.copyOf(seqs, capacity);
    firstMissingMillis = Arrays.copyOf(firstMissingMillis, capacity);
    lastSentMillis = Arrays.copyOf(lastSentMillis, capacity);
    retries = Arrays.copyOf(retries, capacity);
  }

  /** Entries the storage holds now, for tests. */
  int capacity() {
    return seqs.length;
  }

  private boolean remove(long extendedSeq) {
    for (int i = 0; i < size; i++) {
      if (seqs[i] == extendedSeq) {
        for (int j = i + 1; j < size; j++) {
          move(j, j - 1);
        }
        size--;
        return true;
      }
    }
    return false;
  }

  private void move(int from, int to) {
    if (from != to) {
      seqs[to] = seqs[from];
      firstMissingMillis[to] = firstMissingMillis[from];
      lastSentMillis[to] = lastSentMillis[from];
      retries[to] = retries[from];
    }
  }

  @Override
  public String toString() {
    return "NackGenerator" + Arrays.toString(Arrays.copyOf(seqs, size));
  }
}
