package dev.vertxsfu.wire.srtp;

/**
 * The replay list of RFC 3711 §3.3.2: remembers which of the most recent {@code size} packet
 * indices were received (and authenticated), so a copy of an earlier packet is dropped before any
 * cryptography runs.
 *
 * <pre>
 *   index:   ... top-size | top-size+1 ... top-1 | top | top+1 ...
 *            TOO_OLD      | REPLAYED if bit set  |     | fresh
 * </pre>
 *
 * <p>A bitmap of 64-bit words used as a ring, in the manner of RFC 6479: moving the top into a new
 * word clears that whole word, so sliding costs one store per 64 indices and never a loop over
 * bits. The ring has at least one word more than the window so a word is never shared between
 * the oldest and the newest index. Owned by one {@link SrtpContext} or {@link SrtcpContext}; the
 * caller checks first, authenticates, and only then {@link #accept accepts}, so a forged packet
 * never moves the window.
 */
final class ReplayWindow {
  /** libwebrtc keeps 1024 for video; 64 is RFC 3711's minimum. */
  static final int SRTP_WINDOW = 1024;
  static final int SRTCP_WINDOW = 1024;

  private final int size;
  private final long[] words;
  private final int wordMask;
  private long top = -1;

  ReplayWindow(int size) {
    int needed = Math.max(1, (size + 63) / 64) + 1;
    int count = Integer.highestOneBit(needed - 1) << 1;
    this.size = size;
    this.words = new long[count];
    this.wordMask = count - 1;
  }

  /** The highest accepted index, or -1 before the first. */
  long highest() {
    return top;
  }

  /** 0 if {@code index} may be accepted, else {@link SrtpStatus#REPLAYED} or {@code TOO_OLD}. */
  int check(long index) {
    if (index > top) {
      return 0;
    }
    if (top - index >= size) {
      return SrtpStatus.TOO_OLD;
    }
    long bit = 1L << (index & 63);
    return (words[(int) (index >>> 6) & wordMask] & bit) != 0 ? SrtpStatus.REPLAYED : 0;
  }

  /** Records {@code index} as received; call only after {@link #check} gave 0 and it verified. */
  void accept(long index) {
    if (index > top) {
      long oldWord = top < 0 ? -1 : top >>> 6;
      long newWord = index >>> 6;
      if (top < 0 || newWord - oldWord > wordMask) {
        java.util.Arrays.fill(words, 0L);
      } else {
        for (long w = oldWord + 1; w <= newWord; w++) {
          words[(int) w & wordMask] = 0L;
        }
      }
      top = index;
    }
    words[(int) (index >>> 6) & wordMask] |= 1L << (index & 63);
  }
}
