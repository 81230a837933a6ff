package dev.vertxsfu.wire.stun;

/**
 * The UNKNOWN-ATTRIBUTES attribute (RFC 8489 §14.13): in a 420 error response, the
 * comprehension-required attribute types the server did not understand, 16 bits each.
 *
 * <pre>
 *      0                   1                   2                   3
 *      0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |      Attribute 1 Type           |     Attribute 2 Type        |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |      Attribute 3 Type           |     Attribute 4 Type    ...
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Used by {@link StunMessage} and {@link StunMessageBuilder}.
 */
final class UnknownAttributes {
  private UnknownAttributes() {}

  /** Refuses a value of an odd length, which cannot be a list of 16-bit types. */
  static void check(int length, int attributeAt, int messageAt) {
    if ((length & 1) != 0) {
      throw new StunFormatException(String.format(
          "UNKNOWN-ATTRIBUTES at offset %d: odd length %d, not a list of 16-bit types",
          attributeAt - messageAt, length));
    }
  }

  /** The types listed in a checked value. */
  static int[] decode(byte[] buf, int value, int length) {
    int[] types = new int[length / 2];
    for (int i = 0; i < types.length; i++) {
      types[i] = BigEndian.u16(buf, value + 2 * i);
    }
    return types;
  }

  /** Writes {@code types} at {@code value}. */
  static void encode(byte[] dst, int value, int[] types) {
    for (int i = 0; i < types.length; i++) {
      if (types[i] < 0 || types[i] > 0xFFFF) {
        throw new IllegalArgumentException("an attribute type has 16 bits, got " + types[i]);
      }
      BigEndian.put16(dst, value + 2 * i, types[i]);
    }
  }
}
