package dev.vertxsfu.wire.rtcp;

/**
 * One FIR FCI entry (RFC 5104 §4.3.1.1): the media sender asked for a decoder refresh point and
 * the request's sequence number. The 24 reserved bits are written as zero and ignored on reading.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                              SSRC                             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Seq nr.       |    Reserved                                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param ssrc SSRC of the media sender that should send a decoder refresh point
 * @param sequenceNumber command sequence number, 0..255, incremented per new request
 */
public record FirEntry(long ssrc, int sequenceNumber) {
  /** Octets of one entry. */
  public static final int LENGTH = 8;

  public FirEntry {
    Bytes.checkU32(ssrc, "SSRC");
    Bytes.checkRange(sequenceNumber, 0, 255, "FIR sequence number");
  }
}
