package dev.vertxsfu.wire.sdp;

/**
 * The {@code a=extmap} attribute, RFC 8285 section 8: which local identifier an RTP header
 * extension (named by its URI) uses in this media description, optionally in which direction
 * and with extension attributes. The SFU answers with the ids the browser offered for the
 * extensions it understands (mid, rid, repaired-rid, abs-send-time, transport-cc...).
 *
 * <pre>
 * extmap = mapentry SP extensionname [SP extensionattributes]
 * mapentry = "extmap:" 1*5DIGIT ["/" direction]
 * direction = "sendonly" / "recvonly" / "sendrecv" / "inactive"
 * extensionname = URI
 * extensionattributes = byte-string
 *
 * a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
 * a=extmap:2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level
 * a=extmap:2/sendrecv http://example.com/082005/ext.htm#xmeta short
 * </pre>
 *
 * @param id 1 to 255 (1 to 14 fit the one-byte header), or 4096 to 4351 (offer-only range,
 *     RFC 8285)
 * @param direction the direction, or {@code null} when absent (the media's applies)
 * @param uri the extension name, a URI (no spaces)
 * @param extensionAttributes what follows the URI after a space, or {@code null}
 */
public record ExtMap(int id, Direction direction, String uri, String extensionAttributes) {
  /** The attribute name. */
  public static final String NAME = "extmap";
  /** The highest id the one-byte header form can carry (RFC 8285 section 4.2). */
  public static final int MAX_ONE_BYTE_ID = 14;

  public ExtMap {
    if (!isValidId(id)) {
      throw new IllegalArgumentException("extmap id out of 1..255 and 4096..4351: " + id);
    }
    if (!SdpSyntax.isNonWsString(uri)) {
      throw new IllegalArgumentException("the extension URI is empty or has spaces: " + uri);
    }
    if (extensionAttributes != null
        && (extensionAttributes.isEmpty() || !SdpSyntax.isText(extensionAttributes))) {
      throw new IllegalArgumentException("extension attributes must be non-empty line text");
    }
  }

  /** An extmap without direction and extension attributes. */
  public static ExtMap of(int id, String uri) {
    return new ExtMap(id, null, uri, null);
  }

  static boolean isValidId(int id) {
    return (id >= 1 && id <= 255) || (id >= 4096 && id <= 4351);
  }

  /** The attribute value, e.g. {@code 2/recvonly urn:...}. */
  public String format() {
    return id + (direction == null ? "" : "/" + direction.attributeName()) + ' ' + uri
        + (extensionAttributes == null ? "" : " " + extensionAttributes);
  }

  /** {@code a=extmap:<value>}. */
  public Attribute toAttribute() {
    return Attribute.of(NAME, format());
  }

  /** Reads an {@code a=extmap} value. */
  public static ExtMap parse(String value) {
    return from(Attribute.forValue(NAME, value));
  }

  static ExtMap from(Attribute attribute) {
    String value = attribute.requireValue();
    int space = value.indexOf(' ');
    if (space < 0) {
      throw attribute.malformed("no extension URI after the id");
    }
    String entry = value.substring(0, space);
    int slash = entry.indexOf('/');
    long id = SdpSyntax.number(slash < 0 ? entry : entry.substring(0, slash), 99_999);
    if (id < 0 || !isValidId((int) id)) {
      throw attribute.malformed("the id is not a number in 1..255 or 4096..4351");
    }
    Direction direction = null;
    if (slash >= 0) {
      direction = Direction.fromName(entry.substring(slash + 1));
      if (direction == null) {
        throw attribute.malformed("the direction is none of sendrecv, sendonly, recvonly, inactive");
      }
    }
    String rest = value.substring(space + 1);
    int next = rest.indexOf(' ');
    String uri = next < 0 ? rest : rest.substring(0, next);
    String extensionAttributes = next < 0 ? null : rest.substring(next + 1);
    if (!SdpSyntax.isNonWsString(uri)
        || (extensionAttributes != null && extensionAttributes.isEmpty())) {
      throw attribute.malformed("no extension URI, or a space with nothing after it");
    }
    return new ExtMap((int) id, direction, uri, extensionAttributes);
  }
}
