package dev.vertxsfu.media.negotiation;

import java.util.List;
import java.util.Objects;

/**
 * A track the SFU sends to this client: another client's track, as the room's consumer for it
 * describes it. Input of {@link SessionNegotiator#createOffer}.
 *
 * @param key a stable key of the consumer (the same track in the next offer has the same key)
 * @param kind audio or video
 * @param trackId the PUBLISHER's track id, so {@code a=msid} shows the subscriber which remote
 *     track this is (docs/protocol.md, TrackInfo)
 * @param streamId the publisher's stream id ({@code -} for none)
 * @param codec the codec as the producer negotiated it (name, clock rate, channels, fmtp)
 * @param rtx whether to offer RTX for it
 * @param ssrc the SSRC the consumer sends with
 * @param rtxSsrc the consumer's RTX SSRC ({@link StreamSsrcs#NONE} without RTX)
 * @param rtcpFeedback the feedback to offer (nack, nack pli, ccm fir, transport-cc...)
 */
public record SendTrack(String key, MediaKind kind, String trackId, String streamId,
    RtpCodec codec, boolean rtx, long ssrc, long rtxSsrc, List<RtcpFeedback> rtcpFeedback) {

  public SendTrack {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(codec, "codec");
    new dev.vertxsfu.wire.sdp.Msid(streamId, trackId); // 1 to 64 token chars each
    if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("SSRC out of 0..2^32-1: " + ssrc);
    }
    if (rtx && (rtxSsrc < 0 || rtxSsrc > 0xFFFF_FFFFL || rtxSsrc == ssrc)) {
      throw new IllegalArgumentException("RTX needs its own SSRC in 0..2^32-1: " + rtxSsrc);
    }
    rtcpFeedback = List.copyOf(rtcpFeedback);
  }
}
