package dev.vertxsfu.wire.srtp;

import java.util.Optional;

/**
 * The DTLS-SRTP protection profiles this package implements, with the parameters each one fixes:
 * RFC 5764 §4.1.2 for the AES counter-mode profiles and RFC 7714 §14.2 for the AEAD ones.
 *
 * <pre>
 *   SRTPProtectionProfile SRTP_AES128_CM_HMAC_SHA1_80 = {0x00, 0x01};
 *   SRTPProtectionProfile SRTP_AES128_CM_HMAC_SHA1_32 = {0x00, 0x02};
 *   SRTPProtectionProfile SRTP_AEAD_AES_128_GCM       = {0x00, 0x07};
 *   SRTPProtectionProfile SRTP_AEAD_AES_256_GCM       = {0x00, 0x08};
 *
 *                            key  salt  SRTP tag  SRTCP tag  KDF
 *   AES128_CM_HMAC_SHA1_80    16    14        10         10  AES_128_CM_PRF
 *   AES128_CM_HMAC_SHA1_32    16    14         4         10  AES_128_CM_PRF
 *   AEAD_AES_128_GCM          16    12        16         16  AES_128_CM_PRF
 *   AEAD_AES_256_GCM          32    12        16         16  AES_256_CM_PRF (RFC 6188)
 * </pre>
 *
 * <p>Called by {@code media.dtls} to pick the profile from the client's {@code use_srtp} list
 * (Chromium offers [1, 8, 7]; prefer GCM, which is several times cheaper in Java, see
 * MEDIA-NOTES.md) and to size the exported keying material. Profile ids not listed here are not
 * an enum value: {@link #byId(int)} answers empty for them, and the DTLS layer keeps them as the
 * plain numbers the extension carries.
 */
public enum SrtpProfile {
  SRTP_AES128_CM_HMAC_SHA1_80(0x0001, 16, 14, 10, 10),
  SRTP_AES128_CM_HMAC_SHA1_32(0x0002, 16, 14, 4, 10),
  SRTP_AEAD_AES_128_GCM(0x0007, 16, 12, 16, 16),
  SRTP_AEAD_AES_256_GCM(0x0008, 32, 12, 16, 16);

  /** n_a of RFC 3711 §8.2: the HMAC-SHA1 session authentication key is 160 bits. */
  static final int AUTH_KEY_LENGTH = 20;

  private final int id;
  private final int masterKeyLength;
  private final int masterSaltLength;
  private final int srtpTagLength;
  private final int srtcpTagLength;

  SrtpProfile(int id, int masterKeyLength, int masterSaltLength, int srtpTagLength,
      int srtcpTagLength) {
    this.id = id;
    this.masterKeyLength = masterKeyLength;
    this.masterSaltLength = masterSaltLength;
    this.srtpTagLength = srtpTagLength;
    this.srtcpTagLength = srtcpTagLength;
  }

  /** The two-byte SRTPProtectionProfile value of the {@code use_srtp} extension. */
  public int id() {
    return id;
  }

  /** Master (and session encryption) key length in bytes. */
  public int masterKeyLength() {
    return masterKeyLength;
  }

  /** Master (and session) salt length in bytes: 14 for AES-CM, 12 for AEAD. */
  public int masterSaltLength() {
    return masterSaltLength;
  }

  /** Bytes {@code protect} appends to an RTP packet. */
  public int srtpTagLength() {
    return srtpTagLength;
  }

  /** Bytes {@code protect} appends to an RTCP packet: the tag plus the 4-byte E flag and index. */
  public int srtcpOverhead() {
    return srtcpTagLength + 4;
  }

  int srtcpTagLength() {
    return srtcpTagLength;
  }

  /** True for the AES-GCM profiles of RFC 7714, whose tag comes from the cipher itself. */
  public boolean isAead() {
    return this == SRTP_AEAD_AES_128_GCM || this == SRTP_AEAD_AES_256_GCM;
  }

  /**
   * Length of the DTLS exporter output this profile needs (RFC 5764 §4.2): a key and a salt for
   * each side, {@code 2 * (key + salt)}.
   */
  public int keyingMaterialLength() {
    return 2 * (masterKeyLength + masterSaltLength);
  }

  /** The profile with this {@code use_srtp} id, or empty if this package does not implement it. */
  public static Optional<SrtpProfile> byId(int id) {
    for (SrtpProfile profile : values()) {
      if (profile.id == id) {
        return Optional.of(profile);
      }
    }
    return Optional.empty();
  }
}
