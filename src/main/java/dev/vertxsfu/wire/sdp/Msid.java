package dev.vertxsfu.wire.sdp;

/**
 * The {@code a=msid} attribute, RFC 8830 section 2: which MediaStream (and, in the
 * application data, which MediaStreamTrack) the media description's track belongs to. JSEP
 * writes one line per stream of the track; a track in no stream gets the stream id {@code -}.
 * The SFU copies a publisher's stream and track ids into the subscribers' offers, so that
 * their {@code ontrack} events see the same grouping.
 *
 * <pre>
 * msid-value = msid-id [ SP msid-appdata ]
 * msid-id = 1*64token-char
 * msid-appdata = 1*64token-char
 *
 * a=msid:e040bd39-bf3b-406e-91b6-cd0e319e2917 af048c8a-dac4-4801-849a-0e12f285fba0
 * a=msid:examplefoo examplebar
 * </pre>
 *
 * @param streamId the msid-id (MediaStream id), 1 to 64 token characters
 * @param appData the msid-appdata (MediaStreamTrack id), or {@code null}
 */
public record Msid(String streamId, String appData) {
  /** The attribute name. */
  public static final String NAME = "msid";
  /** The stream id JSEP writes for a track that belongs to no stream. */
  public static final String NO_STREAM = "-";

  public Msid {
    if (!isMsidToken(streamId) || (appData != null && !isMsidToken(appData))) {
      throw new IllegalArgumentException("msid ids must be 1 to 64 token characters");
    }
  }

  private static boolean isMsidToken(String s) {
    return SdpSyntax.isToken(s) && s.length() <= 64;
  }

  /** The attribute value, e.g. {@code stream track}. */
  public String format() {
    return appData == null ? streamId : streamId + ' ' + appData;
  }

  /** {@code a=msid:<value>}. */
  public Attribute toAttribute() {
    return Attribute.of(NAME, format());
  }

  /** Reads an {@code a=msid} value. */
  public static Msid parse(String value) {
    return from(Attribute.forValue(NAME, value));
  }

  static Msid from(Attribute attribute) {
    String value = attribute.requireValue();
    int space = value.indexOf(' ');
    String streamId = space < 0 ? value : value.substring(0, space);
    String appData = space < 0 ? null : value.substring(space + 1);
    if (!isMsidToken(streamId) || (appData != null && !isMsidToken(appData))) {
      throw attribute.malformed("expected 1 to 64 token characters, optionally a space and "
          + "1 to 64 more");
    }
    return new Msid(streamId, appData);
  }
}
