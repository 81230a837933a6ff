package dev.vertxsfu.media.negotiation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the SFU accepts in offers and proposes in its own: codecs, RTCP feedback, header
 * extensions. The SFU forwards RTP and never decodes, so any codec both a publisher and its
 * subscribers speak is fine; the list is what the media plane can parse (key frames, RTX) and
 * what browsers send. Immutable; one instance is shared by all of a room's negotiators.
 */
public final class MediaCapabilities {
  private final List<CodecCapability> codecs;
  private final Set<RtcpFeedback> rtcpFeedback;
  private final List<HeaderExtensionCapability> headerExtensions;

  /**
   * @param codecs the accepted codecs; their preferred payload types must be distinct
   * @param rtcpFeedback the feedback the SFU honours and gives (nack, pli, fir...)
   * @param headerExtensions the accepted extensions; preferred ids distinct within a kind
   */
  public MediaCapabilities(List<CodecCapability> codecs, Set<RtcpFeedback> rtcpFeedback,
      List<HeaderExtensionCapability> headerExtensions) {
    this.codecs = List.copyOf(codecs);
    this.rtcpFeedback = Set.copyOf(rtcpFeedback);
    this.headerExtensions = List.copyOf(headerExtensions);
    Set<Integer> pts = new LinkedHashSet<>();
    for (CodecCapability c : this.codecs) {
      if (!pts.add(c.preferredPayloadType())
          || (c.rtx() && !pts.add(c.preferredRtxPayloadType()))) {
        throw new IllegalArgumentException("preferred payload type used twice by " + c.codec());
      }
    }
    Set<String> ids = new LinkedHashSet<>();
    for (HeaderExtensionCapability e : this.headerExtensions) {
      if (!ids.add(e.kind() + " " + e.preferredId())) {
        throw new IllegalArgumentException("preferred extension id used twice: " + e);
      }
    }
  }

  /**
   * The default set: Opus/48000/2 (minptime=10;useinbandfec=1); VP8; VP9 profile-id 0 and 2;
   * H.264 constrained baseline (42e01f), baseline (42001f), main (4d001f) and high (640032),
   * each with packetization-mode 1 and 0 and level-asymmetry-allowed; AV1; RTX for every video
   * codec; nack, nack pli, ccm fir, goog-remb, transport-cc; the mid, rid, repaired-rid,
   * abs-send-time, transport-cc, audio-level, video-orientation and toffset extensions. The
   * preferred numbers are Chromium's where it has one.
   */
  public static MediaCapabilities defaults() {
    List<CodecCapability> codecs = new ArrayList<>();
    codecs.add(new CodecCapability(MediaKind.AUDIO, new RtpCodec(RtpCodec.OPUS, 48000, 2,
        params("minptime", "10", "useinbandfec", "1")), 111, -1));
    codecs.add(video(RtpCodec.VP8, Map.of(), 96, 97));
    codecs.add(video(RtpCodec.VP9, params("profile-id", "0"), 98, 99));
    codecs.add(video(RtpCodec.VP9, params("profile-id", "2"), 100, 101));
    int pt = 102;
    for (String profileLevelId : List.of("42001f", "42e01f", "4d001f", "640032")) {
      for (String mode : List.of("1", "0")) {
        codecs.add(video(RtpCodec.H264, params("level-asymmetry-allowed", "1",
            "packetization-mode", mode, "profile-level-id", profileLevelId), pt, pt + 1));
        pt += 2;
        pt = pt == 110 ? 112 : pt; // 111 is Opus
      }
    }
    codecs.add(video(RtpCodec.AV1, Map.of(), 45, 46));
    Set<RtcpFeedback> feedback = Set.of(RtcpFeedback.NACK, RtcpFeedback.NACK_PLI,
        RtcpFeedback.CCM_FIR, RtcpFeedback.GOOG_REMB, RtcpFeedback.TRANSPORT_CC);
    List<HeaderExtensionCapability> extensions = new ArrayList<>();
    for (MediaKind kind : MediaKind.values()) {
      extensions.add(new HeaderExtensionCapability(kind, RtpHeaderExtensionUris.MID, 4, true));
      extensions.add(
          new HeaderExtensionCapability(kind, RtpHeaderExtensionUris.ABS_SEND_TIME, 2, true));
      extensions.add(
          new HeaderExtensionCapability(kind, RtpHeaderExtensionUris.TRANSPORT_CC, 3, true));
    }
    extensions.add(new HeaderExtensionCapability(MediaKind.AUDIO,
        RtpHeaderExtensionUris.AUDIO_LEVEL, 1, true));
    extensions.add(new HeaderExtensionCapability(MediaKind.VIDEO,
        RtpHeaderExtensionUris.RTP_STREAM_ID, 10, true));
    extensions.add(new HeaderExtensionCapability(MediaKind.VIDEO,
        RtpHeaderExtensionUris.REPAIRED_RTP_STREAM_ID, 11, true));
    extensions.add(new HeaderExtensionCapability(MediaKind.VIDEO,
        RtpHeaderExtensionUris.VIDEO_ORIENTATION, 13, true));
    extensions.add(new HeaderExtensionCapability(MediaKind.VIDEO,
        RtpHeaderExtensionUris.TOFFSET, 14, true));
    return new MediaCapabilities(codecs, feedback, extensions);
  }

  private static CodecCapability video(String name, Map<String, String> parameters, int pt,
      int rtxPt) {
    return new CodecCapability(MediaKind.VIDEO, new RtpCodec(name, 90000, 1, parameters), pt,
        rtxPt);
  }

  private static Map<String, String> params(String... keyValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  public List<CodecCapability> codecs() {
    return codecs;
  }

  public Set<RtcpFeedback> rtcpFeedback() {
    return rtcpFeedback;
  }

  public List<HeaderExtensionCapability> headerExtensions() {
    return headerExtensions;
  }

  /** The first accepted codec of {@code kind} that {@code offered} matches, or {@code null}. */
  CodecCapability match(MediaKind kind, RtpCodec offered) {
    for (CodecCapability capability : codecs) {
      if (capability.kind() == kind && CodecMatcher.matches(capability.codec(), offered)) {
        return capability;
      }
    }
    return null;
  }

  /** The accepted extension {@code uri} on m-lines of {@code kind}, or {@code null}. */
  HeaderExtensionCapability extension(MediaKind kind, String uri) {
    for (HeaderExtensionCapability capability : headerExtensions) {
      if (capability.kind() == kind && capability.uri().equals(uri)) {
        return capability;
      }
    }
    return null;
  }
}
