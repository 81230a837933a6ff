package dev.vertxsfu.wire.rtp;

/**
 * Comparison of RTP sequence numbers (16 bits) and timestamps (32 bits) that wrap around: serial
 * number arithmetic (RFC 1982) as RFC 3550 Appendix A.1 applies it. {@code a} is newer than
 * {@code b} when it lies less than half the number space ahead of it, modulo the space.
 *
 * <p>Exactly half the space apart, neither reading is better; to keep "newer" a strict order
 * (exactly one of {@code isNewer(a, b)} and {@code isNewer(b, a)} holds for {@code a != b}) the
 * larger raw value counts as newer, as libwebrtc does.
 *
 * <p>Arguments are taken modulo the space (low 16 or 32 bits); pure functions, no state.
 */
public final class SerialNumbers {
  private SerialNumbers() {}

  /** True when sequence number {@code a} comes after {@code b}. */
  public static boolean isNewerSequenceNumber(int a, int b) {
    int diff = (a - b) & 0xffff;
    return diff == 0x8000 ? (a & 0xffff) > (b & 0xffff) : diff != 0 && diff < 0x8000;
  }

  /**
   * Signed steps from sequence number {@code from} to {@code to}, in -32768 to 32767:
   * {@code sequenceNumberDistance(0xFFFF, 0) == 1}.
   */
  public static int sequenceNumberDistance(int from, int to) {
    return (short) (to - from);
  }

  /** True when timestamp {@code a} comes after {@code b}. */
  public static boolean isNewerTimestamp(long a, long b) {
    long diff = (a - b) & 0xffff_ffffL;
    return diff == 0x8000_0000L
        ? (a & 0xffff_ffffL) > (b & 0xffff_ffffL) : diff != 0 && diff < 0x8000_0000L;
  }

  /**
   * Signed ticks from timestamp {@code from} to {@code to}, in -2^31 to 2^31-1:
   * {@code timestampDistance(0xFFFFFFFFL, 0) == 1}.
   */
  public static int timestampDistance(long from, long to) {
    return (int) (to - from);
  }
}
