package dev.vertxsfu.media.negotiation;

import java.util.List;

/**
 * A track the client sends (an m-line whose direction, from the client, is {@code sendrecv} or
 * {@code sendonly}), as the room needs it to make a producer: the ids subscribers will see, the
 * negotiated codecs with the client's payload types, how its RTP streams are told apart (SSRCs
 * when signalled, else rids) and the header extension ids the client writes.
 *
 * @param mid the m-line's {@code a=mid}
 * @param kind audio or video
 * @param trackId the msid-appdata of {@code a=msid} (RFC 8830), else the mid
 * @param streamId the msid-id, else {@code -} (a track in no stream)
 * @param codecs the accepted codecs in the client's order of preference (the first is what it
 *     will most likely send), with the client's payload types
 * @param ssrcs the signalled streams ({@code a=ssrc}, FID groups; for SSRC simulcast the
 *     {@code a=ssrc-group:SIM} order, lowest layer first); empty when the client signals none
 * @param rids the simulcast rids of {@code a=simulcast:send} (RFC 8853), in the client's order;
 *     empty without simulcast. Their SSRCs come with the first packets (the rid extension)
 * @param extensionIds the client's ids for the negotiated extensions
 * @param cname the {@code cname} of its SSRCs, or {@code null}
 */
public record ReceivedTrack(String mid, MediaKind kind, String trackId, String streamId,
    List<NegotiatedCodec> codecs, List<StreamSsrcs> ssrcs, List<String> rids,
    ExtensionIds extensionIds, String cname) {

  public ReceivedTrack {
    codecs = List.copyOf(codecs);
    ssrcs = List.copyOf(ssrcs);
    rids = List.copyOf(rids);
  }

  /** Whether the client sends several encodings (rid or SSRC simulcast). */
  public boolean simulcast() {
    return rids.size() > 1 || ssrcs.size() > 1;
  }

  /** Whether {@code other} is the same track sent the same way (ids, SSRCs, rids). */
  boolean sameSourceAs(ReceivedTrack other) {
    return other != null && mid.equals(other.mid) && trackId.equals(other.trackId)
        && streamId.equals(other.streamId) && ssrcs.equals(other.ssrcs)
        && rids.equals(other.rids);
  }
}
