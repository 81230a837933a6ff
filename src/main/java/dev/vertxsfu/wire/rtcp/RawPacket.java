package dev.vertxsfu.wire.rtcp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An RTCP packet this package does not interpret, kept byte for byte: unknown packet types (XR
 * 207 and anything else) and feedback messages of unknown FMT (RFC 4585 §6.2, §6.3, including
 * application-layer feedback other than REMB). Only its common header is checked:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  count  |      PT       |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :                    opaque payload (and padding)               :
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The media layer may forward or drop it; it owns a private copy of the bytes.
 */
public final class RawPacket implements RtcpPacket {
  private final byte[] bytes;

  private RawPacket(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Parses (and copies) the packet at {@code [off, off + len)}, checking only its header. */
  public static RawPacket parse(byte[] buf, int off, int len) {
    RtcpHeader.checkPacket(buf, off, len, -1, "RTCP packet");
    return new RawPacket(Arrays.copyOfRange(buf, off, off + len));
  }

  /**
   * Parses a feedback message of unknown FMT: like {@link #parse}, and it must hold both SSRCs
   * of RFC 4585 §6.1, so {@link FeedbackMessage}'s in-place accessors work on it.
   */
  static RawPacket parseFeedback(byte[] buf, int off, int len) {
    FeedbackMessage.check(buf, off, len, Bytes.u8(buf, off + 1), -1, "feedback message");
    return new RawPacket(Arrays.copyOfRange(buf, off, off + len));
  }

  /** A copy of the whole packet, header and padding included. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public int packetType() {
    return Bytes.u8(bytes, 1);
  }

  @Override
  public int count() {
    return RtcpHeader.count(bytes, 0);
  }

  @Override
  public int serializedLength() {
    return bytes.length;
  }

  @Override
  public int write(byte[] buf, int off) {
    RtcpHeader.checkRoom(buf, off, bytes.length);
    System.arraycopy(bytes, 0, buf, off, bytes.length);
    return bytes.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RawPacket raw && Arrays.equals(bytes, raw.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "RawPacket[pt=" + packetType() + ", count=" + count() + ", "
        + HexFormat.of().formatHex(bytes) + "]";
  }
}
