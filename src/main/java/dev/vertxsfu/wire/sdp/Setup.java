package dev.vertxsfu.wire.sdp;

/**
 * The {@code a=setup} attribute, RFC 4145 section 4 as used for DTLS by RFC 8842 section 5:
 * which side opens the DTLS association. An offer says {@code actpass}; the answer picks
 * {@code active} (it will be the DTLS client) or {@code passive}. An ICE-lite SFU answers
 * {@code passive} and lets the browser connect.
 *
 * <pre>
 * setup-attr = "a=setup:" role
 * role       = "active" / "passive" / "actpass" / "holdconn"
 * </pre>
 */
public enum Setup {
  ACTIVE("active"),
  PASSIVE("passive"),
  ACTPASS("actpass"),
  HOLDCONN("holdconn");

  /** The attribute name. */
  public static final String NAME = "setup";

  private final String value;

  Setup(String value) {
    this.value = value;
  }

  /** The attribute value ({@code active}...). */
  public String value() {
    return value;
  }

  /** {@code a=setup:<value>}. */
  public Attribute toAttribute() {
    return Attribute.of(NAME, value);
  }

  /** The role named by an {@code a=setup} value. */
  public static Setup parse(String value) {
    return from(Attribute.forValue(NAME, value));
  }

  static Setup from(Attribute attribute) {
    String value = attribute.requireValue();
    for (Setup setup : values()) {
      if (setup.value.equals(value)) {
        return setup;
      }
    }
    throw attribute.malformed("the role is none of active, passive, actpass, holdconn");
  }
}
