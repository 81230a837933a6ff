package dev.vertxsfu.wire.rtcp;

/**
 * PLI: Picture Loss Indication, payload-specific feedback FMT 1 (RFC 4585 §6.3.1). It has no
 * FCI, so its length field is always 2.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| FMT=1   |   PT=206      |          length=2             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The media layer reads PLIs from subscribers and sends its own to publishers (the keyframe
 * request manager throttles them).
 *
 * @param senderSsrc SSRC of packet sender (unsigned 32 bits)
 * @param mediaSsrc SSRC of media source, the stream that needs a keyframe
 */
public record PictureLossIndication(long senderSsrc, long mediaSsrc) implements RtcpPacket {
  /** A PLI is always 12 bytes. */
  public static final int LENGTH = 12;

  public PictureLossIndication {
    Bytes.checkU32(senderSsrc, "SSRC of packet sender");
    Bytes.checkU32(mediaSsrc, "SSRC of media source");
  }

  /**
   * Parses the PLI at exactly {@code [off, off + len)}.
   *
   * @throws RtcpFormatException if it is not a well-formed PLI
   */
  public static PictureLossIndication parse(byte[] buf, int off, int len) {
    int end = FeedbackMessage.check(buf, off, len, RtcpHeader.PSFB, FeedbackMessage.FMT_PLI,
        "PLI");
    if (end - off != LENGTH) {
      throw RtcpFormatException.of("PLI at offset %d: %d bytes of content, a PLI has no FCI "
          + "(RFC 4585 §6.3.1: length MUST be 2)", off, end - off);
    }
    return new PictureLossIndication(Bytes.u32(buf, off + 4), Bytes.u32(buf, off + 8));
  }

  @Override
  public int packetType() {
    return RtcpHeader.PSFB;
  }

  @Override
  public int count() {
    return FeedbackMessage.FMT_PLI;
  }

  @Override
  public int serializedLength() {
    return LENGTH;
  }

  @Override
  public int write(byte[] buf, int off) {
    RtcpHeader.checkRoom(buf, off, LENGTH);
    FeedbackMessage.writeHeader(buf, off, FeedbackMessage.FMT_PLI, RtcpHeader.PSFB, LENGTH,
        senderSsrc, mediaSsrc);
    return LENGTH;
  }
}
