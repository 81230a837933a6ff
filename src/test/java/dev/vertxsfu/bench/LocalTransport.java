package dev.vertxsfu.bench;

import dev.vertxsfu.wire.sdp.Attribute;
import dev.vertxsfu.wire.sdp.Candidate;
import dev.vertxsfu.wire.sdp.ConnectionData;
import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.Setup;

/**
 * The transport attributes a synthetic peer writes into every media section it describes:
 * ICE credentials, DTLS fingerprint and role, rtcp-mux, and its one host candidate on
 * 127.0.0.1 followed by {@code a=end-of-candidates} (it never trickles).
 *
 * <p>Immutable; used by {@link ClientOffer} and {@link SubscriberAnswer}.
 */
record LocalTransport(String ufrag, String password, String fingerprint, int port) {

  static LocalTransport of(SyntheticPeer peer) {
    return new LocalTransport(peer.localIce().ufrag(), peer.localIce().password(),
        peer.localFingerprint().algorithm() + " " + peer.localFingerprint().value(),
        peer.localPort());
  }

  /** Adds the transport lines to {@code media}, with our DTLS role {@code setup}. */
  void describe(MediaDescription media, Setup setup) {
    media.connections().add(ConnectionData.of("127.0.0.1"));
    media.attributes()
        .add("ice-ufrag", ufrag)
        .add("ice-pwd", password)
        .add("fingerprint", fingerprint)
        .add(setup.toAttribute());
    media.attributes().add(Candidate.host("1", IceAgent.HOST_PRIORITY, "127.0.0.1", port)
        .toAttribute());
    media.attributes().add(Attribute.of("end-of-candidates"));
    media.attributes().add(Attribute.of("rtcp-mux"));
  }
}
