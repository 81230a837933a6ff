package dev.vertxsfu.wire.srtp;

/**
 * The 12-byte AES-GCM initialization vector of SRTP and SRTCP (RFC 7714 §8.1 and §9.1): the
 * session salt XOR a block holding the SSRC and the packet index. Both GCM paths
 * ({@link JceAesGcmTransform}, {@link AesGcmCtrTransform}) write their IV through it.
 *
 * <p>Pure and stateless; the caller owns the arrays, on its own thread.
 */
final class GcmIv {
  private GcmIv() {}

  /** RFC 7714 §8.1: salt XOR (00 00 || SSRC || ROC || SEQ), {@code index} = ROC || SEQ. */
  static void rtp(byte[] iv, byte[] salt, int ssrc, long index) {
    fill(iv, salt, ssrc, (int) (index >>> 16), (int) index & 0xffff);
  }

  /** RFC 7714 §9.1: salt XOR (00 00 || SSRC || 00 00 || 0 + 31-bit SRTCP index). */
  static void rtcp(byte[] iv, byte[] salt, int ssrc, int srtcpIndex) {
    fill(iv, salt, ssrc, srtcpIndex >>> 16, srtcpIndex & 0xffff);
  }

  private static void fill(byte[] v, byte[] s, int ssrc, int high, int low) {
    v[0] = s[0];
    v[1] = s[1];
    v[2] = (byte) (s[2] ^ (ssrc >>> 24));
    v[3] = (byte) (s[3] ^ (ssrc >>> 16));
    v[4] = (byte) (s[4] ^ (ssrc >>> 8));
    v[5] = (byte) (s[5] ^ ssrc);
    v[6] = (byte) (s[6] ^ (high >>> 24));
    v[7] = (byte) (s[7] ^ (high >>> 16));
    v[8] = (byte) (s[8] ^ (high >>> 8));
    v[9] = (byte) (s[9] ^ high);
    v[10] = (byte) (s[10] ^ (low >>> 8));
    v[11] = (byte) (s[11] ^ low);
  }
}
