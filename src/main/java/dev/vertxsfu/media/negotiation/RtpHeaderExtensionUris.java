package dev.vertxsfu.media.negotiation;

/**
 * The RTP header extensions (RFC 8285) the SFU understands, by the URIs browsers put in
 * {@code a=extmap}.
 */
public final class RtpHeaderExtensionUris {
  private RtpHeaderExtensionUris() {}

  /** The m-line's mid, RFC 8843 section 15.1. */
  public static final String MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
  /** The simulcast layer's rid, RFC 8852 section 3.1. */
  public static final String RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
  /** The rid an RTX stream repairs, RFC 8852 section 3.2. */
  public static final String REPAIRED_RTP_STREAM_ID =
      "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
  /** Absolute send time, 6.18 fixed point seconds (webrtc.org). */
  public static final String ABS_SEND_TIME =
      "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
  /** Transport-wide sequence number (draft-holmer-rmcat-transport-wide-cc-extensions-01). */
  public static final String TRANSPORT_CC =
      "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
  /** Client-to-mixer audio level, RFC 6464. */
  public static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
  /** Coordination of video orientation, 3GPP TS 26.114. */
  public static final String VIDEO_ORIENTATION = "urn:3gpp:video-orientation";
  /** Transmission time offset, RFC 5450. */
  public static final String TOFFSET = "urn:ietf:params:rtp-hdrext:toffset";
}
