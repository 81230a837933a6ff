package dev.vertxsfu.wire.srtp;

/**
 * The cryptographic transform of one crypto context: encryption plus authentication of an RTP or
 * RTCP packet whose header, SSRC and packet index the context has already worked out. Two
 * implementations: {@link AesCmTransform} (RFC 3711 §4.1.1 and §4.2.1) and
 * {@link AesGcmTransform} (RFC 7714).
 *
 * <p>Each instance owns its JCE objects and scratch buffers and belongs to exactly one context, so
 * one thread. Ranges are valid (the context checked them), and {@code out} is either {@code in}
 * at the same offset (in place) or a region that does not overlap the input. Unprotecting
 * verifies before it writes anything, so a forgery leaves {@code out} untouched.
 */
abstract class SrtpTransform {
  final int tagLength;

  SrtpTransform(int tagLength) {
    this.tagLength = tagLength;
  }

  /**
   * Protects the RTP packet {@code in[inOff, inOff+len)} whose header is {@code headerLen} bytes,
   * writing the SRTP packet at {@code out[outOff]}.
   *
   * @return the SRTP packet length, {@code len + tagLength}
   */
  abstract int protectRtp(byte[] in, int inOff, int len, int headerLen, int ssrc, long index,
      byte[] out, int outOff);

  /**
   * Verifies the SRTP packet {@code in[inOff, inOff+len)} (tag included) and, if authentic,
   * writes the RTP packet of {@code len - tagLength} bytes at {@code out[outOff]}.
   */
  abstract boolean unprotectRtp(byte[] in, int inOff, int len, int headerLen, int ssrc,
      long index, byte[] out, int outOff);

  /**
   * Protects the RTCP packet {@code in[inOff, inOff+len)} with the E flag set (always encrypted),
   * writing the SRTCP packet at {@code out[outOff]}.
   *
   * @return the SRTCP packet length, {@code len + 4 + tagLength}
   */
  abstract int protectRtcp(byte[] in, int inOff, int len, int ssrc, int srtcpIndex, byte[] out,
      int outOff);

  /** Where the E flag and SRTCP index word sits in an SRTCP packet of {@code len} bytes. */
  abstract int srtcpIndexOffset(int len);

  /**
   * Verifies the SRTCP packet {@code in[inOff, inOff+len)} and, if authentic, writes the RTCP
   * packet at {@code out[outOff]}, decrypted if the E flag of {@code eAndIndex} is set.
   *
   * @return the RTCP packet length, or -1 if the tag does not verify
   */
  abstract int unprotectRtcp(byte[] in, int inOff, int len, int ssrc, int eAndIndex, byte[] out,
      int outOff);

  static boolean inPlace(byte[] in, int inOff, byte[] out, int outOff) {
    return in == out && inOff == outOff;
  }
}
