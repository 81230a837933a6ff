package dev.vertxsfu.wire.stun;

import java.net.InetSocketAddress;

/**
 * The XOR-MAPPED-ADDRESS attribute (RFC 8489 §14.2): the address a request came from, as the
 * server saw it, obfuscated so that NATs that rewrite addresses in payloads leave it alone.
 * The ICE-lite server puts the sender's address in every Binding success response.
 *
 * <pre>
 *      0                   1                   2                   3
 *      0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |0 0 0 0 0 0 0 0|    Family     |         X-Port                |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |                X-Address (Variable)
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>X-Port is the port XOR the magic cookie's top 16 bits. X-Address is, for IPv4, the
 * address XOR the magic cookie; for IPv6, the address XOR the magic cookie followed by the
 * 96-bit transaction id. That is, the mask is always the 16 bytes at offset 4 of the message.
 * Family and lengths are those of {@link MappedAddress}.
 */
final class XorMappedAddress {
  private XorMappedAddress() {}

  /** The port mask, the magic cookie's most significant 16 bits. */
  static final int PORT_MASK = StunMessage.MAGIC_COOKIE >>> 16;

  /** Decodes a checked value of the message whose header starts at {@code messageAt}. */
  static InetSocketAddress decode(byte[] buf, int value, int length, int messageAt) {
    return MappedAddress.decode(buf, value, length, PORT_MASK, true, messageAt + 4);
  }

  /** Writes the value at {@code value} of the message being built in {@code dst} at 0. */
  static void encode(byte[] dst, int value, byte[] address, int port) {
    MappedAddress.encode(dst, value, address, port, PORT_MASK, true, 4);
  }
}
