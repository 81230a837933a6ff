package dev.vertxsfu.wire.rtcp;

/**
 * Status vector chunk (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.4): a list of
 * symbols, 14 of one bit or 7 of two bits, first symbol in the most significant position.
 *
 * <pre>
 *  0                   1
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |T|S|       symbol list         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>T = 1. S = 0: 14 one-bit symbols, 0 "packet not received" and 1 "packet received, small
 * delta" (the draft's examples and libwebrtc read them so; its prose swaps the two). S = 1: 7
 * two-bit symbols (§3.1.1).
 */
final class StatusVectorChunk {
  static final int ONE_BIT_CAPACITY = 14;
  static final int TWO_BIT_CAPACITY = 7;

  private StatusVectorChunk() {}

  static boolean isTwoBit(int chunk) {
    return (chunk & 0x4000) != 0;
  }

  static int size(int chunk) {
    return isTwoBit(chunk) ? TWO_BIT_CAPACITY : ONE_BIT_CAPACITY;
  }

  static int symbol(int chunk, int index) {
    return isTwoBit(chunk)
        ? chunk >>> 2 * (TWO_BIT_CAPACITY - 1 - index) & 0x3
        : chunk >>> (ONE_BIT_CAPACITY - 1 - index) & 0x1;
  }

  /** One-bit vector of {@code symbols[from..from+n)}, each 0 or 1, n at most 14; rest 0. */
  static int encodeOneBit(byte[] symbols, int from, int n) {
    int chunk = 0x8000;
    for (int i = 0; i < n; i++) {
      chunk |= symbols[from + i] << (ONE_BIT_CAPACITY - 1 - i);
    }
    return chunk;
  }

  /** Two-bit vector of {@code symbols[from..from+n)}, n at most 7; rest "not received". */
  static int encodeTwoBit(byte[] symbols, int from, int n) {
    int chunk = 0xC000;
    for (int i = 0; i < n; i++) {
      chunk |= symbols[from + i] << 2 * (TWO_BIT_CAPACITY - 1 - i);
    }
    return chunk;
  }
}
