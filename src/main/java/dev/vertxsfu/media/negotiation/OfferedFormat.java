package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.wire.sdp.Fmtp;
import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.RtcpFb;
import dev.vertxsfu.wire.sdp.RtpMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One payload type of a remote m-line with what its {@code a=rtpmap}, {@code a=fmtp} and
 * {@code a=rtcp-fb} lines say about it (RFC 8866 sections 6.6 and 6.15, RFC 4585 section 4.2).
 *
 * @param payloadType 0 to 127
 * @param codec the format (for RTX: {@code rtx/<clock>})
 * @param rtcpFeedback the feedback listed for it or for {@code *}, in order, without duplicates
 * @param apt for an RTX format, the payload type it retransmits ({@code apt}); else -1
 */
record OfferedFormat(int payloadType, RtpCodec codec, List<RtcpFeedback> rtcpFeedback, int apt) {

  boolean isRtx() {
    return codec.is(RtpCodec.RTX);
  }

  /**
   * The formats of an RTP m-line in the m-line's order. A payload type without
   * {@code a=rtpmap} is skipped: the static ones (PCMU, PCMA...) are nothing the SFU takes.
   *
   * @throws dev.vertxsfu.wire.sdp.SdpFormatException for a malformed rtpmap, fmtp or rtcp-fb
   */
  static List<OfferedFormat> read(MediaDescription media) {
    Map<Integer, RtpMap> maps = new LinkedHashMap<>();
    for (RtpMap map : media.attributes().rtpMaps()) {
      maps.putIfAbsent(map.payloadType(), map);
    }
    Map<Integer, Fmtp> fmtps = new LinkedHashMap<>();
    for (Fmtp fmtp : media.attributes().fmtps()) {
      fmtps.putIfAbsent(fmtp.payloadType(), fmtp);
    }
    List<RtcpFb> feedback = media.attributes().rtcpFbs();
    List<OfferedFormat> formats = new ArrayList<>();
    for (int pt : media.payloadTypes()) {
      RtpMap map = maps.get(pt);
      if (map == null) {
        continue;
      }
      Fmtp fmtp = fmtps.get(pt);
      RtpCodec codec = new RtpCodec(map.encodingName(), map.clockRate(), map.channelCount(),
          fmtp == null ? Map.of() : fmtp.parameters());
      List<RtcpFeedback> fbs = new ArrayList<>();
      for (RtcpFb fb : feedback) {
        RtcpFeedback value = new RtcpFeedback(fb.type(), fb.parameter());
        if (fb.appliesTo(pt) && !fbs.contains(value)) {
          fbs.add(value);
        }
      }
      int apt = codec.is(RtpCodec.RTX) && fmtp != null ? fmtp.apt() : -1;
      formats.add(new OfferedFormat(pt, codec, fbs, apt));
    }
    return formats;
  }

  /** The RTX format whose apt is {@code payloadType}, or {@code null}. */
  static OfferedFormat rtxFor(List<OfferedFormat> formats, int payloadType) {
    for (OfferedFormat format : formats) {
      if (format.isRtx() && format.apt == payloadType) {
        return format;
      }
    }
    return null;
  }

  /** The format with payload type {@code pt}, or {@code null}. */
  static OfferedFormat byPayloadType(List<OfferedFormat> formats, int pt) {
    for (OfferedFormat format : formats) {
      if (format.payloadType == pt) {
        return format;
      }
    }
    return null;
  }
}
