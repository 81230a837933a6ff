package dev.vertxsfu.wire.rtcp;

/**
 * One reception report block of an SR or RR (RFC 3550 §6.4.1): what the reporter received from
 * one source.
 *
 * <pre>
 *        0                   1                   2                   3
 *        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * report |                 SSRC_1 (SSRC of first source)                 |
 * block  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   1    | fraction lost |       cumulative number of packets lost       |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |           extended highest sequence number received           |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                      interarrival jitter                      |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         last SR (LSR)                         |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                   delay since last SR (DLSR)                  |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>fraction lost is a fixed-point fraction with the binary point at its left edge (0..255 for
 * 0..255/256); the cumulative number of packets lost is a signed 24-bit integer (duplicates can
 * make it negative); LSR is the middle 32 bits of the last SR's NTP timestamp and DLSR is in units
 * of 1/65536 s. The media layer builds blocks for its RRs and SRs, reads them from the RRs
 * subscribers send, and rewrites {@link #setSourceSsrc source SSRCs} in place when it forwards.
 *
 * @param sourceSsrc SSRC_n, the source this block is about (unsigned 32 bits)
 * @param fractionLost fraction lost since the previous report, 0..255
 * @param cumulativeLost cumulative number of packets lost, -2^23..2^23-1
 * @param extendedHighestSequenceNumber cycles count in the high 16 bits, highest sequence number
 *     received in the low 16 bits (unsigned 32 bits)
 * @param jitter interarrival jitter in timestamp units (unsigned 32 bits)
 * @param lastSr LSR (unsigned 32 bits)
 * @param delaySinceLastSr DLSR in 1/65536 s (unsigned 32 bits)
 */
public record ReportBlock(long sourceSsrc, int fractionLost, int cumulativeLost,
    long extendedHighestSequenceNumber, long jitter, long lastSr, long delaySinceLastSr) {

  /** Octets of one block. */
  public static final int LENGTH = 24;
  /** The smallest and largest cumulative number of packets lost a 24-bit field holds. */
  public static final int MIN_CUMULATIVE_LOST = -(1 << 23);
  public static final int MAX_CUMULATIVE_LOST = (1 << 23) - 1;

  public ReportBlock {
    Bytes.checkU32(sourceSsrc, "SSRC");
    Bytes.checkRange(fractionLost, 0, 255, "fraction lost");
    Bytes.checkRange(cumulativeLost, MIN_CUMULATIVE_LOST, MAX_CUMULATIVE_LOST, "cumulative lost");
    Bytes.checkU32(extendedHighestSequenceNumber, "extended highest sequence number");
    Bytes.checkU32(jitter, "jitter");
    Bytes.checkU32(lastSr, "LSR");
    Bytes.checkU32(delaySinceLastSr, "DLSR");
  }

  /**
   * Reads the block at {@code at}; the caller (an SR or RR parser) has checked that 24 bytes are
   * there.
   */
  static ReportBlock read(byte[] buf, int at) {
    return new ReportBlock(Bytes.u32(buf, at), Bytes.u8(buf, at + 4), Bytes.s24(buf, at + 5),
        Bytes.u32(buf, at + 8), Bytes.u32(buf, at + 12), Bytes.u32(buf, at + 16),
        Bytes.u32(buf, at + 20));
  }

  void write(byte[] buf, int at) {
    Bytes.put32(buf, at, sourceSsrc);
    Bytes.put8(buf, at + 4, fractionLost);
    Bytes.put24(buf, at + 5, cumulativeLost);
    Bytes.put32(buf, at + 8, extendedHighestSequenceNumber);
    Bytes.put32(buf, at + 12, jitter);
    Bytes.put32(buf, at + 16, lastSr);
    Bytes.put32(buf, at + 20, delaySinceLastSr);
  }

  /**
   * SSRC_n of the block at {@code blockOffset}, an offset obtained from {@link
   * SenderReport#reportBlockOffset} or {@link ReceiverReport#reportBlockOffset}.
   */
  public static long sourceSsrc(byte[] buf, int blockOffset) {
    return Bytes.u32(buf, blockOffset);
  }

  /**
   * Rewrites SSRC_n of the block at {@code blockOffset} in place, an offset obtained from {@link
   * SenderReport#reportBlockOffset} or {@link ReceiverReport#reportBlockOffset}.
   */
  public static void setSourceSsrc(byte[] buf, int blockOffset, long ssrc) {
    Bytes.put32(buf, blockOffset, Bytes.checkU32(ssrc, "SSRC"));
  }
}
