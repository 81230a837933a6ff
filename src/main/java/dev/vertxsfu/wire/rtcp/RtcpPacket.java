package dev.vertxsfu.wire.rtcp;

/**
 * One parsed RTCP packet (RFC 3550 §6): an immutable value that serializes back to the bytes it
 * came from when those bytes were canonical (no padding bit, zeroed reserved fields).
 *
 * <p>The media layer gets these from {@link CompoundPacket#parse} or {@link #parse} for the
 * packets it acts on (reports, NACK, PLI, FIR, REMB, transport-wide feedback) and builds them to
 * send its own; the forwarding path that only rewrites SSRCs uses {@link CompoundPacketReader}
 * and the in-place setters instead, which allocate nothing.
 *
 * <p>Unknown packet types and feedback formats come back as {@link RawPacket}, byte for byte.
 */
public sealed interface RtcpPacket permits SenderReport, ReceiverReport, SourceDescription,
    Goodbye, ApplicationDefined, GenericNack, TransportWideCcFeedback, PictureLossIndication,
    FullIntraRequest, ReceiverEstimatedMaxBitrate, RawPacket {

  /** PT, for example {@link RtcpHeader#SR}. */
  int packetType();

  /** The 5-bit field after P: RC, SC, APP subtype or feedback FMT. */
  int count();

  /** Octets {@link #write} produces: a multiple of four. */
  int serializedLength();

  /**
   * Writes the packet at {@code off}.
   *
   * @return the number of bytes written, {@link #serializedLength()}
   * @throws IndexOutOfBoundsException if {@code buf} has no room for it
   */
  int write(byte[] buf, int off);

  /** The packet in a new array. */
  default byte[] toBytes() {
    byte[] bytes = new byte[serializedLength()];
    write(bytes, 0);
    return bytes;
  }

  /**
   * Parses the one packet that occupies exactly {@code [off, off + len)}, as {@link
   * CompoundPacketReader} delimits them.
   *
   * @throws RtcpFormatException if the bytes are not a well-formed packet of their type
   */
  static RtcpPacket parse(byte[] buf, int off, int len) {
    RtcpHeader.checkPacket(buf, off, len, -1, "RTCP packet");
    int type = Bytes.u8(buf, off + 1);
    int count = RtcpHeader.count(buf, off);
    return switch (type) {
      case RtcpHeader.SR -> SenderReport.parse(buf, off, len);
      case RtcpHeader.RR -> ReceiverReport.parse(buf, off, len);
      case RtcpHeader.SDES -> SourceDescription.parse(buf, off, len);
      case RtcpHeader.BYE -> Goodbye.parse(buf, off, len);
      case RtcpHeader.APP -> ApplicationDefined.parse(buf, off, len);
      case RtcpHeader.RTPFB -> switch (count) {
        case FeedbackMessage.FMT_NACK -> GenericNack.parse(buf, off, len);
        case FeedbackMessage.FMT_TRANSPORT_CC -> TransportWideCcFeedback.parse(buf, off, len);
        default -> RawPacket.parseFeedback(buf, off, len);
      };
      case RtcpHeader.PSFB -> switch (count) {
        case FeedbackMessage.FMT_PLI -> PictureLossIndication.parse(buf, off, len);
        case FeedbackMessage.FMT_FIR -> FullIntraRequest.parse(buf, off, len);
        case FeedbackMessage.FMT_AFB -> ReceiverEstimatedMaxBitrate.isRemb(buf, off, len)
            ? ReceiverEstimatedMaxBitrate.parse(buf, off, len)
            : RawPacket.parseFeedback(buf, off, len);
        default -> RawPacket.parseFeedback(buf, off, len);
      };
      default -> RawPacket.parse(buf, off, len);
    };
  }
}
