package dev.vertxsfu.wire.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code a=fmtp} attribute, RFC 8866 section 6.15: format-specific parameters of one RTP
 * payload type. The parameters are kept as written; {@link #parameters()} reads the common
 * {@code key=value;key=value} form, and {@link #apt()} the associated payload type of an RTX
 * format (RFC 4588), which ties each {@code rtx} payload type to its codec.
 *
 * <pre>
 * fmtp-value = fmt SP format-specific-params
 *
 * a=fmtp:111 minptime=10;useinbandfec=1
 * a=fmtp:97 apt=96
 * a=fmtp:101 0-15                    (telephone-event: no key=value form)
 * </pre>
 *
 * <p>Only RTP formats are read: the format must be a payload type, 0 to 127.
 *
 * @param payloadType 0 to 127
 * @param parameterText the format-specific parameters as written (not empty)
 */
public record Fmtp(int payloadType, String parameterText) {
  /** The attribute name. */
  public static final String NAME = "fmtp";
  /** RFC 4588: the payload type an RTX payload type retransmits. */
  public static final String APT = "apt";

  public Fmtp {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type out of 0..127: " + payloadType);
    }
    if (parameterText == null || parameterText.isEmpty() || !SdpSyntax.isText(parameterText)) {
      throw new IllegalArgumentException("the parameters must be non-empty line text");
    }
  }

  /** An fmtp from parameters, written {@code k=v;k=v} in the map's order. */
  public static Fmtp of(int payloadType, Map<String, String> parameters) {
    StringBuilder text = new StringBuilder();
    parameters.forEach((key, value) -> {
      text.append(text.length() == 0 ? "" : ";").append(key);
      if (value != null) {
        text.append('=').append(value);
      }
    });
    return new Fmtp(payloadType, text.toString());
  }

  /**
   * The parameters split at ';' and then at the first '=', keys and values trimmed of spaces,
   * in order. A parameter without '=' maps to {@code null} (as {@code 0-15} does).
   */
  public Map<String, String> parameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String part : SdpSyntax.split(parameterText, ';')) {
      int equals = part.indexOf('=');
      String key = (equals < 0 ? part : part.substring(0, equals)).trim();
      if (!key.isEmpty()) {
        parameters.put(key, equals < 0 ? null : part.substring(equals + 1).trim());
      }
    }
    return Collections.unmodifiableMap(parameters);
  }

  /** The value of parameter {@code key}, or {@code null} if absent or without a value. */
  public String parameter(String key) {
    return parameters().get(key);
  }

  /**
   * The {@code apt} parameter, or -1 if there is none.
   *
   * @throws SdpFormatException if it is not a payload type (0 to 127)
   */
  public int apt() {
    String apt = parameter(APT);
    if (apt == null) {
      return -1;
    }
    long value = SdpSyntax.number(apt, 127);
    if (value < 0) {
      throw SdpFormatException.attribute(NAME, format(), 0, "apt is not a payload type");
    }
    return (int) value;
  }

  /** The attribute value, e.g. {@code 97 apt=96}. */
  public String format() {
    return payloadType + " " + parameterText;
  }

  /** {@code a=fmtp:<value>}. */
  public Attribute toAttribute() {
    return Attribute.of(NAME, format());
  }

  /** Reads an {@code a=fmtp} value. */
  public static Fmtp parse(String value) {
    return from(Attribute.forValue(NAME, value));
  }

  static Fmtp from(Attribute attribute) {
    String value = attribute.requireValue();
    int space = value.indexOf(' ');
    int payloadType = space < 0 ? -1 : (int) SdpSyntax.number(value.substring(0, space), 127);
    if (payloadType < 0) {
      throw attribute.malformed("no payload type of 0 to 127 before a single space");
    }
    String parameters = value.substring(space + 1);
    if (parameters.isEmpty()) {
      throw attribute.malformed("no format-specific parameters");
    }
    return new Fmtp(payloadType, parameters);
  }
}
