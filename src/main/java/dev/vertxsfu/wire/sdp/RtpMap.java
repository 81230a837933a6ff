package dev.vertxsfu.wire.sdp;

import java.util.List;

/**
 * The {@code a=rtpmap} attribute, RFC 8866 section 6.6: what a dynamic RTP payload type of the
 * media description's format list means. Negotiation matches codecs by encoding name
 * (case-insensitive, RFC 4855), clock rate and channels, never by payload type.
 *
 * <pre>
 * rtpmap-value = payload-type SP encoding-name "/" clock-rate [ "/" encoding-params ]
 *
 * a=rtpmap:111 opus/48000/2
 * a=rtpmap:96 VP8/90000
 * a=rtpmap:97 rtx/90000
 * </pre>
 *
 * @param payloadType 0 to 127
 * @param encodingName a token without '/' ({@code opus}, {@code VP8}, {@code rtx}...)
 * @param clockRate in Hz, at least 1
 * @param channels the encoding parameters (audio channels), or {@code null} if absent
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, Integer channels) {
  /** The attribute name. */
  public static final String NAME = "rtpmap";

  public RtpMap {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type out of 0..127: " + payloadType);
    }
    if (!SdpSyntax.isToken(encodingName)) {
      throw new IllegalArgumentException("the encoding name is not a token: " + encodingName);
    }
    if (clockRate < 1 || (channels != null && channels < 1)) {
      throw new IllegalArgumentException("clock rate and channels must be at least 1");
    }
  }

  /** The number of channels: the encoding parameters, 1 when absent (RFC 8866 section 6.6). */
  public int channelCount() {
    return channels == null ? 1 : channels;
  }

  /** The attribute value, e.g. {@code 111 opus/48000/2}. */
  public String format() {
    return payloadType + " " + encodingName + '/' + clockRate + (channels == null ? "" : "/" + channels);
  }

  /** {@code a=rtpmap:<value>}. */
  public Attribute toAttribute() {
    return Attribute.of(NAME, format());
  }

  /** Reads an {@code a=rtpmap} value. */
  public static RtpMap parse(String value) {
    return from(Attribute.forValue(NAME, value));
  }

  static RtpMap from(Attribute attribute) {
    String value = attribute.requireValue();
    int space = value.indexOf(' ');
    int payloadType = space < 0 ? -1 : (int) SdpSyntax.number(value.substring(0, space), 127);
    if (payloadType < 0) {
      throw attribute.malformed("no payload type of 0 to 127 before a single space");
    }
    List<String> parts = SdpSyntax.split(value.substring(space + 1), '/');
    if (parts.size() < 2 || parts.size() > 3 || !SdpSyntax.isToken(parts.get(0))) {
      throw attribute.malformed("expected <encoding name>/<clock rate>[/<channels>]");
    }
    long clockRate = SdpSyntax.number(parts.get(1), Integer.MAX_VALUE);
    long channels = parts.size() == 3 ? SdpSyntax.number(parts.get(2), Integer.MAX_VALUE) : 1;
    if (clockRate < 1 || channels < 1) {
      throw attribute.malformed("the clock rate and channels must be positive numbers");
    }
    return new RtpMap(payloadType, parts.get(0), (int) clockRate,
        parts.size() == 3 ? (int) channels : null);
  }
}
