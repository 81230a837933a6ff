package dev.vertxsfu.media.router;

import dev.vertxsfu.wire.rtp.codec.VideoCodec;
import java.util.List;
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
 * @param encodings the simulcast encodings, lowest layer first (rids of {@code a=simulcast},
 *     or the SSRCs of {@code a=ssrc-group:SIM}); empty for a track of one stream, whose SSRCs
 *     are {@code ssrc} and {@code rtxSsrc}
 * @param ridExtensionId the publisher's id of the {@code rtp-stream-id} extension, or 0
 * @param repairedRidExtensionId its id of {@code repaired-rtp-stream-id}, or 0
 */
public record ProducerParameters(String id, String kind, String mid, long ssrc, long rtxSsrc,
    Map<Integer, Integer> clockRates, Map<Integer, Integer> rtxApt,
    Map<Integer, VideoCodec> videoCodec, int midExtensionId, int transportCcExtensionId,
    boolean firNegotiated, List<Encoding> encodings, int ridExtensionId,
    int repairedRidExtensionId) {

  /**
   * One simulcast encoding: its rid (RFC 8851) when the publisher names its streams so, and its
   * SSRCs when signalled (0 until learned from the rid extension).
   */
  public record Encoding(String rid, long ssrc, long rtxSsrc) {}

  public ProducerParameters {
    encodings = List.copyOf(encodings);
  }

  /** A track of one stream (no simulcast). */
  public ProducerParameters(String id, String kind, String mid, long ssrc, long rtxSsrc,
      Map<Integer, Integer> clockRates, Map<Integer, Integer> rtxApt,
      Map<Integer, VideoCodec> videoCodec, int midExtensionId, int transportCcExtensionId,
      boolean firNegotiated) {
    this(id, kind, mid, ssrc, rtxSsrc, clockRates, rtxApt, videoCodec, midExtensionId,
        transportCcExtensionId, firNegotiated, List.of(), 0, 0);
  }

  /** Whether the publisher sends several encodings of the track. */
  public boolean simulcast() {
    return encodings.size() > 1;
  }

  public boolean isVideo() {
    return "video".equals(kind);
  }
}
