package dev.vertxsfu.wire.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One SDES item (RFC 3550 §6.5): a type octet, a length octet and up to 255 octets of text,
 * UTF-8 encoded (§6.5). CNAME, the one the SFU needs, looks like this (§6.5.1):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    CNAME=1    |     length    | user and domain name        ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Unknown item types are kept with their bytes. PRIV (§6.5.8) keeps its prefix inside the
 * value, as on the wire. The value is stored as bytes so that any item, valid UTF-8 or not,
 * serializes back unchanged.
 *
 * @param type the item type, 1..255 (0 is END, which ends a chunk and is never an item)
 * @param value the item's octets, at most 255
 */
public record SdesItem(int type, byte[] value) {
  /** END: the null octet that ends a chunk's item list. */
  public static final int END = 0;
  /** Canonical end-point identifier (§6.5.1). */
  public static final int CNAME = 1;
  public static final int NAME = 2;
  public static final int EMAIL = 3;
  public static final int PHONE = 4;
  public static final int LOC = 5;
  public static final int TOOL = 6;
  public static final int NOTE = 7;
  public static final int PRIV = 8;
  /** The most octets an item's length octet can count. */
  public static final int MAX_LENGTH = 255;

  public SdesItem {
    Bytes.checkRange(type, 1, 255, "SDES item type");
    if (value.length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "SDES item of " + value.length + " bytes, more than 255");
    }
    value = value.clone();
  }

  /** An item whose text is {@code text} in UTF-8. */
  public static SdesItem of(int type, String text) {
    return new SdesItem(type, text.getBytes(StandardCharsets.UTF_8));
  }

  /** A CNAME item. */
  public static SdesItem cname(String cname) {
    return of(CNAME, cname);
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  /** The value decoded as UTF-8 (malformed sequences become U+FFFD). */
  public String text() {
    return new String(value, StandardCharsets.UTF_8);
  }

  /** Octets on the wire: type, length, value. */
  int serializedLength() {
    return 2 + value.length;
  }

  int write(byte[] buf, int at) {
    buf[at] = (byte) type;
    buf[at + 1] = (byte) value.length;
    System.arraycopy(value, 0, buf, at + 2, value.length);
    return at + 2 + value.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SdesItem item && type == item.type
        && Arrays.equals(value, item.value);
  }

  @Override
  public int hashCode() {
    return 31 * type + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "SdesItem[type=" + type + ", " + text() + "]";
  }
}
