package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.wire.sdp.Direction;
import dev.vertxsfu.wire.sdp.ExtMap;
import java.util.List;

/**
 * Whether a {@link SendTrack} can flow on its m-line, and with which numbers: the client must
 * receive there (its direction {@code recvonly} or {@code sendrecv}) and accept the producer's
 * codec ({@link CodecMatcher}: an H.264 subscriber of another profile does not), and the payload
 * types are the client's (RFC 3264 section 6.1: an answer keeps the offer's numbers, so both
 * the client's offers and its answers to ours give the same ones).
 */
final class SendNegotiation {
  private SendNegotiation() {}

  /**
   * @param remote the client's direction on the m-line (its view)
   * @param codecs the m-line's negotiated codecs, with the client's payload types
   * @param extensions the m-line's negotiated extmaps
   */
  static NegotiatedSendTrack negotiate(SendTrack track, String mid, Direction remote,
      List<NegotiatedCodec> codecs, List<ExtMap> extensions) {
    if (!remote.receives()) {
      return NegotiatedSendTrack.refused(track.key(), mid, "the client does not receive on mid "
          + mid + " (a=" + remote.attributeName() + ")");
    }
    NegotiatedCodec codec = CodecNegotiation.find(codecs, track.codec());
    if (codec == null) {
      return NegotiatedSendTrack.refused(track.key(), mid, "the client does not accept "
          + track.codec() + " on mid " + mid);
    }
    return new NegotiatedSendTrack(track.key(), mid, true, null, codec.payloadType(),
        track.rtx() ? codec.rtxPayloadType() : -1,
        CodecNegotiation.common(codec.rtcpFeedback(), track.rtcpFeedback()),
        ExtensionNegotiation.ids(extensions));
  }
}
