package dev.vertxsfu.wire.sdp;

import java.util.List;

/**
 * Writes a {@link SessionDescription} as RFC 8866 text, lines in the order of section 9, with
 * the description's line ending. Called through {@link SessionDescription#format()}.
 */
final class SdpWriter {
  private SdpWriter() {}

  static String write(SessionDescription sdp) {
    if (sdp.timings().isEmpty()) {
      throw new IllegalStateException("a session description needs at least one t= line");
    }
    String end = sdp.lineEnding().text();
    StringBuilder text = new StringBuilder(4096);
    line(text, 'v', "0", end);
    line(text, 'o', sdp.origin().format(), end);
    line(text, 's', sdp.sessionName(), end);
    line(text, 'i', sdp.information(), end);
    line(text, 'u', sdp.uri(), end);
    sdp.emails().forEach(email -> line(text, 'e', email, end));
    sdp.phones().forEach(phone -> line(text, 'p', phone, end));
    if (sdp.connection() != null) {
      line(text, 'c', sdp.connection().format(), end);
    }
    sdp.bandwidths().forEach(bandwidth -> line(text, 'b', bandwidth.format(), end));
    for (Timing timing : sdp.timings()) {
      line(text, 't', timing.format(), end);
      timing.repeats().forEach(repeat -> line(text, 'r', repeat, end));
      line(text, 'z', timing.zone(), end);
    }
    line(text, 'k', sdp.encryptionKey(), end);
    attributes(text, sdp.attributes(), end);
    for (MediaDescription media : sdp.media()) {
      line(text, 'm', media.formatMediaLine(), end);
      line(text, 'i', media.information(), end);
      media.connections().forEach(connection -> line(text, 'c', connection.format(), end));
      media.bandwidths().forEach(bandwidth -> line(text, 'b', bandwidth.format(), end));
      line(text, 'k', media.encryptionKey(), end);
      attributes(text, media.attributes(), end);
    }
    if (!sdp.endsWithLineEnding()) {
      text.setLength(text.length() - end.length());
    }
    return text.toString();
  }

  private static void attributes(StringBuilder text, Attributes attributes, String end) {
    List<Attribute> list = attributes.asList();
    for (Attribute attribute : list) {
      line(text, 'a', attribute.toString(), end);
    }
  }

  /** Appends {@code <type>=<value><end>}, or nothing if {@code value} is {@code null}. */
  private static void line(StringBuilder text, char type, String value, String end) {
    if (value != null) {
      text.append(type).append('=').append(value).append(end);
    }
  }
}
