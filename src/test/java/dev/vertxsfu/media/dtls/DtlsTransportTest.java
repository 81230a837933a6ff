package dev.vertxsfu.media.dtls;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("fast")
class DtlsTransportTest {

  @Test
  void handshakeGivesBothSidesTheSameSrtpKeysWithGcmPreferred() throws Exception {
    try (DtlsLink link = DtlsLink.honest()) {
      link.start();
      SrtpMasterKeys server = link.server.connected.get(20, SECONDS);
      SrtpMasterKeys client = link.client.connected.get(20, SECONDS);

      assertThat(server.protectionProfile()).isEqualTo(SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM);
      assertThat(client.protectionProfile()).isEqualTo(server.protectionProfile());
      assertThat(server.remoteKey()).hasSize(16).isEqualTo(client.localKey());
      assertThat(server.remoteSalt()).hasSize(12).isEqualTo(client.localSalt());
      assertThat(server.localKey()).isEqualTo(client.remoteKey()).isNotEqualTo(server.remoteKey());
      assertThat(server.localSalt()).isEqualTo(client.remoteSalt());
      assertThat(link.serverLoop.submit(link.server.transport::state).get())
          .isEqualTo(DtlsTransport.State.CONNECTED);
    }
  }

  @Test
  void serverRefusesAClientCertificateThatDoesNotMatchItsFingerprint() throws Exception {
    DtlsCertificate stranger =
        DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
    try (DtlsLink link = new DtlsLink(stranger.fingerprint(), DtlsLink.SERVER_CERT.fingerprint())) {
      link.start();
      assertThat(link.server.failed.get(20, SECONDS)).contains("bad_certificate");
      assertThat(link.client.failed.get(20, SECONDS)).contains("bad_certificate");
      assertThat(link.server.connected).isNotDone();
    }
  }

  @Test
  void clientRefusesAServerCertificateThatDoesNotMatchItsFingerprint() throws Exception {
    DtlsCertificate stranger =
        DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
    try (DtlsLink link = new DtlsLink(DtlsLink.CLIENT_CERT.fingerprint(), stranger.fingerprint())) {
      link.start();
      assertThat(link.client.failed.get(20, SECONDS)).contains("bad_certificate");
      assertThat(link.client.connected).isNotDone();
    }
  }

  @Test
  void closeNotifyFromThePeerClosesTheTransport() throws Exception {
    try (DtlsLink link = DtlsLink.honest()) {
      link.start();
      link.server.connected.get(20, SECONDS);
      link.client.connected.get(20, SECONDS);
      link.clientLoop.execute(link.client.transport::close);
      link.server.closed.get(20, SECONDS);
      assertThat(link.serverLoop.submit(link.server.transport::state).get())
          .isEqualTo(DtlsTransport.State.CLOSED);
      assertThat(link.server.failed).isNotDone();
    }
  }

  /**
   * The server's last flight (ChangeCipherSpec, Finished) is lost once. The server already
   * counts as connected and no longer has a worker thread; the client's retransmitted flight
   * must make the server, driven on its own loop, send its flight again.
   */
  @Test
  void aLostFinalFlightIsResentAfterTheServerConnected() throws Exception {
    try (DtlsLink link = DtlsLink.honest()) {
      int[] dropped = {0};
      link.dropFromServer = datagram -> {
        boolean changeCipherSpec = datagram[0] == 20;
        boolean epochOneHandshake = datagram[0] == 22 && datagram[3] == 0 && datagram[4] == 1;
        if ((changeCipherSpec || epochOneHandshake) && dropped[0] < 2) {
          dropped[0]++;
          return true;
        }
        return false;
      };
      link.start();
      SrtpMasterKeys server = link.server.connected.get(20, SECONDS);
      SrtpMasterKeys client = link.client.connected.get(20, SECONDS);
      assertThat(dropped[0]).isEqualTo(2);
      assertThat(client.localKey()).isEqualTo(server.remoteKey());
    }
  }

  @Test
  void closingDuringTheHandshakeFreesTheWorkerWithoutCallbacks() throws Exception {
    try (DtlsLink link = DtlsLink.honest()) {
      link.serverLoop.submit(() -> {
        link.server.transport.start();
        link.server.transport.close();
      }).get(5, SECONDS);
      link.workers.shutdown();
      assertThat(link.workers.awaitTermination(10, SECONDS)).isTrue();
      assertThat(link.server.failed).isNotDone();
      assertThat(link.server.connected).isNotDone();
    }
  }
}
