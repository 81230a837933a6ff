package dev.vertxsfu.wire.rtcp;

/**
 * The first 32-bit word every RTCP packet starts with (RFC 3550 §6.4.1, the "header" row of each
 * packet diagram; RFC 4585 §6.1 calls the count field FMT in feedback messages):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  RC/FMT |      PT       |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>length is the packet's length in 32-bit words minus one, header and padding included. With
 * P set, the last octet of the packet counts the padding octets, itself included (RFC 3550
 * §6.4.1).
 *
 * <p>Holds the RFC's packet type numbers for everyone; the checks are for this package's parsers,
 * which own every byte-level decision about headers.
 */
public final class RtcpHeader {
  /** RTP/RTCP version, the only one there is (RFC 3550 §6.4.1). */
  public static final int VERSION = 2;
  /** Octets of the common header. */
  public static final int HEADER_LENGTH = 4;
  /** The largest value of the 5-bit RC / SC / FMT / subtype field. */
  public static final int MAX_COUNT = 31;
  /** The largest packet the 16-bit length field can describe. */
  public static final int MAX_PACKET_LENGTH = (0xFFFF + 1) * 4;

  /** Sender report (RFC 3550 §6.4.1). */
  public static final int SR = 200;
  /** Receiver report (RFC 3550 §6.4.2). */
  public static final int RR = 201;
  /** Source description (RFC 3550 §6.5). */
  public static final int SDES = 202;
  /** Goodbye (RFC 3550 §6.6). */
  public static final int BYE = 203;
  /** Application-defined (RFC 3550 §6.7). */
  public static final int APP = 204;
  /** Transport layer feedback (RFC 4585 §6.2). */
  public static final int RTPFB = 205;
  /** Payload-specific feedback (RFC 4585 §6.3). */
  public static final int PSFB = 206;
  /** Extended report (RFC 3611); kept as a {@link RawPacket}. */
  public static final int XR = 207;

  private RtcpHeader() {}

  /**
   * Checks that {@code [off, off + len)} lies inside {@code buf}; the first thing every entry
   * point does, so no later read can leave the array.
   */
  static void checkBounds(byte[] buf, int off, int len) {
    if (buf == null) {
      throw new RtcpFormatException("no buffer");
    }
    if (off < 0 || len < 0 || off > buf.length - len) {
      throw RtcpFormatException.of("offset %d and length %d lie outside a buffer of %d bytes",
          off, len, buf.length);
    }
  }

  /**
   * Checks the header of exactly one packet occupying {@code [off, off + len)}: version 2, the
   * length field equal to {@code len}, the packet type (unless {@code packetType} is -1), a sane
   * padding count.
   *
   * @return the end of the packet's content, that is {@code off + len} minus the padding
   */
  static int checkPacket(byte[] buf, int off, int len, int packetType, String name) {
    checkBounds(buf, off, len);
    if (len < HEADER_LENGTH) {
      throw RtcpFormatException.of("%s at offset %d: %d bytes, shorter than the %d-byte header",
          name, off, len, HEADER_LENGTH);
    }
    int version = Bytes.u8(buf, off) >>> 6;
    if (version != VERSION) {
      throw RtcpFormatException.of("%s at offset %d: version %d, expected 2", name, off, version);
    }
    int type = Bytes.u8(buf, off + 1);
    if (packetType >= 0 && type != packetType) {
      throw RtcpFormatException.of("%s at offset %d: packet type %d, expected %d",
          name, off, type, packetType);
    }
    int declared = (Bytes.u16(buf, off + 2) + 1) * 4;
    if (declared != len) {
      throw RtcpFormatException.of("%s at offset %d: length field says %d bytes but %d are given",
          name, off, declared, len);
    }
    return off + len - paddingLength(buf, off, len);
  }

  /**
   * The padding octets at the end of a packet whose length is known to be {@code len}: 0 without
   * P, otherwise the count in the last octet, which must be at least 1 and leave the header whole.
   */
  static int paddingLength(byte[] buf, int off, int len) {
    if ((buf[off] & 0x20) == 0) {
      return 0;
    }
    int padding = Bytes.u8(buf, off + len - 1);
    if (padding == 0 || padding > len - HEADER_LENGTH) {
      throw RtcpFormatException.of(
          "packet at offset %d: padding bit set with a padding count of %d in a %d-byte packet",
          off, padding, len);
    }
    return padding;
  }

  static int count(byte[] buf, int off) {
    return buf[off] & 0x1F;
  }

  /** Writes a header without padding for a packet of {@code packetLength} bytes. */
  static void write(byte[] buf, int off, int count, int packetType, int packetLength) {
    buf[off] = (byte) (VERSION << 6 | count);
    buf[off + 1] = (byte) packetType;
    Bytes.put16(buf, off + 2, packetLength / 4 - 1);
  }

  /** Fails unless {@code length} bytes can be written at {@code off} into {@code buf}. */
  static void checkRoom(byte[] buf, int off, int length) {
    java.util.Objects.checkFromIndexSize(off, length, buf.length);
  }
}
