package dev.vertxsfu.wire.sdp;

import java.util.Objects;

/**
 * One {@code a=} line, RFC 8866 section 5.13 (Attributes): a name and, for a value attribute,
 * the value exactly as written after the first colon. Property attributes ({@code a=rtcp-mux})
 * have no value ({@code null}). Unknown attributes are kept as they are, in their place, so a
 * parsed description writes back byte for byte.
 *
 * <pre>
 * a=&lt;attribute-name&gt;
 * a=&lt;attribute-name&gt;:&lt;attribute-value&gt;
 *
 * a=rtcp-mux
 * a=rtpmap:111 opus/48000/2
 * a=msid-semantic: WMS stream    (value " WMS stream", leading space kept)
 * </pre>
 *
 * <p>Immutable. The typed classes ({@link RtpMap}, {@link Candidate}...) read and build values;
 * {@link Attributes} holds them in order. Two attributes are equal when name and value are; the
 * line number (1-based, 0 for one built in code) only serves error messages.
 */
public final class Attribute {
  private final String name;
  private final String value;
  private final int lineNumber;

  private Attribute(String name, String value, int lineNumber) {
    this.name = name;
    this.value = value;
    this.lineNumber = lineNumber;
  }

  /** A property attribute ({@code a=<name>}); the name must be an RFC 8866 token. */
  public static Attribute of(String name) {
    return of(name, null);
  }

  /**
   * A value attribute ({@code a=<name>:<value>}), or a property attribute if {@code value} is
   * {@code null}. The value must be text a line may carry (no CR, LF or other control character
   * but HTAB).
   *
   * @throws IllegalArgumentException if the name is not a token or the value not line text
   */
  public static Attribute of(String name, String value) {
    if (!SdpSyntax.isToken(name)) {
      throw new IllegalArgumentException("an attribute name must be a token: " + name);
    }
    if (value != null && !SdpSyntax.isText(value)) {
      throw new IllegalArgumentException("an attribute value must be line text: " + value);
    }
    return new Attribute(name, value, 0);
  }

  /** An attribute from a checked line (the parser has validated both parts). */
  static Attribute parsed(String name, String value, int lineNumber) {
    return new Attribute(name, value, lineNumber);
  }

  /**
   * The attribute a typed {@code parse(String value)} reads: refuses a {@code null} value or one
   * that no line could carry, as the parser would have.
   */
  static Attribute forValue(String name, String value) {
    if (value == null) {
      throw SdpFormatException.attribute(name, "", 0, "a value is required");
    }
    if (!SdpSyntax.isText(value)) {
      throw SdpFormatException.attribute(name, value, 0, "a control character or a broken "
          + "surrogate pair");
    }
    return new Attribute(name, value, 0);
  }

  /** The attribute name (case-sensitive, as written). */
  public String name() {
    return name;
  }

  /** The value as written after the first colon, or {@code null} for a property attribute. */
  public String value() {
    return value;
  }

  /** Whether the attribute has a value (it may be the empty string). */
  public boolean hasValue() {
    return value != null;
  }

  /** The 1-based line this attribute was parsed from, or 0 if it was built in code. */
  public int lineNumber() {
    return lineNumber;
  }

  /** The error for a value this attribute's typed reading refuses. */
  SdpFormatException malformed(String what) {
    return SdpFormatException.attribute(name, value == null ? "" : value, lineNumber, what);
  }

  /** The value, or the error saying it is missing. */
  String requireValue() {
    if (value == null) {
      throw malformed("a value is required");
    }
    return value;
  }

  /** The text after {@code a=}. */
  @Override
  public String toString() {
    return value == null ? name : name + ':' + value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Attribute that && name.equals(that.name)
        && Objects.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Objects.hashCode(value);
  }
}
