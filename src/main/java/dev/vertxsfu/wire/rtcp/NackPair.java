package dev.vertxsfu.wire.rtcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * One Generic NACK FCI entry (RFC 4585 §6.2.1): a lost packet and a bitmask of the 16 packets
 * after it.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            PID                |             BLP               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Bit i of BLP (least significant bit first) reports packet PID+i+1 lost; sequence numbers
 * wrap at 2^16. The media layer's NACK generator turns the lost sequence numbers it finds into
 * pairs with {@link #fromLost}, and its retransmitter expands received pairs with {@link
 * #forEachLost}.
 *
 * @param pid packet ID, the RTP sequence number of a lost packet, 0..65535
 * @param blp bitmask of following lost packets, 0..65535
 */
public record NackPair(int pid, int blp) {
  /** Octets of one entry. */
  public static final int LENGTH = 4;

  public NackPair {
    Bytes.checkRange(pid, 0, 0xFFFF, "PID");
    Bytes.checkRange(blp, 0, 0xFFFF, "BLP");
  }

  /** Calls {@code lost} with PID and then every sequence number BLP marks, in order. */
  public void forEachLost(IntConsumer lost) {
    forEachLost(pid, blp, lost);
  }

  static void forEachLost(int pid, int blp, IntConsumer lost) {
    lost.accept(pid);
    for (int bit = 0; bit < 16; bit++) {
      if ((blp & (1 << bit)) != 0) {
        lost.accept((pid + bit + 1) & 0xFFFF);
      }
    }
  }

  /** How many packets this pair reports lost: 1 plus the bits set in BLP. */
  public int lostCount() {
    return 1 + Integer.bitCount(blp);
  }

  /**
   * The fewest pairs that report exactly {@code lostSequenceNumbers} (in any order, duplicates
   * ignored, each taken modulo 2^16). They are ordered as RTP orders them across the wrap: the
   * numbers are read as a circle cut at its widest gap, so {65534, 65535, 0, 1} starts at 65534.
   */
  public static List<NackPair> fromLost(int... lostSequenceNumbers) {
    int[] sorted = new int[lostSequenceNumbers.length];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = lostSequenceNumbers[i] & 0xFFFF;
    }
    Arrays.sort(sorted);
    int n = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (n == 0 || sorted[i] != sorted[n - 1]) {
        sorted[n++] = sorted[i];
      }
    }
    List<NackPair> pairs = new ArrayList<>();
    if (n == 0) {
      return pairs;
    }
    int start = startAfterWidestGap(sorted, n);
    int pid = sorted[start];
    int blp = 0;
    for (int k = 1; k < n; k++) {
      int seq = sorted[(start + k) % n];
      int distance = (seq - pid) & 0xFFFF;
      if (distance <= 16) {
        blp |= 1 << (distance - 1);
      } else {
        pairs.add(new NackPair(pid, blp));
        pid = seq;
        blp = 0;
      }
    }
    pairs.add(new NackPair(pid, blp));
    return pairs;
  }

  /** Index in {@code sorted[0..n)} of the number that follows the widest circular gap. */
  private static int startAfterWidestGap(int[] sorted, int n) {
    int start = 0;
    int widest = sorted[0] + 0x10000 - sorted[n - 1];
    for (int i = 1; i < n; i++) {
      int gap = sorted[i] - sorted[i - 1];
      if (gap > widest) {
        widest = gap;
        start = i;
      }
    }
    return start;
  }
}
