package dev.vertxsfu.wire.sdp;

import java.util.List;

/**
 * The {@code a=group} session attribute, RFC 5888 section 5: media descriptions that belong
 * together, named by their {@code a=mid}. WebRTC uses {@code BUNDLE} (RFC 8843):
 * all of them share one transport, the first mid names the offerer's tagged m-line. The SFU
 * bundles everything, so its answers carry one {@code BUNDLE} group with every accepted mid.
 *
 * <pre>
 * group-attribute = "a=group:" semantics *(SP identification-tag)
 *
 * a=group:BUNDLE 0 1 2
 * a=group:LS 1 2
 * </pre>
 *
 * @param semantics a token ({@link #BUNDLE}, {@link #LS}, or another, kept)
 * @param mids the identification tags, in order (may be empty)
 */
public record Group(String semantics, List<String> mids) {
  /** The attribute name. */
  public static final String NAME = "group";
  /** RFC 8843: one transport for all. */
  public static final String BUNDLE = "BUNDLE";
  /** RFC 5888: lip synchronization. */
  public static final String LS = "LS";

  public Group {
    if (!SdpSyntax.isToken(semantics)) {
      throw new IllegalArgumentException("the semantics is not a token: " + semantics);
    }
    mids = List.copyOf(mids);
    for (String mid : mids) {
      if (!SdpSyntax.isToken(mid)) {
        throw new IllegalArgumentException("a mid is not a token: " + mid);
      }
    }
  }

  /** A BUNDLE group of {@code mids}. */
  public static Group bundle(List<String> mids) {
    return new Group(BUNDLE, mids);
  }

  /** The attribute value, e.g. {@code BUNDLE 0 1}. */
  public String format() {
    return mids.isEmpty() ? semantics : semantics + ' ' + String.join(" ", mids);
  }

  /** {@code a=group:<value>}. */
  public Attribute toAttribute() {
    return Attribute.of(NAME, format());
  }

  /** Reads an {@code a=group} value. */
  public static Group parse(String value) {
    return from(Attribute.forValue(NAME, value));
  }

  static Group from(Attribute attribute) {
    List<String> fields = SdpSyntax.split(attribute.requireValue(), ' ');
    for (String field : fields) {
      if (!SdpSyntax.isToken(field)) {
        throw attribute.malformed("expected a semantics and mids, tokens separated by single spaces");
      }
    }
    return new Group(fields.get(0), fields.subList(1, fields.size()));
  }
}
