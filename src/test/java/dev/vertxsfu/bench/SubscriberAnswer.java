package dev.vertxsfu.bench;

import dev.vertxsfu.wire.sdp.Attribute;
import dev.vertxsfu.wire.sdp.Direction;
import dev.vertxsfu.wire.sdp.Fmtp;
import dev.vertxsfu.wire.sdp.Group;
import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.Origin;
import dev.vertxsfu.wire.sdp.RtcpFb;
import dev.vertxsfu.wire.sdp.RtpMap;
import dev.vertxsfu.wire.sdp.SessionDescription;
import dev.vertxsfu.wire.sdp.Setup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The answer a synthetic subscriber gives to an offer from the SFU (or Janus), first or
 * renegotiated (JSEP §5.3.1): every audio and video section is accepted {@code recvonly} (or
 * {@code inactive} if the offer's is) with the offer's VP8 or Opus payload type alone, its
 * fmtp and its nack/pli/fir feedback; sections with neither codec, and data channels, are
 * rejected (port 0). Transport lines and {@code a=setup:active} (we are the DTLS client when
 * the offer says actpass) go into every accepted section; the accepted mids form the BUNDLE
 * group.
 *
 * <p>Pure: reads the offer, builds a new description; any thread.
 */
final class SubscriberAnswer {
  private SubscriberAnswer() {}

  /** Our DTLS role in the answer to an offer with {@code offered} (RFC 8842 §5.1). */
  static Setup answerSetup(Setup offered) {
    return offered == Setup.ACTIVE ? Setup.PASSIVE : Setup.ACTIVE;
  }

  static SessionDescription build(SessionDescription offer, LocalTransport transport,
      long sessionId, long version) {
    SessionDescription answer = new SessionDescription(Origin.of(sessionId, version));
    List<String> accepted = new ArrayList<>();
    for (MediaDescription offered : offer.media()) {
      MediaDescription section = answerSection(offer, offered, transport);
      if (section.port() != 0) {
        accepted.add(offered.mid());
      }
      answer.media().add(section);
    }
    if (!accepted.isEmpty()) {
      answer.attributes().add(Group.bundle(accepted).toAttribute());
    }
    return answer;
  }

  private static MediaDescription answerSection(SessionDescription offer,
      MediaDescription offered, LocalTransport transport) {
    String codec = switch (offered.media()) {
      case "video" -> "vp8";
      case "audio" -> "opus";
      default -> null;
    };
    RtpMap chosen = null;
    if (codec != null && offered.port() != 0 && !offered.isDataChannel()) {
      for (RtpMap map : offered.attributes().rtpMaps()) {
        if (map.encodingName().toLowerCase(Locale.ROOT).equals(codec)) {
          chosen = map;
          break;
        }
      }
    }
    if (chosen == null) {
      MediaDescription rejected = new MediaDescription(offered.media(), 0, offered.proto(),
          offered.formats());
      if (offered.mid() != null) {
        rejected.attributes().add("mid", offered.mid());
      }
      return rejected;
    }
    int pt = chosen.payloadType();
    MediaDescription section = new MediaDescription(offered.media(), transport.port(),
        offered.proto(), List.of(Integer.toString(pt)));
    section.attributes().add("mid", offered.mid());
    transport.describe(section, answerSetup(offer.effective(offered, a -> a.setup())));
    Direction direction = offer.direction(offered).sends() ? Direction.RECVONLY
        : Direction.INACTIVE;
    section.attributes().setDirection(direction);
    if (offered.attributes().rtcpRsize()) {
      section.attributes().add(Attribute.of("rtcp-rsize"));
    }
    section.attributes().add(chosen.toAttribute());
    Fmtp fmtp = offered.attributes().fmtp(pt);
    if (fmtp != null) {
      section.attributes().add(fmtp.toAttribute());
    }
    for (RtcpFb feedback : offered.attributes().rtcpFbs()) {
      if (feedback.appliesTo(pt)
          && (feedback.type().equals("nack") || feedback.type().equals("ccm"))) {
        section.attributes().add(new RtcpFb(pt, feedback.type(), feedback.parameter())
            .toAttribute());
      }
    }
    return section;
  }
}
