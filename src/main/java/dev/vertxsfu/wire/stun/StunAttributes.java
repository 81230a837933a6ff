package dev.vertxsfu.wire.stun;

import java.util.Arrays;

/**
 * The attributes of the message a {@link StunMessage} wraps, in wire order: a list of where
 * each starts, so that any attribute, known or unknown, can be read or copied unchanged.
 *
 * <p>Which attributes are listed is decided by {@link StunMessage#wrap}: all of them up to
 * MESSAGE-INTEGRITY, then only MESSAGE-INTEGRITY-SHA256 and FINGERPRINT (RFC 8489 §14.5).
 * Owned by its message and re-filled by each {@code wrap}; its index array grows only for a
 * message with more than 16 attributes. Offsets are indexes into the wrapped array.
 */
public final class StunAttributes {
  private byte[] buf;
  private int[] starts = new int[16];
  private int count;

  StunAttributes() {}

  void clear() {
    buf = null;
    count = 0;
  }

  void add(byte[] buf, int at) {
    this.buf = buf;
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, starts.length * 2);
    }
    starts[count++] = at;
  }

  /** How many attributes are listed. */
  public int count() {
    return count;
  }

  /** The type of the {@code i}th attribute. */
  public int type(int i) {
    return BigEndian.u16(buf, start(i));
  }

  /** Index in the wrapped array of the {@code i}th attribute's value. */
  public int valueOffset(int i) {
    return start(i) + 4;
  }

  /** Length of the {@code i}th attribute's value, without padding. */
  public int valueLength(int i) {
    return BigEndian.u16(buf, start(i) + 2);
  }

  /** A copy of the {@code i}th attribute's value. */
  public byte[] value(int i) {
    int value = valueOffset(i);
    return Arrays.copyOfRange(buf, value, value + valueLength(i));
  }

  /** The index of the first attribute of {@code type}, or -1. */
  public int indexOf(int type) {
    for (int i = 0; i < count; i++) {
      if (type(i) == type) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The first comprehension-required type not named in {@link StunAttributeType}, or -1: a
   * server answers such a request with 420 (Unknown Attribute) and UNKNOWN-ATTRIBUTES.
   */
  public int firstUnknownComprehensionRequired() {
    for (int i = 0; i < count; i++) {
      int type = type(i);
      if (StunAttributeType.isComprehensionRequired(type) && !StunAttributeType.isKnown(type)) {
        return type;
      }
    }
    return -1;
  }

  private int start(int i) {
    if (i < 0 || i >= count) {
      throw new IndexOutOfBoundsException("attribute " + i + " of " + count);
    }
    return starts[i];
  }

  /** For logs: "USERNAME[9], PRIORITY[4], 0xc057[4]". */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : ", ").append(StunAttributeType.describe(type(i)))
          .append('[').append(valueLength(i)).append(']');
    }
    return text.toString();
  }
}
