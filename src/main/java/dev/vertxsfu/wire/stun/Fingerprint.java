package dev.vertxsfu.wire.stun;

import java.util.zip.CRC32;

/**
 * The FINGERPRINT attribute (RFC 8489 §14.7): a CRC-32 of the message up to the attribute,
 * XORed with 0x5354554e, which tells STUN apart from other protocols sharing the port. Always
 * the last attribute; the header's length field already counts it when the CRC is computed.
 *
 * <pre>
 *      0                   1                   2                   3
 *      0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |     Type = 0x8028             |          Length = 4           |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |              CRC-32 (ITU-T V.42) XOR 0x5354554e               |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>(RFC 8489 draws no figure for it; the one above follows Figure 4.) The CRC is the one of
 * ITU-T V.42, which {@link CRC32} computes. Its owners ({@link StunMessage},
 * {@link StunMessageBuilder}) each keep one {@code CRC32} and pass it in, so no object is made
 * per message.
 */
final class Fingerprint {
  private Fingerprint() {}

  /** The value XORed into the CRC, "STUN" in ASCII. */
  static final int FINGERPRINT_XOR = 0x5354554e;
  /** The value length, 32 bits. */
  static final int LENGTH = 4;

  /** The FINGERPRINT value of the {@code length} bytes at {@code offset}. */
  static int compute(CRC32 crc, byte[] buf, int offset, int length) {
    crc.reset();
    crc.update(buf, offset, length);
    return (int) crc.getValue() ^ FINGERPRINT_XOR;
  }
}
