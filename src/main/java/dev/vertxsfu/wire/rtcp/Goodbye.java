package dev.vertxsfu.wire.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * BYE: Goodbye RTCP packet (RFC 3550 §6.6).
 *
 * <pre>
 *        0                   1                   2                   3
 *        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |V=2|P|    SC   |   PT=BYE=203  |             length            |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |                           SSRC/CSRC                           |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       :                              ...                              :
 *       +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * (opt) |     length    |               reason for leaving            ...
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The reason is UTF-8 text padded with nulls to 32 bits. The media layer reads BYEs to end a
 * publisher's stream early and sends one when a consumer closes.
 *
 * @param ssrcs up to 31 SSRC/CSRC identifiers (unsigned 32 bits each)
 * @param reason the reason's octets (at most 255), or null when the packet carries none
 */
public record Goodbye(List<Long> ssrcs, byte[] reason) implements RtcpPacket {

  public Goodbye {
    ssrcs = List.copyOf(ssrcs);
    if (ssrcs.size() > RtcpHeader.MAX_COUNT) {
      throw new IllegalArgumentException(ssrcs.size() + " SSRCs, more than SC can count (31)");
    }
    ssrcs.forEach(ssrc -> Bytes.checkU32(ssrc, "SSRC/CSRC"));
    if (reason != null) {
      if (reason.length > 255) {
        throw new IllegalArgumentException("BYE reason of " + reason.length + " bytes, over 255");
      }
      reason = reason.clone();
    }
  }

  /** A BYE for {@code ssrcs} without a reason. */
  public static Goodbye of(long... ssrcs) {
    return new Goodbye(Arrays.stream(ssrcs).boxed().toList(), null);
  }

  /** A BYE for {@code ssrcs} with {@code reason} in UTF-8. */
  public static Goodbye withReason(String reason, long... ssrcs) {
    return new Goodbye(Arrays.stream(ssrcs).boxed().toList(),
        reason.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Parses the BYE at exactly {@code [off, off + len)}.
   *
   * @throws RtcpFormatException if it is not a well-formed BYE
   */
  public static Goodbye parse(byte[] buf, int off, int len) {
    int end = RtcpHeader.checkPacket(buf, off, len, RtcpHeader.BYE, "BYE");
    int count = RtcpHeader.count(buf, off);
    int pos = ssrcsEnd(buf, off, end, count);
    List<Long> ssrcs = new ArrayList<>(count);
    for (int at = off + 4; at < pos; at += 4) {
      ssrcs.add(Bytes.u32(buf, at));
    }
    byte[] reason = null;
    if (pos < end) {
      int length = Bytes.u8(buf, pos);
      if (length > end - pos - 1) {
        throw RtcpFormatException.of("BYE at offset %d: reason of %d bytes at offset %d runs "
            + "past the end (%d left)", off, length, pos, end - pos - 1);
      }
      reason = Arrays.copyOfRange(buf, pos + 1, pos + 1 + length);
      int tail = end - (pos + 1 + length);
      if (tail > 3) {
        throw RtcpFormatException.of("BYE at offset %d: %d bytes after the reason", off, tail);
      }
    }
    return new Goodbye(ssrcs, reason);
  }

  /**
   * Rewrites SSRC/CSRC number {@code index} of the BYE at {@code [off, off + len)} in place.
   *
   * @throws RtcpFormatException if the BYE is malformed or has no such SSRC
   */
  public static void setSsrc(byte[] buf, int off, int len, int index, long ssrc) {
    int end = RtcpHeader.checkPacket(buf, off, len, RtcpHeader.BYE, "BYE");
    int count = RtcpHeader.count(buf, off);
    ssrcsEnd(buf, off, end, count);
    if (index < 0 || index >= count) {
      throw RtcpFormatException.of("BYE at offset %d: no SSRC %d, SC=%d", off, index, count);
    }
    Bytes.put32(buf, off + 4 + 4 * index, Bytes.checkU32(ssrc, "SSRC"));
  }

  private static int ssrcsEnd(byte[] buf, int off, int end, int count) {
    if (4 * count > end - off - 4) {
      throw RtcpFormatException.of("BYE at offset %d: SC=%d SSRCs but room for %d",
          off, count, (end - off - 4) / 4);
    }
    return off + 4 + 4 * count;
  }

  @Override
  public byte[] reason() {
    return reason == null ? null : reason.clone();
  }

  /** The reason as UTF-8 text, or null when there is none. */
  public String reasonText() {
    return reason == null ? null : new String(reason, StandardCharsets.UTF_8);
  }

  @Override
  public int packetType() {
    return RtcpHeader.BYE;
  }

  @Override
  public int count() {
    return ssrcs.size();
  }

  @Override
  public int serializedLength() {
    int length = RtcpHeader.HEADER_LENGTH + 4 * ssrcs.size();
    return reason == null ? length : length + ((1 + reason.length + 3) & ~3);
  }

  @Override
  public int write(byte[] buf, int off) {
    int length = serializedLength();
    RtcpHeader.checkRoom(buf, off, length);
    RtcpHeader.write(buf, off, ssrcs.size(), RtcpHeader.BYE, length);
    int at = off + 4;
    for (long ssrc : ssrcs) {
      Bytes.put32(buf, at, ssrc);
      at += 4;
    }
    if (reason != null) {
      buf[at++] = (byte) reason.length;
      System.arraycopy(reason, 0, buf, at, reason.length);
      Arrays.fill(buf, at + reason.length, off + length, (byte) 0);
    }
    return length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Goodbye bye && ssrcs.equals(bye.ssrcs)
        && Arrays.equals(reason, bye.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ssrcs, Arrays.hashCode(reason));
  }

  @Override
  public String toString() {
    return "Goodbye[ssrcs=" + ssrcs + ", reason=" + reasonText() + "]";
  }
}
