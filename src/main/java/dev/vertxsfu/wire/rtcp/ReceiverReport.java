package dev.vertxsfu.wire.rtcp;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * RR: Receiver Report RTCP packet (RFC 3550 §6.4.2).
 *
 * <pre>
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    RC   |   PT=RR=201   |             length            |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                     SSRC of packet sender                     |
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
 * <p>The media layer reads the RRs subscribers send (loss, jitter, RTT through LSR/DLSR), builds
 * RRs toward publishers, and rewrites {@link #setSenderSsrc SSRCs} in place when it forwards.
 *
 * @param senderSsrc SSRC of packet sender (unsigned 32 bits)
 * @param reportBlocks up to 31 report blocks
 * @param profileExtensions profile-specific extensions, whole 32-bit words, usually empty
 */
public record ReceiverReport(long senderSsrc, List<ReportBlock> reportBlocks,
    byte[] profileExtensions) implements RtcpPacket {

  /** Octets before the first report block: header and SSRC of packet sender. */
  public static final int FIXED_LENGTH = 8;

  public ReceiverReport {
    Bytes.checkU32(senderSsrc, "SSRC of packet sender");
    reportBlocks = ReportPackets.checkBlocks(reportBlocks);
    profileExtensions = ReportPackets.checkExtensions(profileExtensions);
  }

  /** An RR without profile-specific extensions. */
  public ReceiverReport(long senderSsrc, List<ReportBlock> reportBlocks) {
    this(senderSsrc, reportBlocks, new byte[0]);
  }

  /**
   * Parses the RR at exactly {@code [off, off + len)}.
   *
   * @throws RtcpFormatException if it is not a well-formed RR
   */
  public static ReceiverReport parse(byte[] buf, int off, int len) {
    int end = ReportPackets.check(buf, off, len, RtcpHeader.RR, FIXED_LENGTH, "RR");
    int blocks = RtcpHeader.count(buf, off);
    int extensionsAt = off + FIXED_LENGTH + blocks * ReportBlock.LENGTH;
    return new ReceiverReport(Bytes.u32(buf, off + 4),
        ReportPackets.readBlocks(buf, off + FIXED_LENGTH, blocks),
        ReportPackets.copy(buf, extensionsAt, end));
  }

  /** SSRC of packet sender of the RR at {@code [off, off + len)}, read in place. */
  public static long senderSsrc(byte[] buf, int off, int len) {
    ReportPackets.check(buf, off, len, RtcpHeader.RR, FIXED_LENGTH, "RR");
    return Bytes.u32(buf, off + 4);
  }

  /** Rewrites SSRC of packet sender of the RR at {@code [off, off + len)} in place. */
  public static void setSenderSsrc(byte[] buf, int off, int len, long ssrc) {
    ReportPackets.check(buf, off, len, RtcpHeader.RR, FIXED_LENGTH, "RR");
    Bytes.put32(buf, off + 4, Bytes.checkU32(ssrc, "SSRC"));
  }

  /**
   * Offset of report block {@code index} of the RR at {@code [off, off + len)}, for {@link
   * ReportBlock#sourceSsrc} and {@link ReportBlock#setSourceSsrc}.
   *
   * @throws RtcpFormatException if the RR is malformed or has no such block
   */
  public static int reportBlockOffset(byte[] buf, int off, int len, int index) {
    return ReportPackets.blockOffset(buf, off, len, index, RtcpHeader.RR, FIXED_LENGTH, "RR");
  }

  @Override
  public byte[] profileExtensions() {
    return profileExtensions.clone();
  }

  @Override
  public int packetType() {
    return RtcpHeader.RR;
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
    RtcpHeader.write(buf, off, reportBlocks.size(), RtcpHeader.RR, length);
    Bytes.put32(buf, off + 4, senderSsrc);
    ReportPackets.writeBlocks(reportBlocks, profileExtensions, buf, off + FIXED_LENGTH);
    return length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ReceiverReport rr && senderSsrc == rr.senderSsrc
        && reportBlocks.equals(rr.reportBlocks)
        && Arrays.equals(profileExtensions, rr.profileExtensions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(senderSsrc, reportBlocks, Arrays.hashCode(profileExtensions));
  }

  @Override
  public String toString() {
    return "ReceiverReport[ssrc=" + senderSsrc + ", blocks=" + reportBlocks
        + ", extensions=" + profileExtensions.length + " bytes]";
  }
}
