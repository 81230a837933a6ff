package dev.vertxsfu.media.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.media.ice.IceCredentials;
import dev.vertxsfu.wire.WireFormatException;
import dev.vertxsfu.wire.stun.MessageIntegrity;
import dev.vertxsfu.wire.stun.StunClass;
import dev.vertxsfu.wire.stun.StunMessage;
import dev.vertxsfu.wire.stun.StunMessageBuilder;
import dev.vertxsfu.wire.stun.StunMessageType;
import dev.vertxsfu.wire.tcp.Rfc4571;
import dev.vertxsfu.wire.tcp.Rfc4571FormatException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An ICE-TCP connection as the room serves it: frames to the room's demultiplexer as datagrams
 * from the connection's address, the first check routed by its USERNAME, bad framing and
 * silent connections closed with their reason.
 */
@Tag("fast")
class IceTcpConnectionTest {
  private static final DtlsCertificate CERTIFICATE =
      DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
  private static final IceCredentials SFU = new IceCredentials("sfuUfragTcp1", "sfuPasswordAbCdEfGhIjKlMn");
  private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 51000);

  private final List<InetSocketAddress> sentTo = new ArrayList<>();
  private final List<byte[]> sent = new ArrayList<>();
  private final List<String> closes = new ArrayList<>();
  private final WebRtcServer server = new WebRtcServer();
  private final WebRtcTransport transport = new WebRtcTransport("c1", SFU, "cli1", CERTIFICATE,
      CERTIFICATE.fingerprint(), Runnable::run, Runnable::run, new WebRtcTransport.Listener() {
        @Override
        public void onTransportSend(byte[] buf, int off, int len, InetSocketAddress to) {
          sentTo.add(to);
          sent.add(java.util.Arrays.copyOfRange(buf, off, off + len));
        }

        @Override
        public void onTransportRtp(WebRtcTransport t, byte[] buf, int off, int len, long now) {}

        @Override
        public void onTransportRtcp(WebRtcTransport t, byte[] buf, int off, int len, long now) {}

        @Override
        public void onTransportStateChange(WebRtcTransport t, TransportState state) {}
      });
  private final IceTcpConnection connection = new IceTcpConnection(CLIENT, server, 1_000,
      (c, reason) -> closes.add(reason));

  IceTcpConnectionTest() {
    server.add(transport);
  }

  private static byte[] check(String username, String password) {
    return new StunMessageBuilder()
        .start(StunMessageType.BINDING_REQUEST, new byte[12], 0)
        .username(username)
        .priority(1518280447L)
        .iceControlling(7)
        .useCandidate()
        .messageIntegrity(MessageIntegrity.shortTerm(password))
        .fingerprint()
        .toByteArray();
  }

  private static byte[] framed(byte[] packet) {
    return Rfc4571.frame(packet, 0, packet.length);
  }

  @Test
  void aFramedCheckSplitAcrossReadsIsAnsweredAndMakesTheConnectionATuple() {
    byte[] stream = framed(check("sfuUfragTcp1:cli1", SFU.password()));
    connection.receive(stream, 0, 7, 1_100);
    assertThat(sent).isEmpty();
    connection.receive(stream, 7, stream.length - 7, 1_200);

    assertThat(sentTo).containsExactly(CLIENT);
    StunMessage response = new StunMessage().wrap(sent.get(0), 0, sent.get(0).length);
    assertThat(response.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(connection.isChecked()).isTrue();
    assertThat(server.hasTuple(CLIENT)).isTrue();
    connection.tick(1_000 + IceTcpConnection.FIRST_CHECK_TIMEOUT_MILLIS);
    assertThat(closes).isEmpty();
  }

  @Test
  void aConnectionWithoutAValidCheckIsClosedAfterTheTimeout() {
    byte[] stream = framed(check("sfuUfragTcp1:cli1", "wrongPasswordAbCdEfGhIj"));
    connection.receive(stream, 0, stream.length, 1_100);
    assertThat(new StunMessage().wrap(sent.get(0), 0, sent.get(0).length).messageClass())
        .isEqualTo(StunClass.ERROR_RESPONSE); // 401, and no tuple
    connection.tick(1_000 + IceTcpConnection.FIRST_CHECK_TIMEOUT_MILLIS - 1);
    assertThat(closes).isEmpty();
    connection.tick(1_000 + IceTcpConnection.FIRST_CHECK_TIMEOUT_MILLIS);
    assertThat(closes).singleElement().asString().contains("no valid ICE check");
    assertThat(connection.isClosed()).isTrue();
  }

  @Test
  void anOversizeFrameClosesTheConnection() {
    byte[] header = new byte[2];
    Rfc4571.writeHeader(IceTcpConnection.MAX_FRAME + 1, header, 0);
    connection.receive(header, 0, 2, 1_100);
    assertThat(closes).singleElement().asString().contains("4097");
    int before = sent.size();
    byte[] stream = framed(check("sfuUfragTcp1:cli1", SFU.password()));
    connection.receive(stream, 0, stream.length, 1_200);
    assertThat(sent).hasSize(before); // a closed connection hands nothing on
  }

  @Test
  void theFirstCheckNamesTheSfusUfragOnceItsFrameIsComplete() {
    byte[] stream = framed(check("sfuUfragTcp1:cli1", SFU.password()));
    assertThat(IceTcpFirstCheck.localUfrag(stream, 0, 1)).isNull();
    assertThat(IceTcpFirstCheck.localUfrag(stream, 0, stream.length - 1)).isNull();
    assertThat(IceTcpFirstCheck.localUfrag(stream, 0, stream.length)).isEqualTo("sfuUfragTcp1");
  }

  @Test
  void aFirstFrameThatIsNoBindingRequestOrTooLargeIsRefused() {
    byte[] dtls = framed(new byte[] {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    assertThatThrownBy(() -> IceTcpFirstCheck.localUfrag(dtls, 0, dtls.length))
        .isInstanceOf(WireFormatException.class);
    byte[] big = new byte[2];
    Rfc4571.writeHeader(IceTcpFirstCheck.MAX_FIRST_FRAME + 1, big, 0);
    assertThatThrownBy(() -> IceTcpFirstCheck.localUfrag(big, 0, 2))
        .isInstanceOf(Rfc4571FormatException.class);
    byte[] empty = {0, 0};
    assertThatThrownBy(() -> IceTcpFirstCheck.localUfrag(empty, 0, 2))
        .isInstanceOf(Rfc4571FormatException.class);
  }

  @Test
  void randomFirstBytesOnlyEverEndInATypedError() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(6544);
    for (int round = 0; round < 2_000; round++) {
      byte[] noise = new byte[random.nextInt(0, 200)];
      random.nextBytes(noise);
      if (noise.length >= 2 && random.nextBoolean()) {
        Rfc4571.writeHeader(noise.length - 2 == 0 ? 1 : noise.length - 2, noise, 0);
      }
      try {
        IceTcpFirstCheck.localUfrag(noise, 0, noise.length);
      } catch (WireFormatException expected) {
        // the only way out for bad input
      }
    }
  }
}
