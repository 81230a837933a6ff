package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.wire.sdp.Attribute;
import dev.vertxsfu.wire.sdp.Attributes;
import dev.vertxsfu.wire.sdp.Candidate;
import dev.vertxsfu.wire.sdp.ConnectionData;
import dev.vertxsfu.wire.sdp.Fmtp;
import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.Msid;
import dev.vertxsfu.wire.sdp.Rid;
import dev.vertxsfu.wire.sdp.RidDirection;
import dev.vertxsfu.wire.sdp.RtcpFb;
import dev.vertxsfu.wire.sdp.RtpMap;
import dev.vertxsfu.wire.sdp.Setup;
import dev.vertxsfu.wire.sdp.Simulcast;
import dev.vertxsfu.wire.sdp.Ssrc;
import dev.vertxsfu.wire.sdp.SsrcGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes one {@link Section} as an m-line of the SFU's answer or offer, in the order Chromium
 * writes its own: transport ({@code c=}, ICE, fingerprint, setup), mid, extmaps, direction,
 * msid, rtcp-mux and rtcp-rsize, the codecs (rtpmap, rtcp-fb, fmtp, then the RTX format),
 * rids and simulcast, the SSRCs, and on the BUNDLE-tagged m-line the candidates and
 * {@code a=end-of-candidates} (an ICE-lite agent has all its candidates at once, RFC 8840
 * section 4.2). A rejected m-line is {@code m=<media> 0 <proto> <fmt>} with only {@code c=} and
 * its mid (RFC 3264 section 6, RFC 8829 sections 5.2.2 and 5.3.1).
 */
final class SectionWriter {
  /** RFC 8445 section 5.1.2.1: the type preference of host candidates. */
  private static final long HOST_TYPE_PREFERENCE = 126;
  /** RFC 6544 section 4.2: the direction preference of a passive host candidate. */
  private static final long PASSIVE_DIRECTION_PREFERENCE = 4;

  private final LocalEndpoint local;
  private final String cname;

  SectionWriter(LocalEndpoint local, String cname) {
    this.local = local;
    this.cname = cname;
  }

  MediaDescription write(Section section, Setup setup, boolean withCandidates) {
    if (section.rejected()) {
      return rejected(section);
    }
    List<String> formats = new ArrayList<>();
    for (NegotiatedCodec codec : section.codecs()) {
      formats.add(Integer.toString(codec.payloadType()));
      if (codec.hasRtx()) {
        formats.add(Integer.toString(codec.rtxPayloadType()));
      }
    }
    HostCandidate first = local.candidates().stream().filter(c -> !c.tcp()).findFirst()
        .orElse(local.candidates().isEmpty() ? null : local.candidates().get(0));
    MediaDescription media = new MediaDescription(section.kind().sdpName(),
        first == null ? 9 : first.port(), MediaDescription.RTP_PROTO, formats);
    media.connections().add(ConnectionData.of(first == null ? "0.0.0.0" : first.address()));
    Attributes a = media.attributes();
    a.add("ice-ufrag", local.iceUfrag());
    a.add("ice-pwd", local.icePwd());
    a.add("fingerprint", local.fingerprint());
    a.add(setup.toAttribute());
    a.add("mid", section.mid());
    section.extensions().forEach(map -> a.add(map.toAttribute()));
    a.setDirection(section.localDirection());
    SendTrack track = section.localDirection().sends() ? section.sending() : null;
    if (track != null) {
      a.add(new Msid(track.streamId(), track.trackId()).toAttribute());
    }
    a.add("rtcp-mux", null);
    if (section.rtcpRsize()) {
      a.add("rtcp-rsize", null);
    }
    section.codecs().forEach(codec -> writeCodec(a, section.kind(), codec));
    writeSimulcast(a, section.receiveSimulcast());
    if (track != null) {
      writeSsrcs(a, track);
    }
    if (withCandidates) {
      writeCandidates(a);
    }
    return media;
  }

  private static MediaDescription rejected(Section section) {
    List<String> header = section.header();
    MediaDescription media = new MediaDescription(header.get(0), 0, header.get(1),
        header.subList(2, header.size()));
    media.connections().add(ConnectionData.of("0.0.0.0"));
    if (section.mid() != null) {
      media.attributes().add("mid", section.mid());
    }
    return media;
  }

  private static void writeCodec(Attributes a, MediaKind kind, NegotiatedCodec negotiated) {
    RtpCodec codec = negotiated.codec();
    int pt = negotiated.payloadType();
    a.add(new RtpMap(pt, codec.name(), codec.clockRate(),
        kind == MediaKind.AUDIO && codec.channels() > 1 ? codec.channels() : null).toAttribute());
    for (RtcpFeedback feedback : negotiated.rtcpFeedback()) {
      a.add(new RtcpFb(pt, feedback.type(), feedback.parameter()).toAttribute());
    }
    if (!codec.parameters().isEmpty()) {
      a.add(Fmtp.of(pt, codec.parameters()).toAttribute());
    }
    if (negotiated.hasRtx()) {
      int rtx = negotiated.rtxPayloadType();
      a.add(new RtpMap(rtx, RtpCodec.RTX, codec.clockRate(), null).toAttribute());
      a.add(Fmtp.of(rtx, Map.of(Fmtp.APT, Integer.toString(pt))).toAttribute());
    }
  }

  private static void writeSimulcast(Attributes a, Simulcast simulcast) {
    if (simulcast == null) {
      return;
    }
    for (List<Simulcast.Stream> alternatives : simulcast.receive()) {
      for (Simulcast.Stream stream : alternatives) {
        a.add(Rid.of(stream.rid(), RidDirection.RECV).toAttribute());
      }
    }
    a.add(simulcast.toAttribute());
  }

  /** RFC 5576 sections 4.1 and 4.2: the FID group first, as Chromium writes it. */
  private void writeSsrcs(Attributes a, SendTrack track) {
    String msid = new Msid(track.streamId(), track.trackId()).format();
    List<Long> ssrcs = new ArrayList<>(List.of(track.ssrc()));
    if (track.rtx()) {
      ssrcs.add(track.rtxSsrc());
      a.add(new SsrcGroup(SsrcGroup.FID, ssrcs).toAttribute());
    }
    for (long ssrc : ssrcs) {
      a.add(new Ssrc(ssrc, Ssrc.CNAME, cname).toAttribute());
      a.add(new Ssrc(ssrc, Msid.NAME, msid).toAttribute());
    }
  }

  /**
   * RFC 8445 section 5.1.2.1: priority = 2^24 type + 2^8 local preference + (256 - 1). UDP
   * candidates come first, with local preferences from 65535 down; passive TCP ones after
   * them, with RFC 6544 section 4.2's local preference (2^13 direction preference, 4 for a
   * passive host candidate, plus one falling from 8191), always below every UDP candidate's,
   * so a client that can use UDP does.
   */
  private void writeCandidates(Attributes a) {
    int foundation = 1;
    int udp = 0;
    for (HostCandidate host : local.candidates()) {
      if (!host.tcp()) {
        long localPreference = 65535 - udp++;
        a.add(Candidate.host(Integer.toString(foundation++), priority(localPreference),
            host.address(), host.port()).toAttribute());
      }
    }
    int tcp = 0;
    for (HostCandidate host : local.candidates()) {
      if (host.tcp()) {
        long localPreference = (PASSIVE_DIRECTION_PREFERENCE << 13) + 8191 - tcp++;
        a.add(new Candidate(Integer.toString(foundation++), 1, "tcp",
            priority(localPreference), host.address(), host.port(), Candidate.HOST, null, -1,
            List.of(new Candidate.Extension(Candidate.TCPTYPE, "passive"))).toAttribute());
      }
    }
    a.add(Attribute.of("end-of-candidates"));
  }

  private static long priority(long localPreference) {
    return (HOST_TYPE_PREFERENCE << 24) + (localPreference << 8) + (256 - 1);
  }
}
