package dev.vertxsfu.media.negotiation;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of a client's offered formats the SFU answers (RFC 8829 section 5.3.1, "the answerer
 * ... MUST include ... the codecs it supports, in the offer's order, with the offer's payload
 * types"; RFC 3264 section 6.1): every format {@link MediaCapabilities} accepts, in the
 * client's order of preference and with its payload types and fmtp; the RTX format of a kept
 * codec (RFC 4588 section 8.6) and none other; the feedback both sides support.
 */
final class CodecNegotiation {
  private CodecNegotiation() {}

  /** The negotiated codecs of an offered m-line of {@code kind}; empty when none is common. */
  static List<NegotiatedCodec> intersect(MediaKind kind, List<OfferedFormat> offered,
      MediaCapabilities capabilities) {
    List<NegotiatedCodec> codecs = new ArrayList<>();
    for (OfferedFormat format : offered) {
      if (format.isRtx()) {
        continue;
      }
      CodecCapability capability = capabilities.match(kind, format.codec());
      if (capability == null) {
        continue;
      }
      OfferedFormat rtx = capability.rtx()
          ? OfferedFormat.rtxFor(offered, format.payloadType()) : null;
      codecs.add(new NegotiatedCodec(format.codec(), format.payloadType(),
          rtx == null ? -1 : rtx.payloadType(),
          common(format.rtcpFeedback(), capabilities.rtcpFeedback())));
    }
    return codecs;
  }

  /** The entries of {@code wanted} that {@code supported} has, in {@code wanted}'s order. */
  static List<RtcpFeedback> common(List<RtcpFeedback> wanted,
      java.util.Collection<RtcpFeedback> supported) {
    List<RtcpFeedback> common = new ArrayList<>();
    for (RtcpFeedback feedback : wanted) {
      if (supported.contains(feedback) && !common.contains(feedback)) {
        common.add(feedback);
      }
    }
    return common;
  }

  /** The first codec of {@code codecs} that is the same codec as {@code codec}, or null. */
  static NegotiatedCodec find(List<NegotiatedCodec> codecs, RtpCodec codec) {
    for (NegotiatedCodec candidate : codecs) {
      if (CodecMatcher.matches(candidate.codec(), codec)) {
        return candidate;
      }
    }
    return null;
  }
}
