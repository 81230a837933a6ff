package dev.vertxsfu.wire.sdp;

/**
 * The {@code a=rtcp-fb} attribute, RFC 4585 section 4.2: an RTCP feedback message a receiver
 * accepts for one payload type (or all, {@code *}). The SFU reads them to know whether a
 * publisher wants NACK, PLI, FIR, transport-cc or REMB, and writes the ones it supports.
 *
 * <pre>
 * rtcp-fb-syntax = "a=rtcp-fb:" rtcp-fb-pt SP rtcp-fb-val CRLF
 * rtcp-fb-pt     = "*" / fmt
 * rtcp-fb-val    = "ack" rtcp-fb-ack-param / "nack" rtcp-fb-nack-param
 *                / "trr-int" SP 1*DIGIT / rtcp-fb-id rtcp-fb-param
 *
 * a=rtcp-fb:96 nack
 * a=rtcp-fb:96 nack pli
 * a=rtcp-fb:96 ccm fir
 * a=rtcp-fb:96 transport-cc
 * a=rtcp-fb:* trr-int 100
 * </pre>
 *
 * @param payloadType 0 to 127, or {@link #ALL_PAYLOAD_TYPES} for {@code *}
 * @param type the feedback type token ({@code nack}, {@code ccm}, {@code goog-remb}...)
 * @param parameter what follows the type after a space ({@code pli}, {@code fir}...), or
 *     {@code null}
 */
public record RtcpFb(int payloadType, String type, String parameter) {
  /** The attribute name. */
  public static final String NAME = "rtcp-fb";
  /** The payload type written {@code *}. */
  public static final int ALL_PAYLOAD_TYPES = -1;

  public RtcpFb {
    if (payloadType < ALL_PAYLOAD_TYPES || payloadType > 127) {
      throw new IllegalArgumentException("payload type out of 0..127: " + payloadType);
    }
    if (!SdpSyntax.isToken(type)) {
      throw new IllegalArgumentException("the feedback type is not a token: " + type);
    }
    if (parameter != null && (parameter.isEmpty() || !SdpSyntax.isText(parameter))) {
      throw new IllegalArgumentException("the parameter must be non-empty line text");
    }
  }

  /** Whether this feedback applies to payload type {@code pt}. */
  public boolean appliesTo(int pt) {
    return payloadType == ALL_PAYLOAD_TYPES || payloadType == pt;
  }

  /** The attribute value, e.g. {@code 96 nack pli}. */
  public String format() {
    return (payloadType == ALL_PAYLOAD_TYPES ? "*" : Integer.toString(payloadType)) + ' ' + type
        + (parameter == null ? "" : " " + parameter);
  }

  /** {@code a=rtcp-fb:<value>}. */
  public Attribute toAttribute() {
    return Attribute.of(NAME, format());
  }

  /** Reads an {@code a=rtcp-fb} value. */
  public static RtcpFb parse(String value) {
    return from(Attribute.forValue(NAME, value));
  }

  static RtcpFb from(Attribute attribute) {
    String value = attribute.requireValue();
    int space = value.indexOf(' ');
    String pt = space < 0 ? "" : value.substring(0, space);
    int payloadType = pt.equals("*") ? ALL_PAYLOAD_TYPES : (int) SdpSyntax.number(pt, 127);
    if (payloadType == -1 && !pt.equals("*")) {
      throw attribute.malformed("no payload type (0 to 127, or *) before a single space");
    }
    String rest = value.substring(space + 1);
    int next = rest.indexOf(' ');
    String type = next < 0 ? rest : rest.substring(0, next);
    String parameter = next < 0 ? null : rest.substring(next + 1);
    if (!SdpSyntax.isToken(type) || (parameter != null && parameter.isEmpty())) {
      throw attribute.malformed("the feedback type is not a token or is followed by nothing");
    }
    return new RtcpFb(payloadType, type, parameter);
  }
}
