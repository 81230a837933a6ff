package dev.vertxsfu.wire.tcp;

/**
 * The framing of RFC 4571 §2, which RFC 6544 §3 makes ICE-TCP's: each packet on the stream
 * is preceded by its length.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * ---------------------------------------------------------------
 * |             LENGTH            |  RTP or RTCP packet ...       |
 * ---------------------------------------------------------------
 * </pre>
 *
 * <p>LENGTH is an unsigned 16-bit integer in network byte order: the packet's size in octets,
 * not counting the two octets of LENGTH. ICE-TCP frames STUN and DTLS the same way.
 */
public final class Rfc4571 {
  /** The size of the LENGTH field. */
  public static final int HEADER_LENGTH = 2;
  /** The largest packet a LENGTH can announce. */
  public static final int MAX_FRAME_LENGTH = 0xFFFF;

  private Rfc4571() {}

  /**
   * Writes the LENGTH field of a {@code length}-octet packet at {@code buf[off]}.
   *
   * @throws IllegalArgumentException if {@code length} is not 1 to 65,535
   */
  public static void writeHeader(int length, byte[] buf, int off) {
    if (length < 1 || length > MAX_FRAME_LENGTH) {
      throw new IllegalArgumentException("an RFC 4571 frame holds 1 to 65535 octets: " + length);
    }
    buf[off] = (byte) (length >>> 8);
    buf[off + 1] = (byte) length;
  }

  /** The LENGTH field at {@code buf[off]}: 0 to 65,535. */
  public static int readHeader(byte[] buf, int off) {
    return ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF);
  }

  /** A new array holding the header and then {@code buf[off, off + len)}. */
  public static byte[] frame(byte[] buf, int off, int len) {
    byte[] framed = new byte[HEADER_LENGTH + len];
    writeHeader(len, framed, 0);
    System.arraycopy(buf, off, framed, HEADER_LENGTH, len);
    return framed;
  }
}
