package dev.vertxsfu.wire.rtp.codec;

import java.util.Locale;

/**
 * The video codecs whose key frames the forwarder can find, by their SDP encoding names
 * (RFC 7741, draft-ietf-payload-vp9, RFC 6184, AV1 RTP spec).
 */
public enum VideoCodec {
  VP8, VP9, H264, AV1;

  /** The codec of an {@code a=rtpmap} encoding name, or null for any other (audio, RTX, ...). */
  public static VideoCodec fromEncodingName(String name) {
    return switch (name.toUpperCase(Locale.ROOT)) {
      case "VP8" -> VP8;
      case "VP9" -> VP9;
      case "H264" -> H264;
      case "AV1", "AV1X" -> AV1;
      default -> null;
    };
  }

  /** Whether an RTP payload of this codec starts a key frame. */
  public boolean isKeyFrame(byte[] buf, int off, int len) {
    return switch (this) {
      case VP8 -> Vp8PayloadDescriptor.isKeyFrame(buf, off, len);
      case VP9 -> Vp9PayloadDescriptor.isKeyFrame(buf, off, len);
      case H264 -> H264Payload.isKeyFrame(buf, off, len);
      case AV1 -> Av1AggregationHeader.isKeyFrame(buf, off, len);
    };
  }
}
