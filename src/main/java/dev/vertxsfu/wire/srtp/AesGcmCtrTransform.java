package dev.vertxsfu.wire.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with a 16-byte tag (RFC 7714) built from its two halves (NIST SP 800-38D §7) so that
 * nothing is initialised per packet: the counter-mode keystream comes from one
 * {@code AES/ECB/NoPadding} cipher initialised once with the session key (HotSpot runs it on
 * AES-NI, several blocks at a time with VAES), and the tag from {@link Ghash}, whose tables are
 * built once from H = AES_K(0^128). The JCE's {@code AES/GCM/NoPadding} cannot take a new IV
 * without {@code Cipher.init}, which in SunJCE allocates a new GHASH, counter and engine and
 * encrypts H again on every packet.
 *
 * <p>For the 12-byte IV of RFC 7714 §8.1 and §9.1 (laid out in {@link JceAesGcmTransform}),
 * J0 = IV || 0^31 || 1; the payload is XORed with AES_K(inc32^i(J0)) for i = 1, 2, ..., and
 * tag = GHASH_H(AAD, ciphertext) XOR AES_K(J0). The keystream is made in chunks of
 * {@value #CHUNK_BLOCKS} blocks: the counter blocks are written into one scratch array and
 * encrypted with one {@code Cipher.update}, J0 riding along as the first block of the first chunk.
 *
 * <p>Our GHASH in Java costs about 26 ns a block against a few ns for HotSpot's PCLMULQDQ GHASH
 * inside the JCE's GCM, whose {@code Cipher.init} costs about 300 ns; so this is the faster
 * transform only for short texts, and {@link AesGcmTransform} uses it for those alone.
 *
 * <p>Owned by one {@link AesGcmTransform}, so one crypto context and one thread; holds the ECB
 * cipher, the GHASH with its 4 KB table and about 600 bytes of scratch. Unprotecting hashes and checks the
 * tag (in constant time) before it writes anything, as {@link SrtpTransform} requires.
 */
final class AesGcmCtrTransform extends SrtpTransform {
  static final int TAG_LENGTH = 16;
  private static final int CHUNK_BLOCKS = 16;
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_NATIVE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private final byte[] salt;
  private final Cipher ecb;
  private final Ghash ghash;
  private final byte[] iv = new byte[12];
  /** Counter blocks in, keystream out; block 0 is J0 (its AES output masks the tag). */
  private final byte[] counters = new byte[(CHUNK_BLOCKS + 1) * 16];
  private final byte[] keystream = new byte[(CHUNK_BLOCKS + 1) * 16];
  /** The tail of an AAD that spans two pieces (RTCP and its E || index word). */
  private final byte[] aadTail = new byte[32];
  private long ivHigh;
  private long ivLow;
  private long maskHigh;
  private long maskLow;

  AesGcmCtrTransform(byte[] sessionKey, byte[] sessionSalt) {
    super(TAG_LENGTH);
    this.salt = sessionSalt.clone();
    this.ecb = ecb(sessionKey);
    byte[] h = new byte[16];
    try {
      ecb.update(h, 0, 16, h, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/ECB refused one block", e);
    }
    this.ghash = new Ghash(Ghash.table(h));
  }

  private static Cipher ecb(byte[] key) {
    try {
      Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
      ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
      return ecb;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks AES/ECB for a " + key.length
          + "-byte key", e);
    }
  }

  @Override
  int protectRtp(byte[] in, int inOff, int len, int headerLen, int ssrc, long index, byte[] out,
      int outOff) {
    rtpIv(ssrc, index);
    ghash.reset();
    ghash.updatePadded(in, inOff, headerLen);
    if (!inPlace(in, inOff, out, outOff)) {
      System.arraycopy(in, inOff, out, outOff, headerLen);
    }
    int textLen = len - headerLen;
    startKeystream(textLen);
    crypt(in, inOff + headerLen, textLen, out, outOff + headerLen, true);
    ghash.lengths(headerLen, textLen);
    writeTag(out, outOff + len);
    return len + TAG_LENGTH;
  }

  @Override
  boolean unprotectRtp(byte[] in, int inOff, int len, int headerLen, int ssrc, long index,
      byte[] out, int outOff) {
    rtpIv(ssrc, index);
    int textLen = len - headerLen - TAG_LENGTH;
    startKeystream(textLen);
    ghash.reset();
    ghash.updatePadded(in, inOff, headerLen);
    ghash.updatePadded(in, inOff + headerLen, textLen);
    ghash.lengths(headerLen, textLen);
    if (!tagMatches(in, inOff + headerLen + textLen)) {
      return false;
    }
    if (!inPlace(in, inOff, out, outOff)) {
      System.arraycopy(in, inOff, out, outOff, headerLen);
    }
    crypt(in, inOff + headerLen, textLen, out, outOff + headerLen, false);
    return true;
  }

  @Override
  int protectRtcp(byte[] in, int inOff, int len, int ssrc, int srtcpIndex, byte[] out,
      int outOff) {
    int header = RtpHeaderFields.RTCP_HEADER_LENGTH;
    int eAndIndex = 0x8000_0000 | srtcpIndex;
    rtcpIv(ssrc, srtcpIndex);
    ghash.reset();
    hashAad(in, inOff, header, eAndIndex);
    if (!inPlace(in, inOff, out, outOff)) {
      System.arraycopy(in, inOff, out, outOff, header);
    }
    int textLen = len - header;
    startKeystream(textLen);
    crypt(in, inOff + header, textLen, out, outOff + header, true);
    ghash.lengths(header + 4, textLen);
    writeTag(out, outOff + len);
    RtpHeaderFields.writeInt(out, outOff + len + TAG_LENGTH, eAndIndex);
    return len + TAG_LENGTH + 4;
  }

  @Override
  int srtcpIndexOffset(int len) {
    return len - 4;
  }

  @Override
  int unprotectRtcp(byte[] in, int inOff, int len, int ssrc, int eAndIndex, byte[] out,
      int outOff) {
    rtcpIv(ssrc, eAndIndex & 0x7fff_ffff);
    int rtcpLength = len - 4 - TAG_LENGTH;
    ghash.reset();
    if (eAndIndex < 0) {
      int header = RtpHeaderFields.RTCP_HEADER_LENGTH;
      int textLen = rtcpLength - header;
      startKeystream(textLen);
      hashAad(in, inOff, header, eAndIndex);
      ghash.updatePadded(in, inOff + header, textLen);
      ghash.lengths(header + 4, textLen);
      if (!tagMatches(in, inOff + rtcpLength)) {
        return -1;
      }
      if (!inPlace(in, inOff, out, outOff)) {
        System.arraycopy(in, inOff, out, outOff, header);
      }
      crypt(in, inOff + header, textLen, out, outOff + header, false);
    } else {
      startKeystream(0);
      hashAad(in, inOff, rtcpLength, eAndIndex);
      ghash.lengths(rtcpLength + 4, 0);
      if (!tagMatches(in, inOff + rtcpLength)) {
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
    ghash.reset();
    if (extra == null) {
      ghash.updatePadded(aad, off, len);
      ghash.lengths(len, 0);
    } else {
      hashAad(aad, off, len, RtpHeaderFields.readInt(extra, 0));
      ghash.lengths(len + 4, 0);
    }
    startKeystream(0);
    writeTag(out, outOff);
  }

  /** RFC 7714 §8.1: salt XOR (00 00 || SSRC || ROC || SEQ). */
  void rtpIv(int ssrc, long index) {
    GcmIv.rtp(iv, salt, ssrc, index);
    cacheIv();
  }

  /** RFC 7714 §9.1: salt XOR (00 00 || SSRC || 00 00 || 0 + 31-bit SRTCP index). */
  void rtcpIv(int ssrc, int srtcpIndex) {
    GcmIv.rtcp(iv, salt, ssrc, srtcpIndex);
    cacheIv();
  }

  byte[] currentIv() {
    return iv.clone();
  }

  /** Caches the IV as the two words the counter blocks start from. */
  private void cacheIv() {
    ivHigh = (long) LONG_BE.get(iv, 0);
    ivLow = ((long) RtpHeaderFields.readInt(iv, 8)) << 32;
  }

  /** AAD = {@code in[off, off+len) || eAndIndex}, hashed as one string. */
  private void hashAad(byte[] in, int off, int len, int eAndIndex) {
    int whole = len & ~15;
    ghash.updatePadded(in, off, whole);
    int rest = len - whole;
    System.arraycopy(in, off + whole, aadTail, 0, rest);
    RtpHeaderFields.writeInt(aadTail, rest, eAndIndex);
    ghash.updatePadded(aadTail, 0, rest + 4);
  }

  /**
   * Encrypts J0 and the counter blocks of the first chunk of a {@code len}-byte text in one
   * {@code Cipher.update}; keeps AES_K(J0), the tag mask, in {@link #maskHigh}, {@link #maskLow}.
   */
  private void startKeystream(int len) {
    int blocks = Math.min((len + 15) >>> 4, CHUNK_BLOCKS);
    byte[] c = counters;
    LONG_BE.set(c, 0, ivHigh);
    LONG_BE.set(c, 8, ivLow | 1);
    for (int b = 1; b <= blocks; b++) {
      LONG_BE.set(c, b << 4, ivHigh);
      LONG_BE.set(c, (b << 4) + 8, ivLow | (b + 1));
    }
    encryptCounters((blocks + 1) << 4);
    maskHigh = (long) LONG_BE.get(keystream, 0);
    maskLow = (long) LONG_BE.get(keystream, 8);
  }

  /**
   * Counter mode over {@code in[off, off+len)} into {@code out[outOff]} (in place or disjoint),
   * after {@link #startKeystream}; hashes the ciphertext when encrypting.
   */
  private void crypt(byte[] in, int off, int len, byte[] out, int outOff, boolean encrypting) {
    int todo = Math.min(len, CHUNK_BLOCKS * 16);
    xor(in, off, out, outOff, 16, todo);
    if (encrypting) {
      ghash.updatePadded(out, outOff, todo);
    }
    int done = todo;
    long counter = CHUNK_BLOCKS + 2;
    while (done < len) {
      todo = Math.min(len - done, CHUNK_BLOCKS * 16);
      int blocks = (todo + 15) >>> 4;
      byte[] c = counters;
      for (int b = 0; b < blocks; b++) {
        LONG_BE.set(c, b << 4, ivHigh);
        LONG_BE.set(c, (b << 4) + 8, ivLow | ((counter + b) & 0xFFFF_FFFFL));
      }
      encryptCounters(blocks << 4);
      xor(in, off + done, out, outOff + done, 0, todo);
      if (encrypting) {
        ghash.updatePadded(out, outOff + done, todo);
      }
      counter += blocks;
      done += todo;
    }
  }

  private void encryptCounters(int bytes) {
    try {
      ecb.update(counters, 0, bytes, keystream, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/ECB refused whole blocks", e);
    }
  }

  private void xor(byte[] in, int off, byte[] out, int outOff, int ksOff, int len) {
    byte[] ks = keystream;
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      long v = (long) LONG_NATIVE.get(in, off + i) ^ (long) LONG_NATIVE.get(ks, ksOff + i);
      LONG_NATIVE.set(out, outOff + i, v);
    }
    for (; i < len; i++) {
      out[outOff + i] = (byte) (in[off + i] ^ ks[ksOff + i]);
    }
  }

  private void writeTag(byte[] out, int at) {
    LONG_BE.set(out, at, ghash.hi() ^ maskHigh);
    LONG_BE.set(out, at + 8, ghash.lo() ^ maskLow);
  }

  /** Compares the computed tag with {@code in[at, at+16)} in constant time. */
  private boolean tagMatches(byte[] in, int at) {
    long dh = ghash.hi() ^ maskHigh ^ (long) LONG_BE.get(in, at);
    long dl = ghash.lo() ^ maskLow ^ (long) LONG_BE.get(in, at + 8);
    return (dh | dl) == 0;
  }
}
