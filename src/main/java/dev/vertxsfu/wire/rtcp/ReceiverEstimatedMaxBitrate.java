package dev.vertxsfu.wire.rtcp;

import java.util.ArrayList;
import java.util.List;

/**
 * REMB: Receiver Estimated Maximum Bitrate (draft-alvestrand-rmcat-remb-03 §2.2), an
 * application layer feedback message (PSFB FMT 15) recognized by its unique identifier "REMB".
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| FMT=15  |   PT=206      |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Unique identifier 'R' 'E' 'M' 'B'                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Num SSRC     | BR Exp    |  BR Mantissa                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   SSRC feedback                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ...                                                          |
 * </pre>
 *
 * <p>The bitrate is BR Mantissa * 2^BR Exp bits per second; SSRC of media source is always 0.
 * Exponent and mantissa are kept as received so the packet serializes back unchanged; {@link
 * #of} picks the smallest exponent, as libwebrtc does. The media layer reads REMB from subscribers
 * that do not use transport-wide feedback and may send it to publishers.
 *
 * @param senderSsrc SSRC of packet sender (unsigned 32 bits)
 * @param mediaSsrc SSRC of media source as carried (0 by the draft)
 * @param exponent BR Exp, 0..63
 * @param mantissa BR Mantissa, 0..2^18-1
 * @param ssrcs SSRC feedback: the streams the estimate applies to, at most 255
 */
public record ReceiverEstimatedMaxBitrate(long senderSsrc, long mediaSsrc, int exponent,
    int mantissa, List<Long> ssrcs) implements RtcpPacket {

  /** 'R' 'E' 'M' 'B' as a big-endian int. */
  public static final int UNIQUE_IDENTIFIER = 0x52454D42;
  /** The largest BR Mantissa. */
  public static final int MAX_MANTISSA = (1 << 18) - 1;

  public ReceiverEstimatedMaxBitrate {
    Bytes.checkU32(senderSsrc, "SSRC of packet sender");
    Bytes.checkU32(mediaSsrc, "SSRC of media source");
    Bytes.checkRange(exponent, 0, 63, "BR Exp");
    Bytes.checkRange(mantissa, 0, MAX_MANTISSA, "BR Mantissa");
    if (exponent > 0 && Long.numberOfLeadingZeros(mantissa) <= exponent) {
      throw new IllegalArgumentException("BR Mantissa " + mantissa + " * 2^" + exponent
          + " overflows a long");
    }
    ssrcs = List.copyOf(ssrcs);
    if (ssrcs.size() > 255) {
      throw new IllegalArgumentException(ssrcs.size() + " SSRCs, more than Num SSRC can count");
    }
    ssrcs.forEach(ssrc -> Bytes.checkU32(ssrc, "SSRC feedback"));
  }

  /** A REMB of {@code bitrateBps} (truncated to an 18-bit mantissa) for {@code ssrcs}. */
  public static ReceiverEstimatedMaxBitrate of(long senderSsrc, long bitrateBps,
      List<Long> ssrcs) {
    if (bitrateBps < 0) {
      throw new IllegalArgumentException("negative bitrate " + bitrateBps);
    }
    int exponent = 0;
    long mantissa = bitrateBps;
    while (mantissa > MAX_MANTISSA) {
      mantissa >>>= 1;
      exponent++;
    }
    return new ReceiverEstimatedMaxBitrate(senderSsrc, 0, exponent, (int) mantissa, ssrcs);
  }

  /** Whether the PSFB FMT 15 packet at {@code [off, off + len)} carries the REMB identifier. */
  static boolean isRemb(byte[] buf, int off, int len) {
    return len >= 16 && Bytes.u32(buf, off + 12) == UNIQUE_IDENTIFIER;
  }

  /**
   * Parses the REMB at exactly {@code [off, off + len)}.
   *
   * @throws RtcpFormatException if it is not a well-formed REMB
   */
  public static ReceiverEstimatedMaxBitrate parse(byte[] buf, int off, int len) {
    int end = checkFci(buf, off, len);
    int count = Bytes.u8(buf, off + 16);
    int exponent = Bytes.u8(buf, off + 17) >>> 2;
    int mantissa = Bytes.u24(buf, off + 17) & MAX_MANTISSA;
    if (exponent > 0 && Long.numberOfLeadingZeros(mantissa) <= exponent) {
      throw RtcpFormatException.of("REMB at offset %d: bitrate %d * 2^%d overflows",
          off, mantissa, exponent);
    }
    List<Long> ssrcs = new ArrayList<>(count);
    for (int at = off + 20; at < end; at += 4) {
      ssrcs.add(Bytes.u32(buf, at));
    }
    return new ReceiverEstimatedMaxBitrate(Bytes.u32(buf, off + 4), Bytes.u32(buf, off + 8),
        exponent, mantissa, ssrcs);
  }

  /**
   * Rewrites SSRC feedback number {@code index} of the REMB at {@code [off, off + len)} in place.
   *
   * @throws RtcpFormatException if the REMB is malformed or has no such SSRC
   */
  public static void setSsrc(byte[] buf, int off, int len, int index, long ssrc) {
    checkFci(buf, off, len);
    int count = Bytes.u8(buf, off + 16);
    if (index < 0 || index >= count) {
      throw RtcpFormatException.of("REMB at offset %d: no SSRC %d, Num SSRC=%d", off, index, count);
    }
    Bytes.put32(buf, off + 20 + 4 * index, Bytes.checkU32(ssrc, "SSRC"));
  }

  private static int checkFci(byte[] buf, int off, int len) {
    int end = FeedbackMessage.check(buf, off, len, RtcpHeader.PSFB, FeedbackMessage.FMT_AFB,
        "REMB");
    if (end - off < 20) {
      throw RtcpFormatException.of("REMB at offset %d: %d bytes, no room for identifier, Num SSRC "
          + "and bitrate", off, end - off);
    }
    if (Bytes.u32(buf, off + 12) != UNIQUE_IDENTIFIER) {
      throw RtcpFormatException.of("REMB at offset %d: unique identifier is not 'REMB'", off);
    }
    int count = Bytes.u8(buf, off + 16);
    if (end - off != 20 + 4 * count) {
      throw RtcpFormatException.of("REMB at offset %d: Num SSRC=%d needs %d bytes, packet has %d",
          off, count, 20 + 4 * count, end - off);
    }
    return end;
  }

  /** The estimate in bits per second: BR Mantissa * 2^BR Exp. */
  public long bitrate() {
    return (long) mantissa << exponent;
  }

  @Override
  public int packetType() {
    return RtcpHeader.PSFB;
  }

  @Override
  public int count() {
    return FeedbackMessage.FMT_AFB;
  }

  @Override
  public int serializedLength() {
    return 20 + 4 * ssrcs.size();
  }

  @Override
  public int write(byte[] buf, int off) {
    int length = serializedLength();
    RtcpHeader.checkRoom(buf, off, length);
    FeedbackMessage.writeHeader(buf, off, FeedbackMessage.FMT_AFB, RtcpHeader.PSFB, length,
        senderSsrc, mediaSsrc);
    Bytes.put32(buf, off + 12, UNIQUE_IDENTIFIER);
    Bytes.put8(buf, off + 16, ssrcs.size());
    Bytes.put24(buf, off + 17, exponent << 18 | mantissa);
    int at = off + 20;
    for (long ssrc : ssrcs) {
      Bytes.put32(buf, at, ssrc);
      at += 4;
    }
    return length;
  }
}
