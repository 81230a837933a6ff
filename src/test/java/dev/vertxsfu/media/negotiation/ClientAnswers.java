package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.wire.sdp.Attribute;
import dev.vertxsfu.wire.sdp.Attributes;
import dev.vertxsfu.wire.sdp.Direction;
import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.Origin;
import dev.vertxsfu.wire.sdp.SessionDescription;

/**
 * A minimal client-side answerer for unit tests without libwebrtc: it accepts every m-line of
 * an SFU offer as it is (same codecs, extmaps and numbers), reverses the directions, takes the
 * DTLS client role and puts its own ICE credentials and fingerprint. Tests then bend the result
 * to make bad answers.
 */
final class ClientAnswers {
  static final String UFRAG = "cLnT";
  static final String PWD = "clientPasswordAbCdEfGhIj";
  static final String FINGERPRINT = "sha-256 AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:"
      + "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99";

  private ClientAnswers() {}

  static SessionDescription answer(String offerSdp) {
    SessionDescription sdp = SessionDescription.parse(offerSdp);
    sdp.setOrigin(Origin.of(777, 1));
    sdp.attributes().remove("ice-lite");
    for (MediaDescription m : sdp.media()) {
      if (m.port() == 0) {
        continue;
      }
      Direction offered = sdp.direction(m);
      m.setPort(9);
      Attributes a = m.attributes();
      for (String name : new String[] {"candidate", "end-of-candidates", "ssrc", "ssrc-group",
          "msid", "rid", "simulcast"}) {
        a.remove(name);
      }
      a.replace(Attribute.of("ice-ufrag", UFRAG));
      a.replace(Attribute.of("ice-pwd", PWD));
      a.replace(Attribute.of("fingerprint", FINGERPRINT));
      a.replace(Attribute.of("setup", "active"));
      a.setDirection(offered.reverse());
    }
    return sdp;
  }
}
