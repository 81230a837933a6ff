package dev.vertxsfu.wire.rtp.codec;

/**
 * The AV1 aggregation header (RTP Payload Format for AV1, §4.4), the first byte of every AV1
 * RTP payload.
 *
 * <pre>
 *    0 1 2 3 4 5 6 7
 *   +-+-+-+-+-+-+-+-+
 *   |Z|Y| W |N|-|-|-|
 *   +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>N is set on the first packet of a coded video sequence, which starts with a key frame.
 * Stateless; an empty payload is not a key frame.
 */
public final class Av1AggregationHeader {
  private Av1AggregationHeader() {}

  public static boolean isKeyFrame(byte[] buf, int off, int len) {
    return len >= 1 && (buf[off] & 0x08) != 0;
  }
}
