package dev.vertxsfu.media.negotiation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A media format without its payload type: encoding name, clock rate, channels and format
 * parameters (the {@code a=rtpmap} and {@code a=fmtp} of RFC 8866 sections 6.6 and 6.15).
 * Payload types are numbers of one session; a codec is the same thing in every session, which is
 * why the room describes a producer's codec with this and each subscriber's negotiation maps it
 * to that subscriber's payload type.
 *
 * @param name the encoding name as written ({@code opus}, {@code VP8}, {@code H264}...);
 *     compared case-insensitively (RFC 4855 section 3)
 * @param clockRate in Hz
 * @param channels audio channels (1 when the rtpmap gives none)
 * @param parameters the fmtp parameters in order; a parameter without '=' maps to {@code null}
 */
public record RtpCodec(String name, int clockRate, int channels, Map<String, String> parameters) {
  public static final String OPUS = "opus";
  public static final String VP8 = "VP8";
  public static final String VP9 = "VP9";
  public static final String H264 = "H264";
  public static final String AV1 = "AV1";
  /** RFC 4588 retransmission; never a codec of its own here, only a codec's RTX payload type. */
  public static final String RTX = "rtx";

  public RtpCodec {
    if (name == null || name.isEmpty() || clockRate < 1 || channels < 1) {
      throw new IllegalArgumentException("a codec needs a name, a clock rate and channels");
    }
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** A codec without format parameters. */
  public static RtpCodec of(String name, int clockRate, int channels) {
    return new RtpCodec(name, clockRate, channels, Map.of());
  }

  /** Whether the encoding name is {@code other}, ignoring case. */
  public boolean is(String other) {
    return name.equalsIgnoreCase(other);
  }

  /** The value of format parameter {@code key}, or {@code null}. */
  public String parameter(String key) {
    return parameters.get(key);
  }

  /** {@code name/clock[/channels]} and the parameters, for messages. */
  @Override
  public String toString() {
    return name + "/" + clockRate + (channels > 1 ? "/" + channels : "")
        + (parameters.isEmpty() ? "" : " " + parameters);
  }
}
