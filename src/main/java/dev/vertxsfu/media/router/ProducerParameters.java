package dev.vertxsfu.media.router;

import dev.vertxsfu.wire.rtp.codec.VideoCodec;
import java.util.Map;

/**
 * What negotiation learned about one track a client sends (mediasoup's RTP parameters of a
 * producer), in the numbers of the publisher's own SDP.
 *
 * @param id the room-wide producer id
 * @param kind "audio" or "video"
 * @param mid the publisher's mid of the m-line
 * @param ssrc the media SSRC if the SDP signalled it, else 0 (learned from the mid extension)
 * @param rtxSsrc the RTX SSRC if signalled, else 0
 * @param clockRates RTP clock rate per media payload type
 * @param rtxApt the media payload type each RTX payload type repairs (RFC 4588 {@code apt})
 * @param videoCodec per media payload type, the codec whose key frames the router finds
 *     (empty for audio)
 * @param midExtensionId the publisher's id of the {@code sdes:mid} header extension, or 0
 * @param transportCcExtensionId the publisher's id of the transport-wide sequence number
 *     extension, or 0 if it did not negotiate transport-wide congestion control
 * @param firNegotiated whether the publisher accepts FIR ({@code a=rtcp-fb:<pt> ccm fir}), which
 *     the producer sends when a PLI went unanswered
 */
public record ProducerParameters(String id, String kind, String mid, long ssrc, long rtxSsrc,
    Map<Integer, Integer> clockRates, Map<Integer, Integer> rtxApt,
    Map<Integer, VideoCodec> videoCodec, int midExtensionId, int transportCcExtensionId,
    boolean firNegotiated) {

  public boolean isVideo() {
    return "video".equals(kind);
  }
}
