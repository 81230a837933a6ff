package dev.vertxsfu.wire.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The MAPPED-ADDRESS attribute (RFC 8489 §14.1): a transport address in the clear, kept for
 * RFC 3489 clients. ICE uses {@link XorMappedAddress} instead; this one is decoded so that an
 * old server's answer can be read.
 *
 * <pre>
 *      0                   1                   2                   3
 *      0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |0 0 0 0 0 0 0 0|    Family     |           Port                |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |                                                               |
 *     |                 Address (32 bits or 128 bits)                 |
 *     |                                                               |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Used by {@link StunMessage} (checking and decoding) and {@link StunMessageBuilder}
 * (writing). The value is 8 bytes for IPv4 and 20 for IPv6.
 */
final class MappedAddress {
  private MappedAddress() {}

  /** Family 0x01: IPv4, a 32-bit address. */
  static final int FAMILY_IPV4 = 0x01;
  /** Family 0x02: IPv6, a 128-bit address. */
  static final int FAMILY_IPV6 = 0x02;

  /** Refuses a value whose family is unknown or whose length does not fit the family. */
  static void check(byte[] buf, int value, int length, int attributeAt, int messageAt) {
    if (length < 4) {
      throw new StunFormatException(String.format(
          "%s at offset %d: value of %d bytes is shorter than the 4-byte family and port",
          StunAttributeType.describe(BigEndian.u16(buf, attributeAt)), attributeAt - messageAt,
          length));
    }
    int family = buf[value + 1] & 0xFF;
    int expected = switch (family) {
      case FAMILY_IPV4 -> 8;
      case FAMILY_IPV6 -> 20;
      default -> throw new StunFormatException(String.format(
          "%s at offset %d: unknown address family 0x%02x",
          StunAttributeType.describe(BigEndian.u16(buf, attributeAt)), attributeAt - messageAt,
          family));
    };
    if (length != expected) {
      throw new StunFormatException(String.format(
          "%s at offset %d: %s value of %d bytes, expected %d",
          StunAttributeType.describe(BigEndian.u16(buf, attributeAt)), attributeAt - messageAt,
          family == FAMILY_IPV4 ? "IPv4" : "IPv6", length, expected));
    }
  }

  /**
   * The address of a checked value. With {@code masked}, each address byte is XORed with the
   * byte of {@code buf} at {@code maskAt + i} and the port with {@code portMask}.
   */
  static InetSocketAddress decode(byte[] buf, int value, int length, int portMask,
      boolean masked, int maskAt) {
    byte[] address = new byte[length - 4];
    for (int i = 0; i < address.length; i++) {
      address[i] = (byte) (buf[value + 4 + i] ^ (masked ? buf[maskAt + i] : 0));
    }
    int port = BigEndian.u16(buf, value + 2) ^ portMask;
    try {
      return new InetSocketAddress(InetAddress.getByAddress(address), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a checked address has 4 or 16 bytes", e);
    }
  }

  /** The value length for an address of {@code addressLength} bytes (4 or 16). */
  static int valueLength(int addressLength) {
    if (addressLength != 4 && addressLength != 16) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes, got "
          + addressLength);
    }
    return 4 + addressLength;
  }

  /**
   * Writes family, port and address at {@code value}. With {@code masked}, each address byte
   * is XORed with the byte of {@code dst} at {@code maskAt + i} and the port with
   * {@code portMask}.
   */
  static void encode(byte[] dst, int value, byte[] address, int port, int portMask,
      boolean masked, int maskAt) {
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    dst[value] = 0;
    dst[value + 1] = (byte) (address.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6);
    BigEndian.put16(dst, value + 2, port ^ portMask);
    for (int i = 0; i < address.length; i++) {
      dst[value + 4 + i] = (byte) (address[i] ^ (masked ? dst[maskAt + i] : 0));
    }
  }
}
