package dev.vertxsfu.media.cc;

/**
 * What was sent toward one subscriber, by transport-wide sequence number
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2): the send time, size and probe cluster
 * of each recent packet, so that feedback naming a packet can be turned into (send time, receive
 * time, size).
 *
 * <p>Owned by a {@link SendSideBandwidthEstimator}, on the room's event loop. A bounded ring sized
 * by time: it starts at {@value #INITIAL_CAPACITY} packets and doubles, up to {@value #CAPACITY},
 * whenever a send would overwrite a packet sent less than {@value #HORIZON_US} µs ago (feedback
 * comes every 50-100 ms, so two seconds is ample). A subscriber of one camera (~150 packets/s)
 * keeps 512 packets, ~12 KB, where a fixed ring of {@value #CAPACITY} held 200 KB. Packets the
 * ring no longer holds are forgotten, and feedback about them is ignored. Sequence numbers are
 * assigned here, 16 bits on the wire, unwrapped to 64 bits inside, so feedback is matched against
 * the newest packet that carried the number.
 */
public final class SendHistory {
  /** Most packets remembered; 2^13 is ~6 s at 1,300 packets/s (about 12 Mbit/s of 1,200 bytes). */
  public static final int CAPACITY = 1 << 13;
  /** Packets remembered before the first growth. */
  public static final int INITIAL_CAPACITY = 256;
  /** The ring grows rather than forget a packet sent less than this long ago. */
  public static final long HORIZON_US = 2_000_000;
  /** What {@link #sendTimeUs} returns for a packet not (or no longer) known. */
  public static final long UNKNOWN = Long.MIN_VALUE;
  /** Cluster of a packet that is not part of a probe. */
  public static final int NO_PROBE = -1;

  private int mask;
  private long[] sequence;
  private long[] sendTimeUs;
  private int[] size;
  private int[] probeCluster;
  private boolean[] reported;
  /** Unwrapped sequence number the next packet gets. */
  private long next;

  public SendHistory() {
    allocate(INITIAL_CAPACITY);
  }

  private void allocate(int capacity) {
    mask = capacity - 1;
    sequence = new long[capacity];
    sendTimeUs = new long[capacity];
    size = new int[capacity];
    probeCluster = new int[capacity];
    reported = new boolean[capacity];
    java.util.Arrays.fill(sequence, -1);
  }

  /** Doubles the ring; each remembered packet moves to the slot its number now maps to. */
  private void grow() {
    long[] oldSequence = sequence;
    long[] oldSendTime = sendTimeUs;
    int[] oldSize = size;
    int[] oldCluster = probeCluster;
    boolean[] oldReported = reported;
    allocate(oldSequence.length * 2);
    for (int i = 0; i < oldSequence.length; i++) {
      long seq = oldSequence[i];
      if (seq < 0) {
        continue;
      }
      int slot = (int) (seq & mask);
      sequence[slot] = seq;
      sendTimeUs[slot] = oldSendTime[i];
      size[slot] = oldSize[i];
      probeCluster[slot] = oldCluster[i];
      reported[slot] = oldReported[i];
    }
  }

  /** Packets the ring holds now (grows with the send rate up to {@value #CAPACITY}). */
  public int capacity() {
    return sequence.length;
  }

  /**
   * Records a packet about to be sent and returns the transport-wide sequence number (0..65535)
   * to stamp on it.
   */
  public int onPacketSent(int sizeBytes, long nowUs, int cluster) {
    long seq = next++;
    int slot = (int) (seq & mask);
    while (sequence[slot] >= 0 && nowUs - sendTimeUs[slot] < HORIZON_US
        && sequence.length < CAPACITY) {
      grow();
      slot = (int) (seq & mask);
    }
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
    if (seq < 0 || seq < next - sequence.length) {
      return -1;
    }
    return sequence[(int) (seq & mask)] == seq ? seq : -1;
  }

  public long sendTimeUs(long seq) {
    return known(seq) ? sendTimeUs[(int) (seq & mask)] : UNKNOWN;
  }

  public int size(long seq) {
    return known(seq) ? size[(int) (seq & mask)] : 0;
  }

  public int probeCluster(long seq) {
    return known(seq) ? probeCluster[(int) (seq & mask)] : NO_PROBE;
  }

  /**
   * Marks a packet as reported by feedback; true the first time, false when a feedback already
   * reported it as received (feedback repeats packets, libwebrtc resends lost ones' status).
   */
  public boolean markReported(long seq) {
    if (!known(seq)) {
      return false;
    }
    int slot = (int) (seq & mask);
    boolean first = !reported[slot];
    reported[slot] = true;
    return first;
  }

  /** Packets sent so far. */
  public long sent() {
    return next;
  }

  private boolean known(long seq) {
    return seq >= 0 && seq < next && seq >= next - sequence.length
        && sequence[(int) (seq & mask)] == seq;
  }
}
