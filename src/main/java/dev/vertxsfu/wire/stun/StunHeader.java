package dev.vertxsfu.wire.stun;

/**
 * The 20-byte STUN message header (RFC 8489 §5, Figure 2, drawn in {@link StunMessage}),
 * checked before {@code StunMessage} walks the attributes.
 *
 * <p>The two top bits are zero (which, with the first-byte ranges of RFC 7983, keeps STUN
 * apart from DTLS and RTP), the magic cookie is 0x2112A442 (a message without it is RFC
 * 3489's and is refused), and the Message Length counts the bytes after the header, always a
 * multiple of 4 because every attribute is padded to 4. Over UDP one datagram holds exactly
 * one message, so the length must match the datagram.
 */
final class StunHeader {
  private StunHeader() {}

  /** Refuses a header that does not begin a message of exactly {@code len} bytes. */
  static void check(byte[] buf, int off, int len) {
    if (len < StunMessage.HEADER_LENGTH) {
      throw new StunFormatException(String.format(
          "%d bytes, shorter than the %d-byte STUN header", len, StunMessage.HEADER_LENGTH));
    }
    if ((buf[off] & 0xC0) != 0) {
      throw new StunFormatException(String.format(
          "first byte 0x%02x at offset 0: the two most significant bits must be zero",
          buf[off] & 0xFF));
    }
    int cookie = BigEndian.i32(buf, off + 4);
    if (cookie != StunMessage.MAGIC_COOKIE) {
      throw new StunFormatException(String.format(
          "magic cookie 0x%08x at offset 4 is not 0x%08x", cookie, StunMessage.MAGIC_COOKIE));
    }
    int messageLength = BigEndian.u16(buf, off + 2);
    if ((messageLength & 3) != 0) {
      throw new StunFormatException(String.format(
          "message length %d at offset 2 is not a multiple of 4", messageLength));
    }
    if (messageLength != len - StunMessage.HEADER_LENGTH) {
      throw new StunFormatException(String.format(
          "message length %d at offset 2 does not match the %d bytes after the header",
          messageLength, len - StunMessage.HEADER_LENGTH));
    }
  }
}
