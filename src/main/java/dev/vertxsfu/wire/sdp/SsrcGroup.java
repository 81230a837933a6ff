package dev.vertxsfu.wire.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code a=ssrc-group} attribute, RFC 5576 section 4.2: how SSRCs of one media description
 * belong together. {@code FID} pairs a stream with its RTX stream (RFC 4588),
 * {@code SIM} lists the simulcast layers in SSRC-signalled simulcast (Chromium's legacy form,
 * lowest layer first), {@code FEC-FR} pairs a stream with its FEC stream (RFC 5956).
 *
 * <pre>
 * ssrc-group-attr = "ssrc-group:" semantics *(SP ssrc-id)
 *
 * a=ssrc-group:FID 4232255472 4039628212
 * a=ssrc-group:SIM 1111 2222 3333
 * </pre>
 *
 * @param semantics a token ({@link #FID}, {@link #SIM}, {@link #FEC_FR}, or another, kept)
 * @param ssrcs the SSRCs, in order
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) {
  /** The attribute name. */
  public static final String NAME = "ssrc-group";
  /** Flow identification: a media stream and its retransmission stream. */
  public static final String FID = "FID";
  /** Simulcast layers. */
  public static final String SIM = "SIM";
  /** Forward error correction (RFC 5956). */
  public static final String FEC_FR = "FEC-FR";

  public SsrcGroup {
    if (!SdpSyntax.isToken(semantics)) {
      throw new IllegalArgumentException("the semantics is not a token: " + semantics);
    }
    ssrcs = List.copyOf(ssrcs);
    for (long ssrc : ssrcs) {
      if (ssrc < 0 || ssrc > Ssrc.MAX_SSRC) {
        throw new IllegalArgumentException("SSRC out of 0..2^32-1: " + ssrc);
      }
    }
  }

  /** The attribute value, e.g. {@code FID 1 2}. */
  public String format() {
    StringBuilder value = new StringBuilder(semantics);
    for (long ssrc : ssrcs) {
      value.append(' ').append(ssrc);
    }
    return value.toString();
  }

  /** {@code a=ssrc-group:<value>}. */
  public Attribute toAttribute() {
    return Attribute.of(NAME, format());
  }

  /** Reads an {@code a=ssrc-group} value. */
  public static SsrcGroup parse(String value) {
    return from(Attribute.forValue(NAME, value));
  }

  static SsrcGroup from(Attribute attribute) {
    List<String> fields = SdpSyntax.split(attribute.requireValue(), ' ');
    if (SdpSyntax.anyEmpty(fields) || !SdpSyntax.isToken(fields.get(0))) {
      throw attribute.malformed("expected a semantics token and SSRCs separated by single spaces");
    }
    List<Long> ssrcs = new ArrayList<>();
    for (String field : fields.subList(1, fields.size())) {
      long ssrc = Ssrc.parseSsrc(field);
      if (ssrc < 0) {
        throw attribute.malformed("not an SSRC (0 to 2^32-1): " + field);
      }
      ssrcs.add(ssrc);
    }
    return new SsrcGroup(fields.get(0), ssrcs);
  }
}
