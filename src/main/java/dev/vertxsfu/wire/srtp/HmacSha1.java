package dev.vertxsfu.wire.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA1 (RFC 2104) for the authentication tag of RFC 3711 §4.2.1: one {@link Mac}, keyed
 * once and reused for every packet, so a tag allocates nothing.
 *
 * <p>(Cloning SHA-1 states prepared with the padded key saves the two key-block compressions
 * a reused {@code Mac} repeats, about 9% of a 1,200-byte packet on a CPU without SHA-NI, but
 * allocates about 1 KB per packet; the forwarding path keeps allocation out instead. GCM, which
 * the SFU prefers, needs no HMAC at all.)
 *
 * <p>One owner thread, the SRTP context's.
 */
final class HmacSha1 {
  static final int LENGTH = 20;
  private static final int BLOCK = 64;

  private final Mac mac;

  HmacSha1(byte[] key) {
    if (key.length > BLOCK) {
      throw new SrtpFormatException("HMAC key of " + key.length + " bytes, at most 64 expected");
    }
    try {
      mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA1", e);
    }
  }

  /**
   * The 20-byte HMAC of {@code buf[off, off+len)} followed by {@code trailer[0, trailerLen)},
   * written to {@code out[0, 20)}.
   */
  void mac(byte[] buf, int off, int len, byte[] trailer, int trailerLen, byte[] out) {
    mac.update(buf, off, len);
    mac.update(trailer, 0, trailerLen);
    try {
      mac.doFinal(out, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException("a 20-byte output was refused", e);
    }
  }
}
