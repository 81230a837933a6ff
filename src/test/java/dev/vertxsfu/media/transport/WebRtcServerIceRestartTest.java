package dev.vertxsfu.media.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.media.ice.IceCredentials;
import dev.vertxsfu.wire.stun.MessageIntegrity;
import dev.vertxsfu.wire.stun.StunClass;
import dev.vertxsfu.wire.stun.StunMessage;
import dev.vertxsfu.wire.stun.StunMessageBuilder;
import dev.vertxsfu.wire.stun.StunMessageType;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The room's demultiplexer through an ICE restart: checks with the new ufrag reach the
 * transport, the old ufrag and the old address stop doing so once the restart completed, and
 * the transport's DTLS and SRTP state is not touched (it stays as it was, here never started).
 */
@Tag("fast")
class WebRtcServerIceRestartTest {
  private static final DtlsCertificate CERTIFICATE =
      DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
  private static final IceCredentials OLD = new IceCredentials("oldUfragAbCd", "oldPasswordAbCdEfGhIjKlMn");
  private static final IceCredentials NEW = new IceCredentials("newUfragAbCd", "newPasswordAbCdEfGhIjKlMn");
  private static final InetSocketAddress OLD_PATH = new InetSocketAddress("127.0.0.1", 50001);
  private static final InetSocketAddress NEW_PATH = new InetSocketAddress("127.0.0.1", 50999);

  private final List<InetSocketAddress> responsesTo = new ArrayList<>();
  private final List<StunClass> responses = new ArrayList<>();
  private final WebRtcServer server = new WebRtcServer();
  private final WebRtcTransport transport = new WebRtcTransport("c1", OLD, "cli1",
      CERTIFICATE, CERTIFICATE.fingerprint(), Runnable::run, Runnable::run,
      new WebRtcTransport.Listener() {
        @Override
        public void onTransportSend(byte[] buf, int off, int len, InetSocketAddress to) {
          responsesTo.add(to);
          responses.add(new StunMessage().wrap(buf, off, len).messageClass());
        }

        @Override
        public void onTransportRtp(WebRtcTransport t, byte[] buf, int off, int len, long now) {}

        @Override
        public void onTransportRtcp(WebRtcTransport t, byte[] buf, int off, int len, long now) {}

        @Override
        public void onTransportStateChange(WebRtcTransport t, TransportState state) {}
      });

  private static byte[] check(IceCredentials local, String remoteUfrag) {
    return new StunMessageBuilder()
        .start(StunMessageType.BINDING_REQUEST, new byte[12], 0)
        .username(local.ufrag() + ":" + remoteUfrag)
        .priority(1853824767L)
        .iceControlling(7)
        .useCandidate()
        .messageIntegrity(MessageIntegrity.shortTerm(local.password()))
        .fingerprint()
        .toByteArray();
  }

  private void receive(byte[] datagram, InetSocketAddress from, long now) {
    server.receive(datagram, 0, datagram.length, from, now);
  }

  @Test
  void checksWithTheNewUfragReachTheTransportAndTheOldOnesStopAfterward() {
    server.add(transport);
    receive(check(OLD, "cli1"), OLD_PATH, 1_000);
    assertThat(responses).containsExactly(StunClass.SUCCESS_RESPONSE);
    assertThat(transport.state()).isEqualTo(TransportState.CONNECTING); // ICE up, DTLS not yet

    assertThat(transport.restartIce(NEW, "cli2", 2_000)).isTrue();
    assertThat(transport.localIceCredentials()).isEqualTo(NEW);
    receive(check(OLD, "cli1"), OLD_PATH, 2_100); // the client has not applied the answer yet
    assertThat(responses).hasSize(2).last().isEqualTo(StunClass.SUCCESS_RESPONSE);

    receive(check(NEW, "cli2"), NEW_PATH, 2_200);
    assertThat(responses).hasSize(3).last().isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(responsesTo).last().isEqualTo(NEW_PATH);
    assertThat(transport.iceRestarts()).isEqualTo(1);

    long unmatched = server.unmatchedPackets();
    receive(check(OLD, "cli1"), OLD_PATH, 2_300);
    assertThat(server.unmatchedPackets()).isEqualTo(unmatched + 1); // the old ufrag is gone
    receive(new byte[] {(byte) 0x80, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1}, OLD_PATH, 2_400);
    assertThat(server.unmatchedPackets()).isEqualTo(unmatched + 2); // and the old address
    assertThat(responses).hasSize(3);
  }

  @Test
  void aTransportRemovedMidRestartLeavesNeitherUfragBehind() {
    server.add(transport);
    receive(check(OLD, "cli1"), OLD_PATH, 1_000);
    transport.restartIce(NEW, "cli2", 2_000);
    server.remove(transport);
    receive(check(OLD, "cli1"), OLD_PATH, 2_100);
    receive(check(NEW, "cli2"), NEW_PATH, 2_200);
    assertThat(server.unmatchedPackets()).isEqualTo(2);
    assertThat(server.toString()).contains("0 transports, 0 tuples");
  }

  @Test
  void theSameCredentialsAreNoRestart() {
    server.add(transport);
    assertThat(transport.restartIce(OLD, "cli1", 1_000)).isFalse();
    assertThat(transport.iceRestarts()).isZero();
  }

  @Test
  void theUfragListenerHearsEachUfragTheServerStartsAndStopsAnsweringTo() {
    List<String> events = new ArrayList<>();
    server.onUfragChange(new WebRtcServer.UfragListener() {
      @Override
      public void onUfragAdded(String ufrag) {
        events.add("+" + ufrag);
      }

      @Override
      public void onUfragRemoved(String ufrag) {
        events.add("-" + ufrag);
      }
    });
    server.add(transport);
    receive(check(OLD, "cli1"), OLD_PATH, 1_000);
    transport.restartIce(NEW, "cli2", 2_000);
    receive(check(NEW, "cli2"), NEW_PATH, 2_200); // retires the old ufrag
    assertThat(events).containsExactly("+oldUfragAbCd", "+newUfragAbCd", "-oldUfragAbCd");
    server.remove(transport);
    assertThat(events).containsExactly("+oldUfragAbCd", "+newUfragAbCd", "-oldUfragAbCd",
        "-newUfragAbCd");
  }
}
