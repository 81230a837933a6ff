package dev.vertxsfu.wire.srtp;

/**
 * AES-GCM for SRTP and SRTCP (RFC 7714), by text length: {@link AesGcmCtrTransform} (counter
 * mode on a once-initialised AES plus our own GHASH, nothing initialised per packet) for an RTP
 * text of up to {@value #SHORT_TEXT} bytes, {@link JceAesGcmTransform} (SunJCE's GCM,
 * re-initialised per packet) for longer ones and for all SRTCP. Both give the same bytes.
 *
 * <p>The split follows what {@code GcmCpuTime} (beside {@code GcmBench}, in thread CPU time
 * because JMH's wall-clock scores swing tenfold on this shared machine) measured on JDK 17 with
 * AES-NI, VAES and PCLMULQDQ, ns per RTP protect, with one key (all in cache) and with 320 keys
 * taking turns, as the subscribers of a wide fan-out do (each key's 4 KB GHASH table then comes
 * from L2 or further):
 *
 * <pre>
 *   RTP packet bytes            40    100    250   1200
 *   JCE GCM, 1 key             354    395    495    603
 *   CTR + own GHASH, 1 key     163    273    603  2,593
 *   JCE GCM, 320 keys          343    386    497    599
 *   CTR + own GHASH, 320 keys  253    394    726  3,534
 *   this, 320 keys             270    415    483    597
 * </pre>
 *
 * <p>SunJCE's {@code Cipher.init} (new GHASH, counter and engine objects, H encrypted again, the
 * key and IV compared with the last ones) is most of the JCE's cost on a short packet; the rest
 * is its PCLMULQDQ GHASH at a few ns per block, which no table GHASH in Java approaches (ours
 * costs about 26 ns a block with its table in L1, more without). So RTP texts up to 64 bytes
 * (silence and DTX audio, small frames) skip the init, a quarter of their cost with cold tables
 * and half with warm ones, and everything longer keeps the hardware GHASH.
 *
 * <p>Memory decided the rest. The counter-mode path costs ~6 KB per context (its 4 KB GHASH
 * table, an ECB cipher, scratch), so it is built on a context's first short RTP packet (an audio
 * stream's context, seldom a video one's), and SRTCP, a few packets a second, keeps the JCE.
 * Measured per set of session keys with two SRTP contexts and one SRTCP context: 4.1 KB with
 * the JCE alone, 4.4 KB with this before any short packet, 9.9 KB once one context has sent
 * one (built for every context and shared per key instead: 16.6 KB). Setting
 * {@link #SHORT_TEXT} to -1 turns the path off. The JCE path, ~0.9 KB, can be shared by the
 * contexts of one session and thread (the sibling constructor; {@code SrtpSession} does), as it
 * is initialised per packet anyway.
 *
 * <p>Owned by one {@link SrtpContext} or {@link SrtcpContext}, so one thread.
 */
final class AesGcmTransform extends SrtpTransform {
  /**
   * RTP texts up to this length take the counter-mode path: the paths cross at 140-190 bytes of
   * packet with one key in cache, at ~90 with 320 keys taking turns.
   */
  static final int SHORT_TEXT = 64;

  private final byte[] key;
  private final byte[] salt;
  private final boolean shortRtpByCounterMode;
  private final JceAesGcmTransform jce;
  /** Built on the first short RTP packet: a context that never sees one never pays its 5 KB. */
  private AesGcmCtrTransform ctr;

  /**
   * @param shortRtpByCounterMode whether short RTP packets take the counter-mode path (SRTP
   *     contexts); SRTCP contexts keep the JCE, RTCP being a few packets a second
   */
  AesGcmTransform(SrtpProfile profile, byte[] sessionKey, byte[] sessionSalt,
      boolean shortRtpByCounterMode) {
    this(sessionKey, sessionSalt, shortRtpByCounterMode,
        new JceAesGcmTransform(profile, sessionKey, sessionSalt));
  }

  /**
   * A transform for another context of the same session keys that uses {@code shared}'s JCE
   * cipher: the cipher is initialised for every packet with that packet's IV, and the IV scratch
   * is set and used within one call, so contexts of one owner thread can take turns on it. The
   * counter-mode path stays per context (built on its first short packet).
   */
  AesGcmTransform(byte[] sessionKey, byte[] sessionSalt, boolean shortRtpByCounterMode,
      JceAesGcmTransform shared) {
    super(JceAesGcmTransform.TAG_LENGTH);
    this.key = sessionKey.clone();
    this.salt = sessionSalt.clone();
    this.shortRtpByCounterMode = shortRtpByCounterMode;
    this.jce = shared;
  }

  /** The JCE path, for a sibling context of the same keys to share. */
  JceAesGcmTransform jce() {
    return jce;
  }

  private AesGcmCtrTransform ctr() {
    if (ctr == null) {
      ctr = new AesGcmCtrTransform(key, salt);
    }
    return ctr;
  }

  /** Whether the counter-mode path has been built (tests: it is built only when needed). */
  boolean hasCounterMode() {
    return ctr != null;
  }

  @Override
  int protectRtp(byte[] in, int inOff, int len, int headerLen, int ssrc, long index, byte[] out,
      int outOff) {
    return shortRtpByCounterMode && len - headerLen <= SHORT_TEXT
        ? ctr().protectRtp(in, inOff, len, headerLen, ssrc, index, out, outOff)
        : jce.protectRtp(in, inOff, len, headerLen, ssrc, index, out, outOff);
  }

  @Override
  boolean unprotectRtp(byte[] in, int inOff, int len, int headerLen, int ssrc, long index,
      byte[] out, int outOff) {
    return shortRtpByCounterMode && len - headerLen - tagLength <= SHORT_TEXT
        ? ctr().unprotectRtp(in, inOff, len, headerLen, ssrc, index, out, outOff)
        : jce.unprotectRtp(in, inOff, len, headerLen, ssrc, index, out, outOff);
  }

  @Override
  int protectRtcp(byte[] in, int inOff, int len, int ssrc, int srtcpIndex, byte[] out,
      int outOff) {
    return jce.protectRtcp(in, inOff, len, ssrc, srtcpIndex, out, outOff);
  }

  @Override
  int srtcpIndexOffset(int len) {
    return jce.srtcpIndexOffset(len);
  }

  @Override
  int unprotectRtcp(byte[] in, int inOff, int len, int ssrc, int eAndIndex, byte[] out,
      int outOff) {
    return jce.unprotectRtcp(in, inOff, len, ssrc, eAndIndex, out, outOff);
  }

  /** GMAC alone for the IV last set, see {@link JceAesGcmTransform#tagOnly}. */
  void tagOnly(byte[] aad, int off, int len, byte[] extra, byte[] out, int outOff) {
    jce.tagOnly(aad, off, len, extra, out, outOff);
  }

  /** RFC 7714 §8.1, see {@link JceAesGcmTransform#rtpIv}. */
  void rtpIv(int ssrc, long index) {
    jce.rtpIv(ssrc, index);
  }

  /** RFC 7714 §9.1, see {@link JceAesGcmTransform#rtcpIv}. */
  void rtcpIv(int ssrc, int srtcpIndex) {
    jce.rtcpIv(ssrc, srtcpIndex);
  }

  byte[] currentIv() {
    return jce.currentIv();
  }
}
