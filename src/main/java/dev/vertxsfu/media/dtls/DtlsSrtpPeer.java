package dev.vertxsfu.media.dtls;

import java.io.IOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * What the two ends of a DTLS-SRTP handshake share: the cipher suites (ECDHE with ECDSA
 * certificates, as browsers make them), the fingerprint check that replaces a CA chain
 * (RFC 8827 §6.5), and the keying-material export (RFC 5764 §4.2).
 */
interface DtlsSrtpPeer {
  /** Long enough for a lossy start, short enough that a silent peer frees its worker. */
  int HANDSHAKE_TIMEOUT_MILLIS = 20_000;

  int[] CIPHER_SUITES = {
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
      CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
  };

  /** What the handshake produced; filled on the worker thread, read after it hands over. */
  HandshakeOutcome outcome();

  /** Keys on success, and the alert that ended the connection, if any. */
  final class HandshakeOutcome {
    SrtpMasterKeys keys;
    short alertReceived = -1;

    void alertReceived(short description) {
      alertReceived = description;
    }

    boolean closeNotified() {
      return alertReceived == AlertDescription.close_notify;
    }
  }

  /** Refuses a peer whose certificate does not hash to the fingerprint its SDP announced. */
  static void checkFingerprint(Certificate chain, DtlsFingerprint expected) throws IOException {
    if (chain == null || chain.isEmpty()) {
      throw new TlsFatalAlert(AlertDescription.bad_certificate, "the peer sent no certificate");
    }
    if (!expected.matches(chain.getCertificateAt(0).getEncoded())) {
      throw new TlsFatalAlert(AlertDescription.bad_certificate,
          "the peer's certificate does not match a=fingerprint " + expected);
    }
  }

  /** Must run in {@code notifyHandshakeComplete}: BouncyCastle wipes the secret afterwards. */
  static SrtpMasterKeys export(TlsContext context, int profile, boolean server) {
    SrtpProfiles.Lengths lengths = SrtpProfiles.lengths(profile);
    byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null,
        2 * (lengths.key() + lengths.salt()));
    return SrtpMasterKeys.split(profile, material, server);
  }
}
