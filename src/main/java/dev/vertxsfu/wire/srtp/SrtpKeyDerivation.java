package dev.vertxsfu.wire.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SRTP key derivation function of RFC 3711 §4.3 with the AES-CM PRF (§4.3.3), for a key
 * derivation rate of 0 (the only one DTLS-SRTP uses, RFC 5764 §4.1.2), so {@code r = 0}:
 *
 * <pre>
 *   key_id = label || r          (r = index DIV key_derivation_rate = 0, 48 bits)
 *   x      = key_id XOR master_salt   (aligned on their least significant bits)
 *   session key = AES-CM(master_key, x * 2^16), as many 16-byte blocks as needed
 *
 *   label  0x00 SRTP encryption key    0x03 SRTCP encryption key
 *          0x01 SRTP auth key          0x04 SRTCP auth key
 *          0x02 SRTP salt              0x05 SRTCP salt
 * </pre>
 *
 * <p>With a 32-byte master key the PRF is AES-256 (AES_256_CM_PRF, RFC 6188 §7.1), as RFC 7714
 * §11 requires for AEAD_AES_256_GCM. RFC 7714's 96-bit master salt is first multiplied by 2^16
 * to the 112-bit salt the PRF expects (RFC 7714 erratum 4938, and what libsrtp does), that is
 * padded with two zero bytes on the right. Runs once per master key, not per packet.
 */
final class SrtpKeyDerivation {
  static final int LABEL_RTP_ENCRYPTION = 0x00;
  static final int LABEL_RTP_MSG_AUTH = 0x01;
  static final int LABEL_RTP_SALT = 0x02;
  static final int LABEL_RTCP_ENCRYPTION = 0x03;
  static final int LABEL_RTCP_MSG_AUTH = 0x04;
  static final int LABEL_RTCP_SALT = 0x05;

  private SrtpKeyDerivation() {}

  /** {@code length} bytes of session keying material for {@code label}. */
  static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
    if (masterSalt.length > 14) {
      throw new SrtpFormatException("master salt of " + masterSalt.length
          + " bytes, the AES-CM PRF takes at most 14");
    }
    int blocks = (length + 15) / 16;
    byte[] input = new byte[blocks * 16];
    for (int b = 0; b < blocks; b++) {
      int at = b * 16;
      System.arraycopy(masterSalt, 0, input, at, masterSalt.length);
      input[at + 7] ^= (byte) label;
      input[at + 14] = (byte) (b >>> 8);
      input[at + 15] = (byte) b;
    }
    try {
      Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"));
      byte[] output = aes.doFinal(input);
      return java.util.Arrays.copyOf(output, length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK refused AES with a " + masterKey.length
          + "-byte key", e);
    }
  }
}
