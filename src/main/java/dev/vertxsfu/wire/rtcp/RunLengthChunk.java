package dev.vertxsfu.wire.rtcp;

/**
 * Run length chunk (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.3): one packet status
 * symbol repeated for up to 8191 packets.
 *
 * <pre>
 *  0                   1
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |T| S |       Run Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>T = 0; S is the symbol; Run Length is a 13-bit unsigned integer.
 */
final class RunLengthChunk {
  /** The longest run one chunk holds. */
  static final int MAX_RUN_LENGTH = 0x1FFF;

  private RunLengthChunk() {}

  static int symbol(int chunk) {
    return chunk >>> 13 & 0x3;
  }

  static int runLength(int chunk) {
    return chunk & MAX_RUN_LENGTH;
  }

  static int encode(int symbol, int runLength) {
    return symbol << 13 | runLength;
  }
}
