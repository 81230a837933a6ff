package dev.vertxsfu.media.negotiation;

import java.util.Locale;
import java.util.Objects;

/**
 * Whether two formats are the same codec, so that one side's payload type may carry what the
 * other side produces. RFC 3264 section 6.1 and RFC 8829 section 5.3.1 match formats by
 * encoding name (case-insensitive), clock rate and channels; some codecs add parameters that
 * change the bitstream and so must be equal too:
 *
 * <ul>
 *   <li>H.264: the profile of {@code profile-level-id} ({@link H264Profile}; the level may
 *       differ, RFC 6184 section 8.2.2) and {@code packetization-mode} (default 0: RFC 6184
 *       section 8.1 makes modes 0, 1 and 2 different formats);
 *   <li>VP9: {@code profile-id}, default 0 (RFC 9628 section 6);
 *   <li>AV1: {@code profile}, default 0 (AV1 RTP specification, section 7.2).
 * </ul>
 *
 * Everything else (Opus's {@code useinbandfec}, VP8's {@code max-fs}...) is a preference of the
 * receiver and never makes formats different. Pure functions.
 */
final class CodecMatcher {
  private CodecMatcher() {}

  /** Whether {@code a} and {@code b} are the same codec. */
  static boolean matches(RtpCodec a, RtpCodec b) {
    if (!a.name().equalsIgnoreCase(b.name()) || a.clockRate() != b.clockRate()
        || a.channels() != b.channels()) {
      return false;
    }
    return switch (a.name().toUpperCase(Locale.ROOT)) {
      case "H264" -> sameH264Profile(a, b)
          && packetizationMode(a).equals(packetizationMode(b));
      case "VP9" -> parameter(a, "profile-id", "0").equals(parameter(b, "profile-id", "0"));
      case "AV1" -> parameter(a, "profile", "0").equals(parameter(b, "profile", "0"));
      default -> true;
    };
  }

  private static boolean sameH264Profile(RtpCodec a, RtpCodec b) {
    String idA = a.parameter("profile-level-id");
    String idB = b.parameter("profile-level-id");
    H264Profile profileA = H264Profile.of(idA);
    H264Profile profileB = H264Profile.of(idB);
    if (profileA == null || profileB == null) {
      // an unknown profile only matches the same profile_idc and profile-iop, spelled alike
      return idA != null && idB != null && idA.length() == 6 && idB.length() == 6
          && idA.substring(0, 4).equalsIgnoreCase(idB.substring(0, 4));
    }
    return profileA == profileB;
  }

  private static String packetizationMode(RtpCodec codec) {
    return parameter(codec, "packetization-mode", "0");
  }

  private static String parameter(RtpCodec codec, String key, String defaultValue) {
    return Objects.requireNonNullElse(codec.parameter(key), defaultValue).trim();
  }
}
