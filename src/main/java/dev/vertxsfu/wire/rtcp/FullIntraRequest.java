package dev.vertxsfu.wire.rtcp;

import java.util.ArrayList;
import java.util.List;

/**
 * FIR: Full Intra Request, payload-specific feedback FMT 4 (RFC 5104 §4.3.1). The media senders
 * are named in the FCI entries; SSRC of media source is unused and SHALL be 0.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| FMT=4   |   PT=206      |          length               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             SSRC of media source (unused, 0)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                              SSRC                             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Seq nr.       |    Reserved                                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :                              ...                              :
 * </pre>
 *
 * <p>The media layer treats a FIR from a subscriber like a PLI and may send FIRs to publishers
 * that negotiated {@code ccm fir}; {@link #setEntrySsrc} maps an entry in place.
 *
 * @param senderSsrc SSRC of packet sender (unsigned 32 bits)
 * @param mediaSsrc SSRC of media source as carried (0 by RFC 5104)
 * @param entries one or more FCI entries
 */
public record FullIntraRequest(long senderSsrc, long mediaSsrc, List<FirEntry> entries)
    implements RtcpPacket {

  public FullIntraRequest {
    Bytes.checkU32(senderSsrc, "SSRC of packet sender");
    Bytes.checkU32(mediaSsrc, "SSRC of media source");
    entries = List.copyOf(entries);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a FIR carries at least one entry");
    }
  }

  /** A FIR from {@code senderSsrc} asking {@code ssrc} for a keyframe, request number {@code seq}. */
  public static FullIntraRequest of(long senderSsrc, long ssrc, int sequenceNumber) {
    return new FullIntraRequest(senderSsrc, 0, List.of(new FirEntry(ssrc, sequenceNumber)));
  }

  /**
   * Parses the FIR at exactly {@code [off, off + len)}.
   *
   * @throws RtcpFormatException if it is not a well-formed FIR
   */
  public static FullIntraRequest parse(byte[] buf, int off, int len) {
    int end = checkFci(buf, off, len);
    List<FirEntry> entries = new ArrayList<>((end - off - FeedbackMessage.FCI_OFFSET) / 8);
    for (int at = off + FeedbackMessage.FCI_OFFSET; at < end; at += FirEntry.LENGTH) {
      entries.add(new FirEntry(Bytes.u32(buf, at), Bytes.u8(buf, at + 4)));
    }
    return new FullIntraRequest(Bytes.u32(buf, off + 4), Bytes.u32(buf, off + 8), entries);
  }

  /**
   * Rewrites the SSRC of entry {@code index} of the FIR at {@code [off, off + len)} in place.
   *
   * @throws RtcpFormatException if the FIR is malformed or has no such entry
   */
  public static void setEntrySsrc(byte[] buf, int off, int len, int index, long ssrc) {
    int end = checkFci(buf, off, len);
    int entries = (end - off - FeedbackMessage.FCI_OFFSET) / FirEntry.LENGTH;
    if (index < 0 || index >= entries) {
      throw RtcpFormatException.of("FIR at offset %d: no entry %d of %d", off, index, entries);
    }
    Bytes.put32(buf, off + FeedbackMessage.FCI_OFFSET + index * FirEntry.LENGTH,
        Bytes.checkU32(ssrc, "SSRC"));
  }

  private static int checkFci(byte[] buf, int off, int len) {
    int end = FeedbackMessage.check(buf, off, len, RtcpHeader.PSFB, FeedbackMessage.FMT_FIR,
        "FIR");
    int fci = end - off - FeedbackMessage.FCI_OFFSET;
    if (fci == 0 || fci % FirEntry.LENGTH != 0) {
      throw RtcpFormatException.of("FIR at offset %d: FCI of %d bytes, not one or more 8-byte "
          + "entries", off, fci);
    }
    return end;
  }

  @Override
  public int packetType() {
    return RtcpHeader.PSFB;
  }

  @Override
  public int count() {
    return FeedbackMessage.FMT_FIR;
  }

  @Override
  public int serializedLength() {
    return FeedbackMessage.FCI_OFFSET + FirEntry.LENGTH * entries.size();
  }

  @Override
  public int write(byte[] buf, int off) {
    int length = serializedLength();
    RtcpHeader.checkRoom(buf, off, length);
    FeedbackMessage.writeHeader(buf, off, FeedbackMessage.FMT_FIR, RtcpHeader.PSFB, length,
        senderSsrc, mediaSsrc);
    int at = off + FeedbackMessage.FCI_OFFSET;
    for (FirEntry entry : entries) {
      Bytes.put32(buf, at, entry.ssrc());
      Bytes.put32(buf, at + 4, (long) entry.sequenceNumber() << 24);
      at += FirEntry.LENGTH;
    }
    return length;
  }
}
