package dev.vertxsfu.wire.sdp;

/**
 * The {@code a=ssrc} attribute, RFC 5576 section 4.1: a source-level attribute of one RTP
 * stream of the media description. Browsers announce each sending SSRC with its
 * {@code cname} (and, for Chromium, the legacy {@code msid}); the SFU learns the SSRCs of
 * non-simulcast publishers from them and declares the SSRCs it sends to subscribers.
 *
 * <pre>
 * ssrc-attr = "ssrc:" ssrc-id SP attribute
 * ssrc-id = integer ; 0 .. 2**32 - 1
 * attribute = attribute-name [":" attribute-value]   (RFC 8866)
 *
 * a=ssrc:3302581315 cname:AzvW39MpJZIB7JHf
 * a=ssrc:3302581315 msid:e040bd39-... af048c8a-...
 * </pre>
 *
 * @param ssrc 0 to 2^32-1
 * @param attribute the source attribute's name ({@code cname}, {@code msid}...)
 * @param value its value, or {@code null} for a property
 */
public record Ssrc(long ssrc, String attribute, String value) {
  /** The attribute name. */
  public static final String NAME = "ssrc";
  /** The source attribute every SSRC is announced with (RFC 5576 section 6.1). */
  public static final String CNAME = "cname";
  /** The largest SSRC. */
  public static final long MAX_SSRC = 0xFFFF_FFFFL;

  public Ssrc {
    if (ssrc < 0 || ssrc > MAX_SSRC) {
      throw new IllegalArgumentException("SSRC out of 0..2^32-1: " + ssrc);
    }
    if (!SdpSyntax.isToken(attribute)) {
      throw new IllegalArgumentException("the source attribute name is not a token");
    }
    if (value != null && !SdpSyntax.isText(value)) {
      throw new IllegalArgumentException("the source attribute value is not line text");
    }
  }

  /** The attribute value, e.g. {@code 3302581315 cname:AzvW39MpJZIB7JHf}. */
  public String format() {
    return ssrc + " " + attribute + (value == null ? "" : ":" + value);
  }

  /** {@code a=ssrc:<value>}. */
  public Attribute toAttribute() {
    return Attribute.of(NAME, format());
  }

  /** Reads an {@code a=ssrc} value. */
  public static Ssrc parse(String value) {
    return from(Attribute.forValue(NAME, value));
  }

  static Ssrc from(Attribute attribute) {
    String value = attribute.requireValue();
    int space = value.indexOf(' ');
    long ssrc = space < 0 ? -1 : SdpSyntax.number(value.substring(0, space), MAX_SSRC);
    if (ssrc < 0) {
      throw attribute.malformed("no SSRC (0 to 2^32-1) before a single space");
    }
    String rest = value.substring(space + 1);
    int colon = rest.indexOf(':');
    String name = colon < 0 ? rest : rest.substring(0, colon);
    if (!SdpSyntax.isToken(name)) {
      throw attribute.malformed("the source attribute name is not a token");
    }
    return new Ssrc(ssrc, name, colon < 0 ? null : rest.substring(colon + 1));
  }

  /** The SSRC read from text, for the group attribute; -1 if it is not one. */
  static long parseSsrc(String text) {
    return SdpSyntax.number(text, MAX_SSRC);
  }
}
