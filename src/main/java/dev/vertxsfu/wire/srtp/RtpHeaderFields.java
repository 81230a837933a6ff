package dev.vertxsfu.wire.srtp;

/**
 * The few RTP and RTCP header fields SRTP needs, read with explicit bounds checks: the header
 * length (what stays in the clear and, for GCM, is the associated data), the sequence number and
 * the SSRC. Private to this package until the lead unifies it with {@code wire.rtp}.
 *
 * <pre>
 *  RTP, RFC 3550 §5.1 and §5.3.1:
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                           timestamp                           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           synchronization source (SSRC) identifier            |
 *  +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *  |            contributing source (CSRC) identifiers             |
 *  |                             ....                              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |      defined by profile       |           length              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                        header extension                       |
 *  |                             ....                              |
 * </pre>
 */
final class RtpHeaderFields {
  static final int RTP_FIXED_HEADER_LENGTH = 12;
  static final int RTCP_HEADER_LENGTH = 8;

  private RtpHeaderFields() {}

  /**
   * Length of the RTP header at {@code buf[off]}: 12 + 4 * CC, plus 4 + 4 * length when X is set.
   * It must fit in {@code available} bytes.
   */
  static int headerLength(byte[] buf, int off, int available) {
    if (available < RTP_FIXED_HEADER_LENGTH) {
      throw new SrtpFormatException("RTP header needs 12 bytes but only " + available
          + " are available at offset " + off);
    }
    int first = buf[off] & 0xff;
    if (first >>> 6 != 2) {
      throw new SrtpFormatException("RTP version " + (first >>> 6) + " at offset " + off
          + ", expected 2");
    }
    int length = RTP_FIXED_HEADER_LENGTH + 4 * (first & 0x0f);
    if ((first & 0x10) != 0) {
      if (length + 4 > available) {
        throw new SrtpFormatException("RTP header extension header at offset " + (off + length)
            + " runs past the " + available + " available bytes");
      }
      int words = ((buf[off + length + 2] & 0xff) << 8) | (buf[off + length + 3] & 0xff);
      length += 4 + 4 * words;
    }
    if (length > available) {
      throw new SrtpFormatException("RTP header of " + length + " bytes at offset " + off
          + " (CSRCs and extension) runs past the " + available + " available bytes");
    }
    return length;
  }

  /** Checks the fixed RTCP header at {@code buf[off]} (RFC 3550 §6.4.1): 8 bytes, version 2. */
  static void checkRtcpHeader(byte[] buf, int off, int available) {
    if (available < RTCP_HEADER_LENGTH) {
      throw new SrtpFormatException("RTCP header needs 8 bytes but only " + available
          + " are available at offset " + off);
    }
    int version = (buf[off] & 0xff) >>> 6;
    if (version != 2) {
      throw new SrtpFormatException("RTCP version " + version + " at offset " + off
          + ", expected 2");
    }
  }

  static int sequenceNumber(byte[] buf, int off) {
    return ((buf[off + 2] & 0xff) << 8) | (buf[off + 3] & 0xff);
  }

  /** The RTP SSRC (bytes 8-11). */
  static int rtpSsrc(byte[] buf, int off) {
    return readInt(buf, off + 8);
  }

  /** The RTCP sender SSRC (bytes 4-7 of the first packet of a compound). */
  static int rtcpSsrc(byte[] buf, int off) {
    return readInt(buf, off + 4);
  }

  static int readInt(byte[] buf, int off) {
    return (buf[off] << 24) | ((buf[off + 1] & 0xff) << 16) | ((buf[off + 2] & 0xff) << 8)
        | (buf[off + 3] & 0xff);
  }

  static void writeInt(byte[] buf, int off, int value) {
    buf[off] = (byte) (value >>> 24);
    buf[off + 1] = (byte) (value >>> 16);
    buf[off + 2] = (byte) (value >>> 8);
    buf[off + 3] = (byte) value;
  }

  /** Explicit bounds check of a caller's {@code (buf, off, len)} so no JDK exception escapes. */
  static void checkRange(byte[] buf, int off, int len, String what) {
    if (buf == null) {
      throw new SrtpFormatException(what + " buffer is null");
    }
    if (off < 0 || len < 0 || off > buf.length - len) {
      throw new SrtpFormatException(what + " range offset " + off + " length " + len
          + " does not fit a buffer of " + buf.length + " bytes");
    }
  }
}
