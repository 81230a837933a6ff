package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.wire.sdp.Direction;
import dev.vertxsfu.wire.sdp.Group;
import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.SessionDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a client's answer to the SFU's offer (RFC 8829 section 5.10; RFC 3264 section 6): it
 * must have one m-line per offered m-line, in order, with the same mids (RFC 3264 section 6,
 * RFC 8829 section 5.3.1); keep every accepted m-line in BUNDLE (RFC 8843 section 7.3); give ICE
 * credentials and a fingerprint; take the DTLS client role ({@code a=setup:active}); and answer
 * each direction with one the offer allows (RFC 3264 section 6.1). Anything else is a
 * {@link NegotiationException}. What it yields: the sections after the exchange (a port-0
 * m-line rejected, a client that stopped sending without its track) and, per SendTrack, what
 * the client agreed to.
 */
final class AnswerReader {
  record Result(List<Section> sections, Map<String, NegotiatedSendTrack> sendTracks,
      RemoteEndpoint remote) {}

  private AnswerReader() {}

  static Result read(SessionDescription answer, List<Section> offered) {
    RemoteChecks.checkNotLite(answer);
    List<MediaDescription> media = answer.media();
    if (media.size() != offered.size()) {
      throw new NegotiationException("the answer has " + media.size() + " m-lines, the offer "
          + offered.size() + " (RFC 3264 section 6: one per offered m-line, in order)");
    }
    Group bundle = answer.attributes().bundleGroup();
    List<Section> sections = new ArrayList<>();
    Map<String, NegotiatedSendTrack> states = new LinkedHashMap<>();
    RemoteEndpoint remote = null;
    for (int i = 0; i < media.size(); i++) {
      MediaDescription m = media.get(i);
      Section ours = offered.get(i);
      String where = RemoteChecks.where(m, i);
      if (!Objects.equals(ours.mid(), m.mid())) {
        throw new NegotiationException(where + " answers the offer's mid " + ours.mid()
            + " (RFC 8829 section 5.3.1: an answer keeps every mid, in order)");
      }
      if (ours.rejected() || m.port() == 0) {
        if (ours.rejected() && m.port() != 0) {
          throw new NegotiationException(where + " accepts an m-line the offer rejected");
        }
        Section rejected = ours.rejected() ? ours : ours.asRejected();
        if (ours.sending() != null) {
          states.put(ours.sending().key(), NegotiatedSendTrack.refused(ours.sending().key(),
              ours.mid(), "the client rejected mid " + ours.mid() + " (port 0)"));
        }
        sections.add(rejected);
        continue;
      }
      if (ours.kind() != MediaKind.fromSdpName(m.media())) {
        throw new NegotiationException(where + " answers a " + ours.kind() + " m-line");
      }
      if (bundle == null || !bundle.mids().contains(m.mid())) {
        throw new NegotiationException(where + " is accepted outside BUNDLE"
            + (bundle == null ? " (the answer has no a=group:BUNDLE)" : "")
            + ": the SFU has one transport for all (RFC 8843 section 7.3)");
      }
      RemoteChecks.checkTransport(answer, m, i, false);
      if (remote == null) {
        remote = RemoteChecks.endpoint(answer, m);
      }
      Direction theirs = answer.direction(m);
      Direction allowed = ours.localDirection().reverse();
      if (theirs.intersect(allowed) != theirs) {
        throw new NegotiationException(where + " answers a=" + theirs.attributeName()
            + " to the SFU's a=" + ours.localDirection().attributeName()
            + " (RFC 3264 section 6.1)");
      }
      Section section = ours.withRemote(theirs,
          theirs.sends() ? ours.received() : null, ours.localDirection().intersect(
              theirs.reverse()));
      if (ours.sending() != null) {
        List<OfferedFormat> formats = OfferedFormat.read(m);
        NegotiatedSendTrack state = SendNegotiation.negotiate(ours.sending(), ours.mid(),
            theirs, answered(ours.codecs(), formats),
            ExtensionNegotiation.accepted(ours.extensions(), m.attributes().extMaps()));
        states.put(ours.sending().key(), state);
        section = section.withSending(ours.sending(), state);
      }
      sections.add(section);
    }
    return new Result(sections, states, remote);
  }

  /**
   * The offered codecs the answer kept, with the offered numbers (the answer's payload types
   * are the offer's, RFC 3264 section 6.1), RTX only if the answer kept it under the offered
   * payload type, and the feedback both listed.
   */
  private static List<NegotiatedCodec> answered(List<NegotiatedCodec> offered,
      List<OfferedFormat> formats) {
    List<NegotiatedCodec> codecs = new ArrayList<>();
    for (NegotiatedCodec ours : offered) {
      OfferedFormat theirs = OfferedFormat.byPayloadType(formats, ours.payloadType());
      if (theirs == null || !CodecMatcher.matches(ours.codec(), theirs.codec())) {
        continue;
      }
      OfferedFormat rtx = OfferedFormat.rtxFor(formats, ours.payloadType());
      int rtxPt = rtx != null && rtx.payloadType() == ours.rtxPayloadType()
          ? rtx.payloadType() : -1;
      codecs.add(new NegotiatedCodec(ours.codec(), ours.payloadType(), rtxPt,
          CodecNegotiation.common(theirs.rtcpFeedback(), ours.rtcpFeedback())));
    }
    return codecs;
  }
}
