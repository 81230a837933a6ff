package dev.vertxsfu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxsfu.wire.sdp.Setup;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link MediasoupTarget#remoteTransport}: what {@code createWebRtcTransport} answers (the shape
 * of mediasoup 3.27's {@code iceParameters}, {@code iceCandidates}, {@code dtlsParameters})
 * becomes the synthetic peer's view of an ice-lite remote whose DTLS client we are.
 */
@Tag("fast")
class MediasoupTargetTest {
  static final String CREATED = """
      {"id":"t1","worker":0,
       "iceParameters":{"usernameFragment":"abcdefgh","password":"0123456789abcdef","iceLite":true},
       "iceCandidates":[
         {"foundation":"udpcandidate","priority":1076302079,"address":"127.0.0.1",
          "protocol":"udp","port":46012,"type":"host"}],
       "dtlsParameters":{"role":"auto","fingerprints":[
         {"algorithm":"sha-1","value":"AA:BB"},
         {"algorithm":"sha-256","value":"01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F:20"}]}}
      """;

  @Test
  void aTransportBecomesAnIceLiteRemoteWithItsSha256FingerprintAndLoopbackCandidate() {
    RemoteTransport remote = MediasoupTarget.remoteTransport(new JsonObject(CREATED));
    assertThat(remote.ufrag()).isEqualTo("abcdefgh");
    assertThat(remote.password()).isEqualTo("0123456789abcdef");
    assertThat(remote.iceLite()).isTrue();
    assertThat(remote.fingerprint().algorithm()).isEqualTo("sha-256");
    assertThat(remote.fingerprint().value()).startsWith("01:02:03");
    assertThat(remote.candidate()).isEqualTo(new InetSocketAddress("127.0.0.1", 46012));
    assertThat(remote.setup()).isEqualTo(Setup.PASSIVE);
    assertThat(remote.weAreDtlsClient()).isTrue();
  }

  @Test
  void aTransportWithoutALoopbackUdpCandidateIsRefused() {
    JsonObject created = new JsonObject(CREATED);
    created.getJsonArray("iceCandidates").getJsonObject(0).put("protocol", "tcp");
    assertThatThrownBy(() -> MediasoupTarget.remoteTransport(created))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UDP");
  }
}
