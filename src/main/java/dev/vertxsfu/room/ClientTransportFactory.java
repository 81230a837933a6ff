package dev.vertxsfu.room;

import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.media.dtls.DtlsFingerprint;
import dev.vertxsfu.media.negotiation.RemoteEndpoint;
import dev.vertxsfu.media.router.Router;
import dev.vertxsfu.media.transport.TransportState;
import dev.vertxsfu.media.transport.WebRtcTransport;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Makes a client's {@link WebRtcTransport} once its first offer named its ICE credentials and
 * certificate fingerprint, and wires it into the room: datagrams out through the room's
 * socket, decrypted RTP and RTCP to the router, state changes to the client (and a connected
 * transport to the router, whose waiting consumers then ask for key frames). On the room's loop.
 */
final class ClientTransportFactory {

  /**
   * Where a transport's datagrams leave (the client's socket, the room's or a shard's, through
   * the test send filter).
   */
  interface Outbound {
    void send(Client client, byte[] buf, int off, int len, InetSocketAddress to);
  }

  private final DtlsCertificate certificate;
  private final Executor owner;
  private final Executor blocking;
  private final Router router;
  private final Outbound outbound;

  ClientTransportFactory(DtlsCertificate certificate, Executor owner, Executor blocking,
      Router router, Outbound outbound) {
    this.certificate = certificate;
    this.owner = owner;
    this.blocking = blocking;
    this.router = router;
    this.outbound = outbound;
  }

  WebRtcTransport create(Client client, RemoteEndpoint remote, Consumer<TransportState> onState) {
    return new WebRtcTransport(client.id, client.ice, remote.iceUfrag(), certificate,
        new DtlsFingerprint(remote.fingerprintAlgorithm(), remote.fingerprintValue()),
        owner, blocking, new WebRtcTransport.Listener() {
          @Override
          public void onTransportSend(byte[] buf, int off, int len, InetSocketAddress to) {
            outbound.send(client, buf, off, len, to);
          }

          @Override
          public void onTransportRtp(WebRtcTransport t, byte[] buf, int off, int len, long now) {
            router.onRtp(t, buf, off, len, now);
          }

          @Override
          public void onTransportRtcp(WebRtcTransport t, byte[] buf, int off, int len, long now) {
            router.onRtcp(t, buf, off, len, now);
          }

          @Override
          public void onTransportStateChange(WebRtcTransport t, TransportState state) {
            if (state == TransportState.CONNECTED) {
              router.onTransportConnected(t, RoomVerticle.now());
            }
            onState.accept(state);
          }
        });
  }
}
