package dev.vertxsfu.media.dtls;

/**
 * The SRTP master keys and salts a DTLS-SRTP handshake exports (RFC 5764 §4.2), split for one
 * endpoint: {@code local} protects what this endpoint sends, {@code remote} unprotects what it
 * receives. The exporter's block is client key, server key, client salt, server salt; a DTLS
 * server's local half is the server's.
 *
 * @param protectionProfile the negotiated SRTP protection profile (RFC 5764 §4.1.2 registry,
 *     e.g. 0x0001 AES_CM_128_HMAC_SHA1_80, 0x0007 AEAD_AES_128_GCM)
 */
public record SrtpMasterKeys(int protectionProfile, byte[] localKey, byte[] localSalt,
    byte[] remoteKey, byte[] remoteSalt) {

  /** Splits the exporter output ({@code 2 * (keyLength + saltLength)} bytes). */
  static SrtpMasterKeys split(int profile, byte[] exported, boolean server) {
    SrtpProfiles.Lengths lengths = SrtpProfiles.lengths(profile);
    int k = lengths.key();
    int s = lengths.salt();
    byte[] clientKey = java.util.Arrays.copyOfRange(exported, 0, k);
    byte[] serverKey = java.util.Arrays.copyOfRange(exported, k, 2 * k);
    byte[] clientSalt = java.util.Arrays.copyOfRange(exported, 2 * k, 2 * k + s);
    byte[] serverSalt = java.util.Arrays.copyOfRange(exported, 2 * k + s, 2 * k + 2 * s);
    return server
        ? new SrtpMasterKeys(profile, serverKey, serverSalt, clientKey, clientSalt)
        : new SrtpMasterKeys(profile, clientKey, clientSalt, serverKey, serverSalt);
  }

  @Override
  public String toString() {
    return "SrtpMasterKeys[profile=" + protectionProfile + "]"; // keys stay out of logs
  }
}
