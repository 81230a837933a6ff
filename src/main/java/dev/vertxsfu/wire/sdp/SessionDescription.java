package dev.vertxsfu.wire.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A session description, RFC 8866 section 5: the session-level lines and the media
 * descriptions. The model of {@code wire.sdp}, written and read by {@code media.negotiation}
 * (offers, answers) and by {@code signaling} (which only parses, to refuse bad input early).
 *
 * <pre>
 * v=0                                         protocol version
 * o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; &lt;nettype&gt; &lt;addrtype&gt; &lt;unicast-address&gt;
 * s=&lt;session name&gt;
 * i=* u=* e=* p=* c=* b=*                      information, URI, emails, phones, connection, bandwidths
 * t= r=* z=*                                  one or more time descriptions
 * k=* a=*                                     key (obsolete), session attributes
 * m= ...                                      zero or more media descriptions
 * </pre>
 *
 * <p>{@link #parse(String)} keeps every line: each attribute as written, in order; the typed
 * lines ({@code o=}, {@code c=}, {@code b=}, {@code t=}, {@code m=}) are accepted only in the
 * form they are written back in (single spaces, numbers without leading zeros); the line
 * ending and whether the last line had one are recorded. So {@link #format()} of a parsed
 * description is the input, byte for byte. After changes, {@link #format()} writes the lines
 * in RFC 8866 order.
 *
 * <p>Mutable, not thread-safe: one owner (a room's event loop, a test).
 */
public final class SessionDescription {
  private Origin origin;
  private String sessionName;
  private String information;
  private String uri;
  private List<String> emails = List.of();
  private List<String> phones = List.of();
  private ConnectionData connection;
  private final List<Bandwidth> bandwidths = new ArrayList<>();
  private final List<Timing> timings = new ArrayList<>();
  private String encryptionKey;
  private final Attributes attributes = new Attributes();
  private final List<MediaDescription> media = new ArrayList<>();
  private LineEnding lineEnding = LineEnding.CRLF;
  private boolean endsWithLineEnding = true;

  /** A description as JSEP starts one: {@code s=-}, {@code t=0 0}, no media, CRLF. */
  public SessionDescription(Origin origin) {
    setOrigin(origin);
    this.sessionName = "-";
    this.timings.add(Timing.PERMANENT);
  }

  /** Parses {@code text} within {@link SdpLimits#DEFAULT}. */
  public static SessionDescription parse(String text) {
    return parse(text, SdpLimits.DEFAULT);
  }

  /**
   * Parses a session description.
   *
   * @throws SdpFormatException for anything RFC 8866 (as this class narrows it) refuses
   */
  public static SessionDescription parse(String text, SdpLimits limits) {
    return new SdpParser(limits).parse(text);
  }

  /** Parses UTF-8 bytes within {@link SdpLimits#DEFAULT}. */
  public static SessionDescription parse(byte[] utf8) {
    return parse(utf8, SdpLimits.DEFAULT);
  }

  /** Parses UTF-8 bytes; malformed UTF-8 is an {@link SdpFormatException} too. */
  public static SessionDescription parse(byte[] utf8, SdpLimits limits) {
    return new SdpParser(limits).parse(utf8);
  }

  /** The description as text: for a parsed, unchanged one, exactly the input. */
  public String format() {
    return SdpWriter.write(this);
  }

  /** {@link #format()} as UTF-8. */
  public byte[] toBytes() {
    return format().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return format();
  }

  /**
   * A value that may be given per media description or for the whole session (ICE
   * credentials, fingerprints, setup, direction): {@code accessor} applied to the media's
   * attributes, or to the session's when that is {@code null} or an empty collection.
   * For example {@code sdp.effective(m, Attributes::fingerprints)} reads Firefox's
   * session-level fingerprint and Chromium's media-level one alike.
   */
  public <T> T effective(MediaDescription mediaDescription, Function<Attributes, T> accessor) {
    T value = accessor.apply(mediaDescription.attributes());
    boolean absent = value == null || (value instanceof Collection<?> c && c.isEmpty());
    return absent ? accessor.apply(attributes) : value;
  }

  /** The media's direction, else the session's, else {@code sendrecv} (RFC 8866 6.7). */
  public Direction direction(MediaDescription mediaDescription) {
    Direction direction = effective(mediaDescription, Attributes::direction);
    return direction == null ? Direction.SENDRECV : direction;
  }

  /** The media description whose {@code a=mid} is {@code mid}, or {@code null}. */
  public MediaDescription mediaByMid(String mid) {
    for (MediaDescription m : media) {
      if (mid.equals(m.mid())) {
        return m;
      }
    }
    return null;
  }

  public Origin origin() {
    return origin;
  }

  public void setOrigin(Origin origin) {
    this.origin = Objects.requireNonNull(origin);
  }

  /** The {@code s=} value ({@code -} in WebRTC; may be empty). */
  public String sessionName() {
    return sessionName;
  }

  public void setSessionName(String sessionName) {
    this.sessionName = Objects.requireNonNull(checkText(sessionName, "s="));
  }

  /** The {@code i=} value, or {@code null}. */
  public String information() {
    return information;
  }

  public void setInformation(String information) {
    this.information = checkText(information, "i=");
  }

  /** The {@code u=} value, or {@code null}. */
  public String uri() {
    return uri;
  }

  public void setUri(String uri) {
    this.uri = checkText(uri, "u=");
  }

  /** The {@code e=} values, in order; unmodifiable. */
  public List<String> emails() {
    return emails;
  }

  public void setEmails(List<String> emails) {
    emails.forEach(email -> checkText(Objects.requireNonNull(email), "e="));
    this.emails = List.copyOf(emails);
  }

  /** The {@code p=} values, in order; unmodifiable. */
  public List<String> phones() {
    return phones;
  }

  public void setPhones(List<String> phones) {
    phones.forEach(phone -> checkText(Objects.requireNonNull(phone), "p="));
    this.phones = List.copyOf(phones);
  }

  /** The session-level {@code c=}, or {@code null}. */
  public ConnectionData connection() {
    return connection;
  }

  public void setConnection(ConnectionData connection) {
    this.connection = connection;
  }

  /** The session-level {@code b=} lines (mutable, in order). */
  public List<Bandwidth> bandwidths() {
    return bandwidths;
  }

  /** The time descriptions (mutable, in order; at least one is needed to write). */
  public List<Timing> timings() {
    return timings;
  }

  /** The obsolete session-level {@code k=} value, or {@code null}. */
  public String encryptionKey() {
    return encryptionKey;
  }

  public void setEncryptionKey(String encryptionKey) {
    this.encryptionKey = checkText(encryptionKey, "k=");
  }

  /** The session-level {@code a=} lines with their typed readings. */
  public Attributes attributes() {
    return attributes;
  }

  /** The media descriptions (mutable, in order: the m-line index is the list index). */
  public List<MediaDescription> media() {
    return media;
  }

  /** The line ending the description uses (the parsed one, or CRLF). */
  public LineEnding lineEnding() {
    return lineEnding;
  }

  public void setLineEnding(LineEnding lineEnding) {
    this.lineEnding = Objects.requireNonNull(lineEnding);
  }

  /** Whether the last line ends with a line ending (false only for such parsed input). */
  public boolean endsWithLineEnding() {
    return endsWithLineEnding;
  }

  public void setEndsWithLineEnding(boolean endsWithLineEnding) {
    this.endsWithLineEnding = endsWithLineEnding;
  }

  /** {@code text} if a line can carry it (or it is {@code null}); else an error naming the line. */
  static String checkText(String text, String line) {
    if (text != null && !SdpSyntax.isText(text)) {
      throw new IllegalArgumentException(line + " value with a control character: " + text);
    }
    return text;
  }
}
