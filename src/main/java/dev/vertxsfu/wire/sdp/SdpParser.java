package dev.vertxsfu.wire.sdp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the line structure of RFC 8866 (sections 5 and 9) into a {@link SessionDescription}.
 * Called through {@link SessionDescription#parse(String)}; one instance per call.
 *
 * <p>What it checks: the input is not empty and within {@link SdpLimits}; UTF-8 is well formed
 * (byte input); no line carries a control character but HTAB; all lines end alike (CRLF or
 * LF); the first line is {@code v=0}, then {@code o=} and {@code s=}; every line is
 * {@code <letter>=<value>} with a letter RFC 8866 defines, in the order it fixes (session:
 * {@code v o s i u e* p* c b* (t r* z)+ k a*}; media: {@code m i c* b* k a*}); the typed lines
 * ({@code o c b t m}) follow their grammar in canonical form; attribute names are tokens.
 * Attribute values are not judged here (see {@link Attributes}).
 */
final class SdpParser {
  private static final String LINE_TYPES = "vosiuepcbtrzkam";
  /**
   * Session-level order of RFC 8866 section 9 (every letter but m, r and z, which the loop
   * handles: m ends the session part, r and z extend the current time description).
   */
  private static final String SESSION_ORDER = "vosiuepcbtka";
  private static final String SESSION_REPEATABLE = "epbta";
  private static final String MEDIA_ORDER = "micbka";
  private static final String MEDIA_REPEATABLE = "cba";

  private final SdpLimits limits;
  private List<String> lines;
  private int index;

  SdpParser(SdpLimits limits) {
    this.limits = limits;
  }

  SessionDescription parse(byte[] utf8) {
    if (utf8 == null || utf8.length == 0) {
      throw new SdpFormatException("empty SDP", 0, null);
    }
    if (utf8.length > limits.maxLength()) {
      throw new SdpFormatException("SDP of " + utf8.length + " bytes is over the limit of "
          + limits.maxLength(), 0, null);
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(utf8);
    CharBuffer out = CharBuffer.allocate(utf8.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new SdpFormatException("malformed UTF-8 at byte offset " + in.position(), 0, null);
    }
    return parse(out.flip().toString());
  }

  SessionDescription parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new SdpFormatException("empty SDP", 0, null);
    }
    if (text.length() > limits.maxLength()) {
      throw new SdpFormatException("SDP of " + text.length() + " characters is over the limit of "
          + limits.maxLength(), 0, null);
    }
    lines = new ArrayList<>();
    LineEnding lineEnding = null;
    int start = 0;
    for (int lf = text.indexOf('\n'); lf >= 0; lf = text.indexOf('\n', start)) {
      boolean crlf = lf > start && text.charAt(lf - 1) == '\r';
      LineEnding ending = crlf ? LineEnding.CRLF : LineEnding.LF;
      String line = text.substring(start, crlf ? lf - 1 : lf);
      if (lineEnding != null && lineEnding != ending) {
        throw new SdpFormatException("mixed line endings: this line ends with " + ending
            + ", the first with " + lineEnding, lines.size() + 1, line);
      }
      lineEnding = ending;
      addLine(line);
      start = lf + 1;
    }
    boolean endsWithLineEnding = start == text.length();
    if (!endsWithLineEnding) {
      addLine(text.substring(start));
    }
    SessionDescription sdp = readSession();
    sdp.setLineEnding(lineEnding == null ? LineEnding.CRLF : lineEnding);
    sdp.setEndsWithLineEnding(endsWithLineEnding);
    while (index < lines.size()) {
      sdp.media().add(readMedia());
    }
    return sdp;
  }

  private void addLine(String line) {
    int number = lines.size() + 1;
    if (number > limits.maxLines()) {
      throw new SdpFormatException("more than " + limits.maxLines() + " lines", number, null);
    }
    if (line.length() > limits.maxLineLength()) {
      throw new SdpFormatException("a line of " + line.length() + " characters is over the limit of "
          + limits.maxLineLength(), number, line);
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (!SdpSyntax.isLineChar(c)) {
        throw new SdpFormatException("control character U+" + String.format("%04X", (int) c)
            + " at column " + (i + 1), number, line);
      }
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 == line.length()
            || !Character.isLowSurrogate(line.charAt(i + 1))) {
          throw new SdpFormatException("broken surrogate pair at column " + (i + 1), number, line);
        }
        i++;
      }
    }
    lines.add(line);
  }

  private SessionDescription readSession() {
    if (!lines.get(0).equals("v=0")) {
      throw new SdpFormatException("the first line must be v=0", 1, lines.get(0));
    }
    index = 1;
    Origin origin = Origin.parse(expect('o'), index, lines.get(index - 1));
    SessionDescription sdp = new SessionDescription(origin);
    sdp.timings().clear();
    sdp.setSessionName(expect('s'));
    List<String> emails = new ArrayList<>();
    List<String> phones = new ArrayList<>();
    int rank = SESSION_ORDER.indexOf('s');
    TimingBuilder timing = null;
    for (; index < lines.size(); index++) {
      char type = type(index);
      if (type == 'm') {
        break;
      }
      String value = lines.get(index).substring(2);
      int number = index + 1;
      if (type == 'r' || type == 'z') {
        if (timing == null || rank != SESSION_ORDER.indexOf('t')) {
          throw misplaced(type, "it must follow a t= line");
        }
        timing.add(type, value, number, lines.get(index));
        continue;
      }
      int newRank = SESSION_ORDER.indexOf(type);
      if (newRank < rank || (newRank == rank && SESSION_REPEATABLE.indexOf(type) < 0)) {
        throw misplaced(type, "session lines go in the order v o s i u e p c b t k a, once each "
            + "but e p b t a");
      }
      if (timing != null) {
        sdp.timings().add(timing.build());
        timing = null;
      }
      if (newRank > SESSION_ORDER.indexOf('t') && sdp.timings().isEmpty()) {
        throw missingTiming();
      }
      rank = newRank;
      switch (type) {
        case 'i' -> sdp.setInformation(value);
        case 'u' -> sdp.setUri(value);
        case 'e' -> emails.add(value);
        case 'p' -> phones.add(value);
        case 'c' -> sdp.setConnection(ConnectionData.parse(value, number, lines.get(index)));
        case 'b' -> sdp.bandwidths().add(Bandwidth.parse(value, number, lines.get(index)));
        case 't' -> timing = new TimingBuilder(Timing.parse(value, number, lines.get(index)));
        case 'k' -> sdp.setEncryptionKey(value);
        default -> sdp.attributes().add(attribute(value, number));
      }
    }
    if (timing != null) {
      sdp.timings().add(timing.build());
    }
    if (sdp.timings().isEmpty()) {
      throw missingTiming();
    }
    sdp.setEmails(emails);
    sdp.setPhones(phones);
    return sdp;
  }

  private SdpFormatException missingTiming() {
    return new SdpFormatException("missing t= line before this one", index + 1,
        index < lines.size() ? lines.get(index) : null);
  }

  private MediaDescription readMedia() {
    int number = index + 1;
    String line = lines.get(index);
    MediaDescription media = mediaLine(line.substring(2), number, line);
    int rank = 0;
    for (index++; index < lines.size(); index++) {
      char type = type(index);
      if (type == 'm') {
        break;
      }
      String value = lines.get(index).substring(2);
      int newRank = MEDIA_ORDER.indexOf(type);
      if (newRank < 0) {
        throw misplaced(type, "it is not allowed in a media description");
      }
      if (newRank < rank || (newRank == rank && MEDIA_REPEATABLE.indexOf(type) < 0)) {
        throw misplaced(type, "media lines go in the order m i c b k a, once each but c b a");
      }
      rank = newRank;
      switch (type) {
        case 'i' -> media.setInformation(value);
        case 'c' -> media.connections().add(ConnectionData.parse(value, index + 1, lines.get(index)));
        case 'b' -> media.bandwidths().add(Bandwidth.parse(value, index + 1, lines.get(index)));
        case 'k' -> media.setEncryptionKey(value);
        default -> media.attributes().add(attribute(value, index + 1));
      }
    }
    return media;
  }

  /** The value of the line at {@link #index}, which must be of {@code type}; moves past it. */
  private String expect(char type) {
    if (index >= lines.size()) {
      throw new SdpFormatException("missing " + type + "= line", index + 1, null);
    }
    if (type(index) != type) {
      throw new SdpFormatException("expected an " + type + "= line", index + 1, lines.get(index));
    }
    return lines.get(index++).substring(2);
  }

  /** The type letter of line {@code at}, checking the {@code <letter>=} form. */
  private char type(int at) {
    String line = lines.get(at);
    if (line.length() < 2 || line.charAt(1) != '=') {
      throw new SdpFormatException("not a <type>=<value> line", at + 1, line);
    }
    char type = line.charAt(0);
    if (LINE_TYPES.indexOf(type) < 0) {
      throw new SdpFormatException("unknown line type '" + type + "'", at + 1, line);
    }
    return type;
  }

  private SdpFormatException misplaced(char type, String why) {
    return new SdpFormatException(type + "= line out of place: " + why, index + 1,
        lines.get(index));
  }

  private Attribute attribute(String text, int number) {
    int colon = text.indexOf(':');
    String name = colon < 0 ? text : text.substring(0, colon);
    if (!SdpSyntax.isToken(name)) {
      throw new SdpFormatException("bad a= line: the attribute name is not a token", number,
          lines.get(number - 1));
    }
    return Attribute.parsed(name, colon < 0 ? null : text.substring(colon + 1), number);
  }

  private static MediaDescription mediaLine(String value, int number, String line) {
    List<String> fields = SdpSyntax.split(value, ' ');
    if (fields.size() < 4 || SdpSyntax.anyEmpty(fields)) {
      throw new SdpFormatException("bad m= line: expected <media> <port> <proto> <fmt>..., "
          + "separated by single spaces", number, line);
    }
    if (!SdpSyntax.isToken(fields.get(0))) {
      throw new SdpFormatException("bad m= line: the media is not a token", number, line);
    }
    String portField = fields.get(1);
    int slash = portField.indexOf('/');
    long port = SdpSyntax.number(slash < 0 ? portField : portField.substring(0, slash), 65535);
    long numberOfPorts = slash < 0 ? -1 : SdpSyntax.number(portField.substring(slash + 1),
        65535);
    if (port < 0 || numberOfPorts == 0 || (slash >= 0 && numberOfPorts < 0)) {
      throw new SdpFormatException("bad m= line: the port is not a number 0 to 65535 (with an "
          + "optional /<number of ports>, no leading zeros)", number, line);
    }
    String problem = MediaDescription.protoProblem(fields.get(2));
    if (problem != null) {
      throw new SdpFormatException("bad m= line: " + problem, number, line);
    }
    List<String> formats = fields.subList(3, fields.size());
    for (String format : formats) {
      if (!SdpSyntax.isToken(format)) {
        throw new SdpFormatException("bad m= line: a format is not a token", number, line);
      }
    }
    MediaDescription media = new MediaDescription(fields.get(0), (int) port, fields.get(2),
        formats);
    media.setNumberOfPorts((int) numberOfPorts);
    return media;
  }

  /** A {@code t=} line and the {@code r=} and {@code z=} lines that follow it. */
  private static final class TimingBuilder {
    private final Timing timing;
    private final List<String> repeats = new ArrayList<>();
    private String zone;

    TimingBuilder(Timing timing) {
      this.timing = timing;
    }

    void add(char type, String value, int number, String line) {
      if (!Timing.isTimeText(value)) {
        throw new SdpFormatException("bad " + type + "= line: expected times separated by "
            + "single spaces", number, line);
      }
      if (zone != null) {
        throw new SdpFormatException(type + "= line out of place: a time description ends "
            + "with its z= line", number, line);
      }
      if (type == 'r') {
        repeats.add(value);
      } else {
        zone = value;
      }
    }

    Timing build() {
      return new Timing(timing.startTime(), timing.stopTime(), repeats, zone);
    }
  }
}
