package dev.vertxsfu.wire.srtp;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with a 16-byte tag (RFC 7714), the transform of SRTP_AEAD_AES_128_GCM and _256_GCM.
 * The 12-byte IV is the session salt XOR the packet's position (RFC 7714 §8.1 and §9.1, as laid
 * out in its §16 and §17 examples):
 *
 * <pre>
 *   SRTP   | Pad |   SSRC    |    ROC    | SEQ |        SRTCP  | Pad |   SSRC    | Pad |  0+SRTCP  |
 *           00 00 55 01 a0 b2 00 00 00 00 f1 7b                 00 00 4d 61 72 73 00 00 00 00 05 d4
 *   salt    51 75 69 64 20 70 72 6f 20 71 75 6f         salt    51 75 69 64 20 70 72 6f 20 71 75 6f
 *   IV      51 75 3c 65 80 c2 72 6f 20 71 84 14         IV      51 75 24 05 52 03 72 6f 20 71 70 bb
 *
 *   SRTP  (§8.2):  [ RTP header = AAD ][ ciphertext of payload ][ tag (16) ]
 *   SRTCP (§9.2):  [ first 8 bytes = AAD ][ ciphertext ][ tag (16) ][ E | SRTCP index = AAD ]
 *   SRTCP, E = 0:  [ whole RTCP packet = AAD ][ tag (16) ][ 0 | SRTCP index = AAD ]
 * </pre>
 *
 * <p>{@link AesGcmTransform} uses this for texts longer than {@link AesGcmTransform#SHORT_TEXT}
 * (video), where HotSpot's PCLMULQDQ GHASH outweighs the cost of the init, and
 * {@link AesGcmCtrTransform} for the short ones.
 *
 * <p>One {@code AES/GCM/NoPadding} cipher is re-initialised per packet; a new
 * {@link GCMParameterSpec} per packet is unavoidable (the JCE takes an IV only through a spec,
 * and SunJCE also allocates its GHASH and counter state on every init). The byte-array
 * {@code doFinal(in, off, len, out, outOff)} is used directly: in place it costs no copy
 * (SunJCE copies only when the output starts after the input), and the ByteBuffer variant
 * measured the same. On JDK 17 decryption hashes the ciphertext and then decrypts it (two
 * passes, tag checked before any output is written); a wrong tag surfaces as
 * {@link AEADBadTagException}, the JCE's only way to say so, caught here and turned into
 * {@code false}.
 */
final class JceAesGcmTransform extends SrtpTransform {
  static final int TAG_LENGTH = 16;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final byte[] salt;
  private final Cipher gcm;
  private final byte[] iv = new byte[12];
  private final byte[] word = new byte[4];

  JceAesGcmTransform(SrtpProfile profile, byte[] sessionKey, byte[] sessionSalt) {
    super(TAG_LENGTH);
    this.key = new SecretKeySpec(sessionKey, "AES");
    this.salt = sessionSalt.clone();
    try {
      this.gcm = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks AES/GCM for " + profile, e);
    }
  }

  @Override
  int protectRtp(byte[] in, int inOff, int len, int headerLen, int ssrc, long index, byte[] out,
      int outOff) {
    rtpIv(ssrc, index);
    init(Cipher.ENCRYPT_MODE);
    gcm.updateAAD(in, inOff, headerLen);
    if (!inPlace(in, inOff, out, outOff)) {
      System.arraycopy(in, inOff, out, outOff, headerLen);
    }
    try {
      return headerLen + gcm.doFinal(in, inOff + headerLen, len - headerLen, out,
          outOff + headerLen);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM refused to encrypt a valid range", e);
    }
  }

  @Override
  boolean unprotectRtp(byte[] in, int inOff, int len, int headerLen, int ssrc, long index,
      byte[] out, int outOff) {
    rtpIv(ssrc, index);
    init(Cipher.DECRYPT_MODE);
    gcm.updateAAD(in, inOff, headerLen);
    if (!open(in, inOff + headerLen, len - headerLen, out, outOff + headerLen)) {
      return false;
    }
    if (!inPlace(in, inOff, out, outOff)) {
      System.arraycopy(in, inOff, out, outOff, headerLen);
    }
    return true;
  }

  @Override
  int protectRtcp(byte[] in, int inOff, int len, int ssrc, int srtcpIndex, byte[] out,
      int outOff) {
    int header = RtpHeaderFields.RTCP_HEADER_LENGTH;
    int eAndIndex = 0x8000_0000 | srtcpIndex;
    rtcpIv(ssrc, srtcpIndex);
    init(Cipher.ENCRYPT_MODE);
    gcm.updateAAD(in, inOff, header);
    RtpHeaderFields.writeInt(word, 0, eAndIndex);
    gcm.updateAAD(word, 0, 4);
    if (!inPlace(in, inOff, out, outOff)) {
      System.arraycopy(in, inOff, out, outOff, header);
    }
    try {
      int sealed = gcm.doFinal(in, inOff + header, len - header, out, outOff + header);
      RtpHeaderFields.writeInt(out, outOff + header + sealed, eAndIndex);
      return header + sealed + 4;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM refused to encrypt a valid range", e);
    }
  }

  @Override
  int srtcpIndexOffset(int len) {
    return len - 4;
  }

  @Override
  int unprotectRtcp(byte[] in, int inOff, int len, int ssrc, int eAndIndex, byte[] out,
      int outOff) {
    rtcpIv(ssrc, eAndIndex & 0x7fff_ffff);
    RtpHeaderFields.writeInt(word, 0, eAndIndex);
    int rtcpLength = len - 4 - TAG_LENGTH;
    init(Cipher.DECRYPT_MODE);
    if (eAndIndex < 0) {
      int header = RtpHeaderFields.RTCP_HEADER_LENGTH;
      gcm.updateAAD(in, inOff, header);
      gcm.updateAAD(word, 0, 4);
      if (!open(in, inOff + header, len - 4 - header, out, outOff + header)) {
        return -1;
      }
      if (!inPlace(in, inOff, out, outOff)) {
        System.arraycopy(in, inOff, out, outOff, header);
      }
    } else {
      gcm.updateAAD(in, inOff, rtcpLength);
      gcm.updateAAD(word, 0, 4);
      if (!open(in, inOff + rtcpLength, TAG_LENGTH, out, outOff)) {
        return -1;
      }
      if (!inPlace(in, inOff, out, outOff)) {
        System.arraycopy(in, inOff, out, outOff, rtcpLength);
      }
    }
    return rtcpLength;
  }

  /**
   * GMAC alone, as RFC 7714's "tagging" examples (§16.1.3, §16.2.3, §17.3) use it: the tag over
   * {@code aad[off, off+len) || extra} with an empty plaintext, written at {@code out[outOff]},
   * for the IV last set by {@link #rtpIv} or {@link #rtcpIv}.
   */
  void tagOnly(byte[] aad, int off, int len, byte[] extra, byte[] out, int outOff) {
    init(Cipher.ENCRYPT_MODE);
    gcm.updateAAD(aad, off, len);
    if (extra != null) {
      gcm.updateAAD(extra);
    }
    try {
      gcm.doFinal(aad, off, 0, out, outOff);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM refused an empty plaintext", e);
    }
  }

  /** RFC 7714 §8.1: salt XOR (00 00 || SSRC || ROC || SEQ). */
  void rtpIv(int ssrc, long index) {
    GcmIv.rtp(iv, salt, ssrc, index);
  }

  /** RFC 7714 §9.1: salt XOR (00 00 || SSRC || 00 00 || 0 + 31-bit SRTCP index). */
  void rtcpIv(int ssrc, int srtcpIndex) {
    GcmIv.rtcp(iv, salt, ssrc, srtcpIndex);
  }

  byte[] currentIv() {
    return iv.clone();
  }

  private void init(int mode) {
    try {
      try {
        gcm.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
      } catch (InvalidAlgorithmParameterException e) {
        if (mode != Cipher.ENCRYPT_MODE) {
          throw e;
        }
        // SunJCE refuses to encrypt twice in a row under one key and IV. Protecting one packet
        // index twice is legitimate only for a retransmission of the very same bytes (the
        // ciphertext is then identical too), so step through another IV and back.
        iv[0] ^= 1;
        gcm.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        iv[0] ^= 1;
        gcm.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM refused its key or IV", e);
    }
  }

  /** Decrypts and verifies; false (not an exception) for a wrong tag. */
  private boolean open(byte[] in, int off, int len, byte[] out, int outOff) {
    try {
      gcm.doFinal(in, off, len, out, outOff);
      return true;
    } catch (AEADBadTagException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM refused to decrypt a valid range", e);
    }
  }
}
