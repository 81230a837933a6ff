package dev.vertxsfu.wire.stun;

/** Network byte order reads and writes; callers have checked the bounds. */
final class BigEndian {
  private BigEndian() {}

  static int u16(byte[] buf, int at) {
    return (buf[at] & 0xFF) << 8 | buf[at + 1] & 0xFF;
  }

  static int i32(byte[] buf, int at) {
    return (buf[at] & 0xFF) << 24 | (buf[at + 1] & 0xFF) << 16
        | (buf[at + 2] & 0xFF) << 8 | buf[at + 3] & 0xFF;
  }

  static long i64(byte[] buf, int at) {
    return (long) i32(buf, at) << 32 | i32(buf, at + 4) & 0xFFFF_FFFFL;
  }

  static void put16(byte[] buf, int at, int value) {
    buf[at] = (byte) (value >>> 8);
    buf[at + 1] = (byte) value;
  }

  static void put32(byte[] buf, int at, int value) {
    buf[at] = (byte) (value >>> 24);
    buf[at + 1] = (byte) (value >>> 16);
    buf[at + 2] = (byte) (value >>> 8);
    buf[at + 3] = (byte) value;
  }

  static void put64(byte[] buf, int at, long value) {
    put32(buf, at, (int) (value >>> 32));
    put32(buf, at + 4, (int) value);
  }
}
