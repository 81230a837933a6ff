package dev.vertxsfu.wire.srtp;

import java.util.Arrays;

/**
 * Splits the DTLS exporter output into the two directions' master keys (RFC 5764 §4.2):
 *
 * <pre>
 *   client_write_SRTP_master_key[SRTPSecurityParams.master_key_len];
 *   server_write_SRTP_master_key[SRTPSecurityParams.master_key_len];
 *   client_write_SRTP_master_salt[SRTPSecurityParams.master_salt_len];
 *   server_write_SRTP_master_salt[SRTPSecurityParams.master_salt_len];
 * </pre>
 *
 * <p>Called once per handshake by {@code media.dtls}, which exports
 * {@link SrtpProfile#keyingMaterialLength()} bytes with {@link #EXPORTER_LABEL}. As the DTLS
 * server the SFU unprotects with {@link #clientWriteKeys} and protects with
 * {@link #serverWriteKeys}; a DTLS client does the opposite.
 */
public final class SrtpKeyingMaterial {
  /** The TLS exporter label of RFC 5764 §4.2. */
  public static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";

  private SrtpKeyingMaterial() {}

  /** Session keys of what the DTLS client sends. */
  public static SrtpSessionKeys clientWriteKeys(SrtpProfile profile, byte[] material) {
    return keys(profile, material, true);
  }

  /** Session keys of what the DTLS server sends. */
  public static SrtpSessionKeys serverWriteKeys(SrtpProfile profile, byte[] material) {
    return keys(profile, material, false);
  }

  private static SrtpSessionKeys keys(SrtpProfile profile, byte[] material, boolean client) {
    if (profile == null) {
      throw new SrtpFormatException("no SRTP profile");
    }
    if (material == null || material.length != profile.keyingMaterialLength()) {
      throw new SrtpFormatException(profile + " needs " + profile.keyingMaterialLength()
          + " bytes of keying material, got " + (material == null ? "none" : material.length));
    }
    int key = profile.masterKeyLength();
    int salt = profile.masterSaltLength();
    int keyAt = client ? 0 : key;
    int saltAt = 2 * key + (client ? 0 : salt);
    byte[] masterKey = Arrays.copyOfRange(material, keyAt, keyAt + key);
    byte[] masterSalt = Arrays.copyOfRange(material, saltAt, saltAt + salt);
    try {
      return SrtpSessionKeys.derive(profile, masterKey, masterSalt);
    } finally {
      Arrays.fill(masterKey, (byte) 0);
      Arrays.fill(masterSalt, (byte) 0);
    }
  }
}
