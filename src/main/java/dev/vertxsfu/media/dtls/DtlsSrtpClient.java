package dev.vertxsfu.media.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;

/**
 * The client side of one DTLS-SRTP handshake: what a browser does toward the SFU. The SFU
 * itself always answers (it is the DTLS server, {@code a=setup:passive}); this side serves the
 * load generator's synthetic clients and the start-up warm-up.
 *
 * <p>BouncyCastle calls it on the handshake's worker thread, then on the owner's event loop.
 */
final class DtlsSrtpClient extends DefaultTlsClient implements DtlsSrtpPeer {
  private final DtlsCertificate certificate;
  private final DtlsFingerprint remoteFingerprint;
  private final HandshakeOutcome outcome = new HandshakeOutcome();
  private int profile = -1;

  DtlsSrtpClient(DtlsCertificate certificate, DtlsFingerprint remoteFingerprint) {
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
  public Hashtable getClientExtensions() throws IOException {
    Hashtable extensions = super.getClientExtensions();
    TlsSRTPUtils.addUseSRTPExtension(extensions,
        new UseSRTPData(SrtpProfiles.PREFERRED, TlsUtils.EMPTY_BYTES));
    return extensions;
  }

  @Override
  public void processServerExtensions(Hashtable serverExtensions) throws IOException {
    super.processServerExtensions(serverExtensions);
    UseSRTPData chosen = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
    if (chosen == null || chosen.getProtectionProfiles().length != 1
        || SrtpProfiles.choose(chosen.getProtectionProfiles()) < 0) {
      throw new TlsFatalAlert(AlertDescription.illegal_parameter,
          "the server chose no SRTP profile we offered");
    }
    profile = chosen.getProtectionProfiles()[0];
  }

  @Override
  public TlsAuthentication getAuthentication() {
    return new TlsAuthentication() {
      @Override
      public void notifyServerCertificate(TlsServerCertificate serverCertificate)
          throws IOException {
        DtlsSrtpPeer.checkFingerprint(serverCertificate.getCertificate(), remoteFingerprint);
      }

      @Override
      public TlsCredentials getClientCredentials(CertificateRequest request) {
        return certificate.signer(new TlsCryptoParameters(context));
      }
    };
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    outcome.keys = DtlsSrtpPeer.export(context, profile, false);
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
