package dev.vertxsfu.wire.rtcp;

/**
 * The common packet format of RTCP feedback messages (RFC 4585 §6.1), shared by transport layer
 * (RTPFB, 205) and payload-specific (PSFB, 206) feedback: two SSRCs, then the Feedback Control
 * Information whose form FMT selects.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|   FMT   |       PT      |          length               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :            Feedback Control Information (FCI)                 :
 * :                                                               :
 * </pre>
 *
 * <p>The SFU maps feedback between a subscriber's and a publisher's SSRCs: the in-place accessors
 * here read and rewrite both SSRCs of any RTPFB or PSFB packet without parsing its FCI.
 */
public final class FeedbackMessage {
  /** Octets of header plus both SSRCs, where the FCI starts. */
  public static final int FCI_OFFSET = 12;

  /** RTPFB FMT 1: Generic NACK (RFC 4585 §6.2.1). */
  public static final int FMT_NACK = 1;
  /** RTPFB FMT 15: transport-wide congestion control feedback (transport-wide-cc draft §3.1). */
  public static final int FMT_TRANSPORT_CC = 15;
  /** PSFB FMT 1: Picture Loss Indication (RFC 4585 §6.3.1). */
  public static final int FMT_PLI = 1;
  /** PSFB FMT 2: Slice Loss Indication (RFC 4585 §6.3.2); kept raw. */
  public static final int FMT_SLI = 2;
  /** PSFB FMT 3: Reference Picture Selection Indication (RFC 4585 §6.3.3); kept raw. */
  public static final int FMT_RPSI = 3;
  /** PSFB FMT 4: Full Intra Request (RFC 5104 §4.3.1). */
  public static final int FMT_FIR = 4;
  /** PSFB FMT 15: Application layer feedback (RFC 4585 §6.4), REMB among them. */
  public static final int FMT_AFB = 15;

  private FeedbackMessage() {}

  /**
   * Checks an RTPFB or PSFB packet at exactly {@code [off, off + len)} of the given type and FMT
   * (FMT -1: any) and returns the end of its FCI (padding excluded).
   */
  static int check(byte[] buf, int off, int len, int packetType, int fmt, String name) {
    int end = RtcpHeader.checkPacket(buf, off, len, packetType, name);
    if (fmt >= 0 && RtcpHeader.count(buf, off) != fmt) {
      throw RtcpFormatException.of("%s at offset %d: FMT %d, expected %d",
          name, off, RtcpHeader.count(buf, off), fmt);
    }
    if (end - off < FCI_OFFSET) {
      throw RtcpFormatException.of("%s at offset %d: %d bytes, no room for both SSRCs",
          name, off, end - off);
    }
    return end;
  }

  private static void checkFeedback(byte[] buf, int off, int len) {
    RtcpHeader.checkBounds(buf, off, len);
    int type = len >= RtcpHeader.HEADER_LENGTH ? Bytes.u8(buf, off + 1) : -1;
    if (type != RtcpHeader.RTPFB && type != RtcpHeader.PSFB) {
      throw RtcpFormatException.of("packet at offset %d: type %d is not RTPFB or PSFB", off, type);
    }
    check(buf, off, len, type, -1, "feedback message");
  }

  /** SSRC of packet sender of the RTPFB or PSFB packet at {@code [off, off + len)}. */
  public static long senderSsrc(byte[] buf, int off, int len) {
    checkFeedback(buf, off, len);
    return Bytes.u32(buf, off + 4);
  }

  /** Rewrites SSRC of packet sender of the RTPFB or PSFB packet at {@code [off, off + len)}. */
  public static void setSenderSsrc(byte[] buf, int off, int len, long ssrc) {
    checkFeedback(buf, off, len);
    Bytes.put32(buf, off + 4, Bytes.checkU32(ssrc, "SSRC"));
  }

  /** SSRC of media source of the RTPFB or PSFB packet at {@code [off, off + len)}. */
  public static long mediaSsrc(byte[] buf, int off, int len) {
    checkFeedback(buf, off, len);
    return Bytes.u32(buf, off + 8);
  }

  /**
   * Rewrites SSRC of media source of the RTPFB or PSFB packet at {@code [off, off + len)}. (FIR
   * and REMB name their media in the FCI instead: see {@link FullIntraRequest#setEntrySsrc} and
   * {@link ReceiverEstimatedMaxBitrate#setSsrc}.)
   */
  public static void setMediaSsrc(byte[] buf, int off, int len, long ssrc) {
    checkFeedback(buf, off, len);
    Bytes.put32(buf, off + 8, Bytes.checkU32(ssrc, "SSRC"));
  }

  /** Writes header and both SSRCs of a feedback packet of {@code packetLength} bytes. */
  static void writeHeader(byte[] buf, int off, int fmt, int packetType, int packetLength,
      long senderSsrc, long mediaSsrc) {
    RtcpHeader.write(buf, off, fmt, packetType, packetLength);
    Bytes.put32(buf, off + 4, senderSsrc);
    Bytes.put32(buf, off + 8, mediaSsrc);
  }
}
