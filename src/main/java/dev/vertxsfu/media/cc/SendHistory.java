package dev.vertxsfu.media.cc;

/**
 * What was sent toward one subscriber, by transport-wide sequence number
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2): the send time, size and probe cluster
 * of each of the last {@value #CAPACITY} packets, so that feedback naming a packet can be turned
 * into (send time, receive time, size).
 *
 * <p>Owned by a {@link SendSideBandwidthEstimator}, on the room's event loop. A bounded ring:
 * packets older than {@value #CAPACITY} sends are forgotten, and feedback about them is ignored.
 * Sequence numbers are assigned here, 16 bits on the wire, unwrapped to 64 bits inside, so
 * feedback is matched against the newest packet that carried the number.
 */
public final class SendHistory {
  /** Packets remembered; 2^13 is ~6 s at 1,300 packets/s (about 12 Mbit/s of 1,200 bytes). */
  public static final int CAPACITY = 1 << 13;
  /** What {@link #sendTimeUs} returns for a packet not (or no longer) known. */
  public static final long UNKNOWN = Long.MIN_VALUE;
  /** Cluster of a packet that is not part of a probe. */
  public static final int NO_PROBE = -1;

  private static final int MASK = CAPACITY - 1;

  private final long[] sequence = new long[CAPACITY];
  private final long[] sendTimeUs = new long[CAPACITY];
  private final int[] size = new int[CAPACITY];
  private final int[] probeCluster = new int[CAPACITY];
  private final boolean[] reported = new boolean[CAPACITY];
  /** Unwrapped sequence number the next packet gets. */
  private long next;

  public SendHistory() {
    java.util.Arrays.fill(sequence, -1);
  }

  /**
   * Records a packet about to be sent and returns the transport-wide sequence number (0..65535)
   * to stamp on it.
   */
  public int onPacketSent(int sizeBytes, long nowUs, int cluster) {
    long seq = next++;
    int slot = (int) (seq & MASK);
    sequence[slot] = seq;
    sendTimeUs[slot] = nowUs;
    size[slot] = sizeBytes;
    probeCluster[slot] = cluster;
    reported[slot] = false;
    return (int) (seq & 0xFFFF);
  }

  /**
   * The unwrapped sequence number of the newest sent packet that carried {@code wireSeq}, or -1
   * if none that is still remembered did.
   */
  public long unwrap(int wireSeq) {
    if (next == 0) {
      return -1;
    }
    long newest = next - 1;
    long back = (newest - wireSeq) & 0xFFFF;
    long seq = newest - back;
    if (seq < 0 || seq < next - CAPACITY) {
      return -1;
    }
    return sequence[(int) (seq & MASK)] == seq ? seq : -1;
  }

  public long sendTimeUs(long seq) {
    return known(seq) ? sendTimeUs[(int) (seq & MASK)] : UNKNOWN;
  }

  public int size(long seq) {
    return known(seq) ? size[(int) (seq & MASK)] : 0;
  }

  public int probeCluster(long seq) {
    return known(seq) ? probeCluster[(int) (seq & MASK)] : NO_PROBE;
  }

  /**
   * Marks a packet as reported by feedback; true the first time, false when a feedback already
   * reported it as received (feedback repeats packets, libwebrtc resends lost ones' status).
   */
  public boolean markReported(long seq) {
    if (!known(seq)) {
      return false;
    }
    int slot = (int) (seq & MASK);
    boolean first = !reported[slot];
    reported[slot] = true;
    return first;
  }

  /** Packets sent so far. */
  public long sent() {
    return next;
  }

  private boolean known(long seq) {
    return seq >= 0 && seq < next && seq >= next - CAPACITY
        && sequence[(int) (seq & MASK)] == seq;
  }
}
