package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.wire.sdp.ExtMap;
import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.Msid;
import dev.vertxsfu.wire.sdp.Rid;
import dev.vertxsfu.wire.sdp.RidDirection;
import dev.vertxsfu.wire.sdp.Simulcast;
import dev.vertxsfu.wire.sdp.Ssrc;
import dev.vertxsfu.wire.sdp.SsrcGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what identifies the track a client sends on one m-line: {@code a=msid} (RFC 8830; both
 * browsers write it, Chromium also as the legacy {@code a=ssrc:<n> msid:}), the SSRCs and their
 * FID (RTX) and SIM groups (RFC 5576), and the simulcast rids (RFC 8851, RFC 8853).
 */
final class ReceivedTrackReader {
  private ReceivedTrackReader() {}

  /**
   * The track of {@code media}, which the client sends on.
   *
   * @throws dev.vertxsfu.wire.sdp.SdpFormatException for a malformed msid, ssrc, group or rid
   */
  static ReceivedTrack read(MediaDescription media, MediaKind kind, List<NegotiatedCodec> codecs,
      List<ExtMap> extensions) {
    String mid = media.mid();
    Msid msid = msid(media);
    String streamId = msid == null ? Msid.NO_STREAM : msid.streamId();
    String trackId = msid == null || msid.appData() == null ? mid : msid.appData();
    List<Ssrc> ssrcLines = media.attributes().ssrcs();
    String cname = null;
    for (Ssrc ssrc : ssrcLines) {
      if (ssrc.attribute().equals(Ssrc.CNAME) && cname == null) {
        cname = ssrc.value();
      }
    }
    return new ReceivedTrack(mid, kind, trackId, streamId, codecs,
        streams(ssrcLines, media.attributes().ssrcGroups()), rids(media), 
        ExtensionNegotiation.ids(extensions), cname);
  }

  private static Msid msid(MediaDescription media) {
    List<Msid> msids = media.attributes().msids();
    if (!msids.isEmpty()) {
      return msids.get(0);
    }
    for (Ssrc ssrc : media.attributes().ssrcs()) {
      if (ssrc.attribute().equals(Msid.NAME) && ssrc.value() != null) {
        return Msid.parse(ssrc.value());
      }
    }
    return null;
  }

  /** Primary SSRCs (in SIM order if grouped so, else as announced) with their RTX partners. */
  private static List<StreamSsrcs> streams(List<Ssrc> lines, List<SsrcGroup> groups) {
    Set<Long> announced = new LinkedHashSet<>();
    lines.forEach(line -> announced.add(line.ssrc()));
    Map<Long, Long> rtxOf = new HashMap<>();
    Set<Long> secondary = new LinkedHashSet<>();
    List<Long> simulcast = null;
    for (SsrcGroup group : groups) {
      if ((group.semantics().equals(SsrcGroup.FID) || group.semantics().equals(SsrcGroup.FEC_FR))
          && group.ssrcs().size() == 2) {
        secondary.add(group.ssrcs().get(1));
        if (group.semantics().equals(SsrcGroup.FID)) {
          rtxOf.put(group.ssrcs().get(0), group.ssrcs().get(1));
        }
      } else if (group.semantics().equals(SsrcGroup.SIM) && simulcast == null) {
        simulcast = group.ssrcs();
      }
    }
    List<Long> primaries = new ArrayList<>();
    if (simulcast != null) {
      primaries.addAll(simulcast);
    } else {
      for (long ssrc : announced) {
        if (!secondary.contains(ssrc)) {
          primaries.add(ssrc);
        }
      }
    }
    List<StreamSsrcs> streams = new ArrayList<>();
    for (long ssrc : primaries) {
      streams.add(new StreamSsrcs(ssrc, rtxOf.getOrDefault(ssrc, StreamSsrcs.NONE)));
    }
    return streams;
  }

  /** The first rid of each sent simulcast stream that has an {@code a=rid ... send} line. */
  static List<String> rids(MediaDescription media) {
    Simulcast simulcast = media.attributes().simulcast();
    if (simulcast == null || simulcast.send().isEmpty()) {
      return List.of();
    }
    Set<String> declared = new LinkedHashSet<>();
    for (Rid rid : media.attributes().rids()) {
      if (rid.direction() == RidDirection.SEND) {
        declared.add(rid.id());
      }
    }
    List<String> rids = new ArrayList<>();
    for (String rid : simulcast.sendRids()) {
      if (declared.contains(rid)) {
        rids.add(rid);
      }
    }
    return rids;
  }
}
