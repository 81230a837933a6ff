package dev.vertxsfu.wire.mux;

/**
 * Classifies a datagram received on a WebRTC transport's shared port by its first byte, as
 * RFC 7983 §7 (which updates RFC 5764 §5.1.2) prescribes, and tells RTP from RTCP by the
 * second byte as RFC 5761 §4 allows.
 *
 * <pre>
 *                  +----------------+
 *                  |        [0..3] -+--&gt; forward to STUN
 *                  |                |
 *                  |      [16..19] -+--&gt; forward to ZRTP
 *                  |                |
 *      packet --&gt;  |      [20..63] -+--&gt; forward to DTLS
 *                  |                |
 *                  |      [64..79] -+--&gt; forward to TURN Channel
 *                  |                |
 *                  |    [128..191] -+--&gt; forward to RTP/RTCP
 *                  +----------------+
 * </pre>
 *
 * <p>Within 128..191 the second byte is RTP's marker bit and payload type, or RTCP's packet
 * type. RTCP packet types 192-223 are, without the marker bit, 64-95, which is why RFC 5761
 * §4 forbids RTP payload types 64-95 on a multiplexed port; so a second byte whose low 7 bits
 * fall in 64..95 marks RTCP (the test libwebrtc uses). That also counts second bytes 64..95
 * (marker clear, a forbidden payload type) as RTCP, where the RTCP parser will refuse them.
 *
 * <p>Called once per received datagram by the socket owner ({@code WebRtcServer}). It reads
 * at most two bytes, allocates nothing, keeps no state, and never throws: a null buffer,
 * bounds outside the buffer, and inputs shorter than two bytes are {@link DatagramKind#OTHER}.
 * It does not check that the rest of the datagram is well formed: the chosen protocol's parser
 * does that.
 */
public final class DatagramClassifier {
  private DatagramClassifier() {}

  /** The kind of the datagram at {@code buf[off .. off+len)}; see the class comment. */
  public static DatagramKind classify(byte[] buf, int off, int len) {
    if (buf == null || off < 0 || len < 2 || off > buf.length - len) {
      return DatagramKind.OTHER;
    }
    int first = buf[off] & 0xFF;
    if (first <= 3) {
      return DatagramKind.STUN;
    }
    if (first < 16) {
      return DatagramKind.OTHER;
    }
    if (first <= 19) {
      return DatagramKind.ZRTP;
    }
    if (first <= 63) {
      return DatagramKind.DTLS;
    }
    if (first <= 79) {
      return DatagramKind.TURN_CHANNEL;
    }
    if (first < 128 || first > 191) {
      return DatagramKind.OTHER;
    }
    int type = buf[off + 1] & 0x7F;
    return type >= 64 && type <= 95 ? DatagramKind.RTCP : DatagramKind.RTP;
  }

  /** The kind of a whole array; see {@link #classify(byte[], int, int)}. */
  public static DatagramKind classify(byte[] datagram) {
    return datagram == null ? DatagramKind.OTHER : classify(datagram, 0, datagram.length);
  }
}
