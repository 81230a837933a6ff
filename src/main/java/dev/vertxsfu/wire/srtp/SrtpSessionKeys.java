package dev.vertxsfu.wire.srtp;

import static dev.vertxsfu.wire.srtp.SrtpKeyDerivation.LABEL_RTCP_ENCRYPTION;
import static dev.vertxsfu.wire.srtp.SrtpKeyDerivation.LABEL_RTCP_MSG_AUTH;
import static dev.vertxsfu.wire.srtp.SrtpKeyDerivation.LABEL_RTCP_SALT;
import static dev.vertxsfu.wire.srtp.SrtpKeyDerivation.LABEL_RTP_ENCRYPTION;
import static dev.vertxsfu.wire.srtp.SrtpKeyDerivation.LABEL_RTP_MSG_AUTH;
import static dev.vertxsfu.wire.srtp.SrtpKeyDerivation.LABEL_RTP_SALT;

/**
 * The session keys of one direction of one DTLS-SRTP association: SRTP and SRTCP encryption key,
 * salt and (AES-CM only) authentication key, derived once from a master key and master salt
 * (RFC 3711 §4.3, RFC 7714 §11).
 *
 * <pre>
 *   master key, master salt --KDF--+-- label 0: SRTP  k_e    label 3: SRTCP k_e
 *                                  +-- label 1: SRTP  k_a    label 4: SRTCP k_a   (AES-CM only)
 *                                  +-- label 2: SRTP  k_s    label 5: SRTCP k_s
 * </pre>
 *
 * <p>Immutable and shareable: {@code media.dtls} derives one instance per direction after the
 * handshake (see {@link SrtpKeyingMaterial}) and {@code media.transport} builds an
 * {@link SrtpContext} per SSRC and an {@link SrtcpContext} per RTCP sender from it, which costs
 * only the JCE set-up, not another derivation. The arrays never leave this package.
 */
public final class SrtpSessionKeys {
  private final SrtpProfile profile;
  final byte[] rtpKey;
  final byte[] rtpSalt;
  final byte[] rtpAuthKey;
  final byte[] rtcpKey;
  final byte[] rtcpSalt;
  final byte[] rtcpAuthKey;

  /** Session keys as they are; RFC 7714's test vectors publish these, not master keys. */
  SrtpSessionKeys(SrtpProfile profile, byte[] rtpKey, byte[] rtpSalt, byte[] rtpAuthKey,
      byte[] rtcpKey, byte[] rtcpSalt, byte[] rtcpAuthKey) {
    this.profile = profile;
    this.rtpKey = rtpKey.clone();
    this.rtpSalt = rtpSalt.clone();
    this.rtpAuthKey = rtpAuthKey.clone();
    this.rtcpKey = rtcpKey.clone();
    this.rtcpSalt = rtcpSalt.clone();
    this.rtcpAuthKey = rtcpAuthKey.clone();
  }

  /**
   * Derives the session keys of {@code profile} from one side's master key and salt.
   *
   * @throws SrtpFormatException if a length does not match the profile
   */
  public static SrtpSessionKeys derive(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
    if (profile == null) {
      throw new SrtpFormatException("no SRTP profile");
    }
    if (masterKey == null || masterKey.length != profile.masterKeyLength()) {
      throw new SrtpFormatException(profile + " needs a " + profile.masterKeyLength()
          + "-byte master key, got " + (masterKey == null ? "none" : masterKey.length));
    }
    if (masterSalt == null || masterSalt.length != profile.masterSaltLength()) {
      throw new SrtpFormatException(profile + " needs a " + profile.masterSaltLength()
          + "-byte master salt, got " + (masterSalt == null ? "none" : masterSalt.length));
    }
    int keyLength = profile.masterKeyLength();
    int saltLength = profile.masterSaltLength();
    int authLength = profile.isAead() ? 0 : SrtpProfile.AUTH_KEY_LENGTH;
    return new SrtpSessionKeys(profile,
        SrtpKeyDerivation.derive(masterKey, masterSalt, LABEL_RTP_ENCRYPTION, keyLength),
        SrtpKeyDerivation.derive(masterKey, masterSalt, LABEL_RTP_SALT, saltLength),
        SrtpKeyDerivation.derive(masterKey, masterSalt, LABEL_RTP_MSG_AUTH, authLength),
        SrtpKeyDerivation.derive(masterKey, masterSalt, LABEL_RTCP_ENCRYPTION, keyLength),
        SrtpKeyDerivation.derive(masterKey, masterSalt, LABEL_RTCP_SALT, saltLength),
        SrtpKeyDerivation.derive(masterKey, masterSalt, LABEL_RTCP_MSG_AUTH, authLength));
  }

  public SrtpProfile profile() {
    return profile;
  }

  /** A transform over the SRTP keys, for one {@link SrtpContext}. */
  SrtpTransform newRtpTransform() {
    return profile.isAead()
        ? new AesGcmTransform(profile, rtpKey, rtpSalt, true)
        : new AesCmTransform(profile, rtpKey, rtpSalt, rtpAuthKey, profile.srtpTagLength());
  }

  /**
   * A transform over the SRTP keys for another {@link SrtpContext} than {@code sibling}'s, sharing
   * its JCE cipher where the profile allows (AES-GCM); AES-CM gets its own.
   */
  SrtpTransform newRtpTransform(SrtpTransform sibling) {
    return sibling instanceof AesGcmTransform gcm
        ? new AesGcmTransform(rtpKey, rtpSalt, true, gcm.jce())
        : newRtpTransform();
  }

  /** As {@link #newRtpTransform(SrtpTransform)}, over the SRTCP keys. */
  SrtpTransform newRtcpTransform(SrtpTransform sibling) {
    return sibling instanceof AesGcmTransform gcm
        ? new AesGcmTransform(rtcpKey, rtcpSalt, false, gcm.jce())
        : newRtcpTransform();
  }

  /** A transform over the SRTCP keys, for one {@link SrtcpContext}. */
  SrtpTransform newRtcpTransform() {
    return profile.isAead()
        ? new AesGcmTransform(profile, rtcpKey, rtcpSalt, false)
        : new AesCmTransform(profile, rtcpKey, rtcpSalt, rtcpAuthKey,
            profile.srtcpTagLength());
  }

  @Override
  public String toString() {
    return "SrtpSessionKeys[" + profile + "]";
  }
}
