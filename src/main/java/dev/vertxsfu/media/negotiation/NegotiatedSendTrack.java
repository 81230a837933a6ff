package dev.vertxsfu.media.negotiation;

import java.util.List;

/**
 * What a subscriber agreed to for one {@link SendTrack}: the numbers the consumer writes into
 * packets for this client. When {@code accepted} is false the consumer must not send (the
 * m-line was rejected with port 0, the client does not receive on it, or it does not accept the
 * producer's codec, e.g. another H.264 profile) and {@code reason} says why.
 *
 * @param key the SendTrack's key
 * @param mid the m-line carrying it
 * @param accepted whether media may flow
 * @param reason why not, or {@code null} when accepted
 * @param payloadType the subscriber's payload type for the codec (-1 when not accepted)
 * @param rtxPayloadType its RTX payload type, or -1 (no RTX)
 * @param rtcpFeedback the negotiated feedback (nack, pli, fir, transport-cc...)
 * @param extensionIds the subscriber's ids (mid, abs-send-time, transport-cc, audio-level...)
 */
public record NegotiatedSendTrack(String key, String mid, boolean accepted, String reason,
    int payloadType, int rtxPayloadType, List<RtcpFeedback> rtcpFeedback,
    ExtensionIds extensionIds) {

  public NegotiatedSendTrack {
    rtcpFeedback = List.copyOf(rtcpFeedback);
  }

  static NegotiatedSendTrack refused(String key, String mid, String reason) {
    return new NegotiatedSendTrack(key, mid, false, reason, -1, -1, List.of(), ExtensionIds.NONE);
  }
}
