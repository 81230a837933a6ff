package dev.vertxsfu.wire.sdp;

/**
 * The {@code b=} line, RFC 8866 section 5.8 (Bandwidth Information): a limit the sender of the
 * description asks its peer to respect, in kilobits per second for {@code AS} (RFC 8866) and
 * in bits per second for {@code TIAS} (RFC 3890). An SFU puts one in a subscriber's answer to
 * cap what the browser sends.
 *
 * <pre>
 * b=&lt;bwtype&gt;:&lt;bandwidth&gt;
 * b=AS:2500
 * b=TIAS:2500000
 * </pre>
 *
 * @param type {@code bwtype}, a token ({@code AS}, {@code CT}, {@code TIAS}, {@code RR},
 *     {@code RS}, or any other, kept)
 * @param bandwidth the number, at least 0
 */
public record Bandwidth(String type, long bandwidth) {
  /** Application-specific maximum, kbit/s (RFC 8866 section 5.8). */
  public static final String AS = "AS";
  /** Conference total, kbit/s (RFC 8866 section 5.8). */
  public static final String CT = "CT";
  /** Transport-independent application-specific maximum, bit/s (RFC 3890). */
  public static final String TIAS = "TIAS";

  public Bandwidth {
    if (!SdpSyntax.isToken(type) || type.indexOf(':') >= 0) {
      throw new IllegalArgumentException("the bwtype is not a token: " + type);
    }
    if (bandwidth < 0) {
      throw new IllegalArgumentException("negative bandwidth " + bandwidth);
    }
  }

  /** The line's value (after {@code b=}). */
  public String format() {
    return type + ':' + bandwidth;
  }

  static Bandwidth parse(String value, int lineNumber, String line) {
    int colon = value.indexOf(':');
    String type = colon < 0 ? "" : value.substring(0, colon);
    if (!SdpSyntax.isToken(type)) {
      throw new SdpFormatException("bad b= line: no bwtype token before ':'", lineNumber, line);
    }
    long bandwidth = SdpSyntax.number(value.substring(colon + 1));
    if (bandwidth < 0) {
      throw new SdpFormatException(
          "bad b= line: the bandwidth is not a number (1 to 18 digits, no leading zero)",
          lineNumber, line);
    }
    return new Bandwidth(type, bandwidth);
  }
}
