package dev.vertxsfu.wire.rtcp;

/**
 * Big-endian reads and writes of the unsigned and signed fields RTCP is made of. Callers check
 * the bounds first; these helpers only shift bits.
 */
final class Bytes {
  private Bytes() {}

  static int u8(byte[] buf, int at) {
    return buf[at] & 0xFF;
  }

  static int u16(byte[] buf, int at) {
    return (buf[at] & 0xFF) << 8 | (buf[at + 1] & 0xFF);
  }

  static int s16(byte[] buf, int at) {
    return (short) u16(buf, at);
  }

  static int u24(byte[] buf, int at) {
    return (buf[at] & 0xFF) << 16 | (buf[at + 1] & 0xFF) << 8 | (buf[at + 2] & 0xFF);
  }

  /** A 24-bit two's complement field, sign-extended. */
  static int s24(byte[] buf, int at) {
    return u24(buf, at) << 8 >> 8;
  }

  static long u32(byte[] buf, int at) {
    return ((long) u16(buf, at) << 16 | u16(buf, at + 2)) & 0xFFFF_FFFFL;
  }

  static long u64(byte[] buf, int at) {
    return u32(buf, at) << 32 | u32(buf, at + 4);
  }

  static void put8(byte[] buf, int at, int value) {
    buf[at] = (byte) value;
  }

  static void put16(byte[] buf, int at, int value) {
    buf[at] = (byte) (value >>> 8);
    buf[at + 1] = (byte) value;
  }

  static void put24(byte[] buf, int at, int value) {
    buf[at] = (byte) (value >>> 16);
    buf[at + 1] = (byte) (value >>> 8);
    buf[at + 2] = (byte) value;
  }

  static void put32(byte[] buf, int at, long value) {
    buf[at] = (byte) (value >>> 24);
    buf[at + 1] = (byte) (value >>> 16);
    buf[at + 2] = (byte) (value >>> 8);
    buf[at + 3] = (byte) value;
  }

  static void put64(byte[] buf, int at, long value) {
    put32(buf, at, value >>> 32);
    put32(buf, at + 4, value);
  }

  /** An SSRC or other unsigned 32-bit value given as a long must fit in 32 bits. */
  static long checkU32(long value, String name) {
    if ((value >>> 32) != 0) {
      throw new IllegalArgumentException(name + " " + value + " does not fit in 32 bits");
    }
    return value;
  }

  static int checkRange(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " " + value + " is outside [" + min + ", " + max + "]");
    }
    return value;
  }
}
