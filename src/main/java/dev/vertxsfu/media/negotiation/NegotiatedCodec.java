package dev.vertxsfu.media.negotiation;

import java.util.List;

/**
 * A codec as one client's session negotiated it: the payload type the client uses for it, the
 * payload type of its RTX stream (RFC 4588, {@code a=fmtp:<rtx> apt=<pt>}), and the RTCP feedback
 * both sides agreed on.
 *
 * @param codec the format, with the parameters of the client's {@code a=fmtp}
 * @param payloadType 0 to 127
 * @param rtxPayloadType the RTX payload type, or -1 when there is none
 * @param rtcpFeedback the negotiated feedback, in the client's order
 */
public record NegotiatedCodec(RtpCodec codec, int payloadType, int rtxPayloadType,
    List<RtcpFeedback> rtcpFeedback) {
  public NegotiatedCodec {
    if (payloadType < 0 || payloadType > 127 || rtxPayloadType < -1 || rtxPayloadType > 127) {
      throw new IllegalArgumentException("payload types out of 0..127");
    }
    rtcpFeedback = List.copyOf(rtcpFeedback);
  }

  /** Whether an RTX payload type was negotiated. */
  public boolean hasRtx() {
    return rtxPayloadType >= 0;
  }
}
