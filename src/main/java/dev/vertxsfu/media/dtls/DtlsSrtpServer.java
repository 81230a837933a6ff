package dev.vertxsfu.media.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;

/**
 * The server side of one DTLS-SRTP handshake (RFC 5764), as BouncyCastle's {@code TlsServer}:
 * DTLS 1.2 only, ECDHE-ECDSA suites, a client certificate required and checked against the
 * fingerprint the client's SDP announced, {@code use_srtp} answered with our preferred profile,
 * keying material exported when the handshake completes.
 *
 * <p>BouncyCastle calls it on the handshake's worker thread, and, after the handshake, on the
 * owner's event loop (alerts); {@link DtlsTransport} orders the two.
 */
final class DtlsSrtpServer extends DefaultTlsServer implements DtlsSrtpPeer {
  private final DtlsCertificate certificate;
  private final DtlsFingerprint remoteFingerprint;
  private final HandshakeOutcome outcome = new HandshakeOutcome();
  private int profile = -1;

  DtlsSrtpServer(DtlsCertificate certificate, DtlsFingerprint remoteFingerprint) {
    super(certificate.crypto());
    this.certificate = certificate;
    this.remoteFingerprint = remoteFingerprint;
  }

  @Override
  public HandshakeOutcome outcome() {
    return outcome;
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return ProtocolVersion.DTLSv12.only();
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    return TlsUtils.getSupportedCipherSuites(getCrypto(), DtlsSrtpPeer.CIPHER_SUITES);
  }

  @Override
  protected TlsCredentialedSigner getECDSASignerCredentials() {
    return certificate.signer(new TlsCryptoParameters(context));
  }

  @Override
  public void processClientExtensions(Hashtable clientExtensions) throws IOException {
    super.processClientExtensions(clientExtensions);
    UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
    if (offered == null) {
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "the client offers no use_srtp");
    }
    profile = SrtpProfiles.choose(offered.getProtectionProfiles());
    if (profile < 0) {
      throw new TlsFatalAlert(AlertDescription.handshake_failure, "no common SRTP profile");
    }
  }

  @Override
  public Hashtable getServerExtensions() throws IOException {
    Hashtable extensions = super.getServerExtensions();
    TlsSRTPUtils.addUseSRTPExtension(extensions,
        new UseSRTPData(new int[] {profile}, TlsUtils.EMPTY_BYTES));
    return extensions;
  }

  @Override
  public CertificateRequest getCertificateRequest() {
    Vector<?> signatureAlgorithms = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
    return new CertificateRequest(
        new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
        signatureAlgorithms, null);
  }

  @Override
  public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
    DtlsSrtpPeer.checkFingerprint(clientCertificate, remoteFingerprint);
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    outcome.keys = DtlsSrtpPeer.export(context, profile, true);
  }

  @Override
  public void notifyAlertReceived(short alertLevel, short alertDescription) {
    outcome.alertReceived(alertDescription);
  }

  @Override
  public int getHandshakeTimeoutMillis() {
    return DtlsSrtpPeer.HANDSHAKE_TIMEOUT_MILLIS;
  }

}
