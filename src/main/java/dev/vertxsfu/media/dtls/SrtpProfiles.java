package dev.vertxsfu.media.dtls;

import org.bouncycastle.tls.SRTPProtectionProfile;

/**
 * The SRTP protection profiles this SFU speaks, in order of preference, and their key and salt
 * lengths (RFC 5764 §4.1.2, RFC 7714 §14.2). GCM comes first: it authenticates and encrypts in
 * one pass and costs about half of AES-CM with HMAC-SHA1 in Java (MEDIA-NOTES.md).
 */
final class SrtpProfiles {
  record Lengths(int key, int salt) {}

  /** Preference order; Chromium offers [1, 8, 7]. */
  static final int[] PREFERRED = {
      SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM,
      SRTPProtectionProfile.SRTP_AEAD_AES_256_GCM,
      SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80,
  };

  private SrtpProfiles() {}

  static Lengths lengths(int profile) {
    return switch (profile) {
      case SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM -> new Lengths(16, 12);
      case SRTPProtectionProfile.SRTP_AEAD_AES_256_GCM -> new Lengths(32, 12);
      case SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80 -> new Lengths(16, 14);
      default -> throw new IllegalArgumentException("unsupported SRTP profile " + profile);
    };
  }

  /** Our most preferred profile among {@code offered}, or -1 when none is acceptable. */
  static int choose(int[] offered) {
    for (int preferred : PREFERRED) {
      for (int candidate : offered) {
        if (candidate == preferred) {
          return preferred;
        }
      }
    }
    return -1;
  }
}
