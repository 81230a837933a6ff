package dev.vertxsfu.wire.rtp;

/**
 * Big-endian ("network byte order", RFC 791 Appendix B) reads and writes of 8, 16, 24 and 32-bit
 * unsigned fields. Callers check bounds before calling; these are the inner loop of every view.
 */
final class NetworkBytes {
  private NetworkBytes() {}

  static int u8(byte[] b, int at) {
    return b[at] & 0xff;
  }

  static int u16(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
  }

  static int u24(byte[] b, int at) {
    return (b[at] & 0xff) << 16 | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff);
  }

  static long u32(byte[] b, int at) {
    return ((long) (b[at] & 0xff) << 24) | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8
        | (b[at + 3] & 0xff);
  }

  static void put16(byte[] b, int at, int value) {
    b[at] = (byte) (value >>> 8);
    b[at + 1] = (byte) value;
  }

  static void put24(byte[] b, int at, int value) {
    b[at] = (byte) (value >>> 16);
    b[at + 1] = (byte) (value >>> 8);
    b[at + 2] = (byte) value;
  }

  static void put32(byte[] b, int at, long value) {
    b[at] = (byte) (value >>> 24);
    b[at + 1] = (byte) (value >>> 16);
    b[at + 2] = (byte) (value >>> 8);
    b[at + 3] = (byte) value;
  }
}
