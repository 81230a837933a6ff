package dev.vertxsfu.wire.rtcp;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * SR: Sender Report RTCP packet (RFC 3550 §6.4.1).
 *
 * <pre>
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    RC   |   PT=SR=200   |             length            |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         SSRC of sender                        |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * sender |              NTP timestamp, most significant word             |
 * info   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |             NTP timestamp, least significant word             |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         RTP timestamp                         |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                     sender's packet count                     |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                      sender's octet count                     |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * report |                 SSRC_1 (SSRC of first source)                 |
 * block  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   1    :                     (see {@link ReportBlock})                 :
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * report |                 SSRC_2 (SSRC of second source)                |
 * block  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   2    :                               ...                             :
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *        |                  profile-specific extensions                  |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The media layer reads the publishers' SRs (NTP/RTP timestamp pairs for LSR/DLSR and lip
 * sync), builds SRs for subscribers, or forwards them with the {@link #setSenderSsrc sender SSRC}
 * and {@link ReportBlock#setSourceSsrc source SSRCs} rewritten in place.
 *
 * @param senderSsrc SSRC of sender (unsigned 32 bits)
 * @param ntpTimestamp the 64-bit NTP timestamp, seconds in the high word
 * @param rtpTimestamp the same instant in RTP timestamp units (unsigned 32 bits)
 * @param packetCount sender's packet count (unsigned 32 bits)
 * @param octetCount sender's octet count (unsigned 32 bits)
 * @param reportBlocks up to 31 report blocks
 * @param profileExtensions profile-specific extensions, whole 32-bit words, usually empty
 */
public record SenderReport(long senderSsrc, long ntpTimestamp, long rtpTimestamp,
    long packetCount, long octetCount, List<ReportBlock> reportBlocks, byte[] profileExtensions)
    implements RtcpPacket {

  /** Octets before the first report block: header, SSRC of sender, sender info. */
  public static final int FIXED_LENGTH = 28;

  public SenderReport {
    Bytes.checkU32(senderSsrc, "SSRC of sender");
    Bytes.checkU32(rtpTimestamp, "RTP timestamp");
    Bytes.checkU32(packetCount, "sender's packet count");
    Bytes.checkU32(octetCount, "sender's octet count");
    reportBlocks = ReportPackets.checkBlocks(reportBlocks);
    profileExtensions = ReportPackets.checkExtensions(profileExtensions);
  }

  /** An SR without profile-specific extensions. */
  public SenderReport(long senderSsrc, long ntpTimestamp, long rtpTimestamp, long packetCount,
      long octetCount, List<ReportBlock> reportBlocks) {
    this(senderSsrc, ntpTimestamp, rtpTimestamp, packetCount, octetCount, reportBlocks,
        new byte[0]);
  }

  /**
   * Parses the SR at exactly {@code [off, off + len)}.
   *
   * @throws RtcpFormatException if it is not a well-formed SR
   */
  public static SenderReport parse(byte[] buf, int off, int len) {
    int end = ReportPackets.check(buf, off, len, RtcpHeader.SR, FIXED_LENGTH, "SR");
    int blocks = RtcpHeader.count(buf, off);
    int extensionsAt = off + FIXED_LENGTH + blocks * ReportBlock.LENGTH;
    return new SenderReport(Bytes.u32(buf, off + 4), Bytes.u64(buf, off + 8),
        Bytes.u32(buf, off + 16), Bytes.u32(buf, off + 20), Bytes.u32(buf, off + 24),
        ReportPackets.readBlocks(buf, off + FIXED_LENGTH, blocks),
        ReportPackets.copy(buf, extensionsAt, end));
  }

  /** SSRC of sender of the SR at {@code [off, off + len)}, read in place. */
  public static long senderSsrc(byte[] buf, int off, int len) {
    ReportPackets.check(buf, off, len, RtcpHeader.SR, FIXED_LENGTH, "SR");
    return Bytes.u32(buf, off + 4);
  }

  /** Rewrites SSRC of sender of the SR at {@code [off, off + len)} in place. */
  public static void setSenderSsrc(byte[] buf, int off, int len, long ssrc) {
    ReportPackets.check(buf, off, len, RtcpHeader.SR, FIXED_LENGTH, "SR");
    Bytes.put32(buf, off + 4, Bytes.checkU32(ssrc, "SSRC"));
  }

  /**
   * Offset of report block {@code index} of the SR at {@code [off, off + len)}, for {@link
   * ReportBlock#sourceSsrc} and {@link ReportBlock#setSourceSsrc}.
   *
   * @throws RtcpFormatException if the SR is malformed or has no such block
   */
  public static int reportBlockOffset(byte[] buf, int off, int len, int index) {
    return ReportPackets.blockOffset(buf, off, len, index, RtcpHeader.SR, FIXED_LENGTH, "SR");
  }

  @Override
  public byte[] profileExtensions() {
    return profileExtensions.clone();
  }

  @Override
  public int packetType() {
    return RtcpHeader.SR;
  }

  @Override
  public int count() {
    return reportBlocks.size();
  }

  @Override
  public int serializedLength() {
    return FIXED_LENGTH + reportBlocks.size() * ReportBlock.LENGTH + profileExtensions.length;
  }

  @Override
  public int write(byte[] buf, int off) {
    int length = serializedLength();
    RtcpHeader.checkRoom(buf, off, length);
    RtcpHeader.write(buf, off, reportBlocks.size(), RtcpHeader.SR, length);
    Bytes.put32(buf, off + 4, senderSsrc);
    Bytes.put64(buf, off + 8, ntpTimestamp);
    Bytes.put32(buf, off + 16, rtpTimestamp);
    Bytes.put32(buf, off + 20, packetCount);
    Bytes.put32(buf, off + 24, octetCount);
    ReportPackets.writeBlocks(reportBlocks, profileExtensions, buf, off + FIXED_LENGTH);
    return length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SenderReport sr && senderSsrc == sr.senderSsrc
        && ntpTimestamp == sr.ntpTimestamp && rtpTimestamp == sr.rtpTimestamp
        && packetCount == sr.packetCount && octetCount == sr.octetCount
        && reportBlocks.equals(sr.reportBlocks)
        && Arrays.equals(profileExtensions, sr.profileExtensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(senderSsrc, ntpTimestamp, rtpTimestamp, packetCount, octetCount,
        reportBlocks, Arrays.hashCode(profileExtensions));
  }

  @Override
  public String toString() {
    return "SenderReport[ssrc=" + senderSsrc + ", ntp=" + Long.toHexString(ntpTimestamp)
        + ", rtp=" + rtpTimestamp + ", packets=" + packetCount + ", octets=" + octetCount
        + ", blocks=" + reportBlocks + ", extensions=" + profileExtensions.length + " bytes]";
  }
}
