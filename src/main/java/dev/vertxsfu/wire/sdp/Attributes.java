package dev.vertxsfu.wire.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The ordered {@code a=} lines of a session or of one media description (RFC 8866 section
 * 5.13), kept exactly as parsed, unknown ones included, and the typed readings negotiation
 * needs. The typed accessors are views over this one list, not a second model: each reads the
 * lines of its name when called and throws {@link SdpFormatException} (naming the line) for a
 * malformed value; an attribute nobody asks about is never judged.
 *
 * <p>Mutable, owned by its {@link SessionDescription} or {@link MediaDescription}, used by one
 * thread (the room's event loop or a test). Accessors return {@code null} (single values) or
 * empty lists when an attribute is absent.
 */
public final class Attributes implements Iterable<Attribute> {
  private final List<Attribute> list = new ArrayList<>();

  // ---- the generic list ----

  /** The attributes in order, unmodifiable (a live view). */
  public List<Attribute> asList() {
    return Collections.unmodifiableList(list);
  }

  @Override
  public Iterator<Attribute> iterator() {
    return asList().iterator();
  }

  public int size() {
    return list.size();
  }

  public Attribute get(int index) {
    return list.get(index);
  }

  /** Whether an attribute named {@code name} is present. */
  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  /** The index of the first attribute named {@code name}, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The first attribute named {@code name}, or {@code null}. */
  public Attribute first(String name) {
    int index = indexOf(name);
    return index < 0 ? null : list.get(index);
  }

  /** The value of the first attribute named {@code name}, or {@code null}. */
  public String value(String name) {
    Attribute attribute = first(name);
    return attribute == null ? null : attribute.value();
  }

  /** All attributes named {@code name}, in order. */
  public List<Attribute> all(String name) {
    List<Attribute> named = new ArrayList<>();
    for (Attribute attribute : list) {
      if (attribute.name().equals(name)) {
        named.add(attribute);
      }
    }
    return named;
  }

  /** Appends {@code attribute}. */
  public Attributes add(Attribute attribute) {
    list.add(Objects.requireNonNull(attribute));
    return this;
  }

  /** Appends {@code a=<name>:<value>} ({@code a=<name>} if the value is {@code null}). */
  public Attributes add(String name, String value) {
    return add(Attribute.of(name, value));
  }

  /** Inserts {@code attribute} at {@code index}. */
  public Attributes add(int index, Attribute attribute) {
    list.add(index, Objects.requireNonNull(attribute));
    return this;
  }

  /** Replaces the attribute at {@code index}. */
  public Attributes set(int index, Attribute attribute) {
    list.set(index, Objects.requireNonNull(attribute));
    return this;
  }

  /**
   * Puts {@code attribute} in place of the first one of its name and removes the others of
   * that name; appends it if there was none.
   */
  public Attributes replace(Attribute attribute) {
    int index = indexOf(attribute.name());
    if (index < 0) {
      return add(attribute);
    }
    list.set(index, attribute);
    for (int i = list.size() - 1; i > index; i--) {
      if (list.get(i).name().equals(attribute.name())) {
        list.remove(i);
      }
    }
    return this;
  }

  /** Removes every attribute named {@code name}; returns how many there were. */
  public int remove(String name) {
    int before = list.size();
    list.removeIf(attribute -> attribute.name().equals(name));
    return before - list.size();
  }

  /** Removes the attributes {@code filter} accepts; returns whether any was. */
  public boolean removeIf(Predicate<Attribute> filter) {
    return list.removeIf(filter);
  }

  // ---- typed readings ----

  private <T> List<T> read(String name, Function<Attribute, T> parser) {
    List<T> values = new ArrayList<>();
    for (Attribute attribute : list) {
      if (attribute.name().equals(name)) {
        values.add(parser.apply(attribute));
      }
    }
    return values;
  }

  private <T> T readFirst(String name, Function<Attribute, T> parser) {
    Attribute attribute = first(name);
    return attribute == null ? null : parser.apply(attribute);
  }

  /** {@code a=mid} (RFC 5888 section 4, a token), or {@code null}. */
  public String mid() {
    return readFirst("mid", attribute -> {
      String mid = attribute.requireValue();
      if (!SdpSyntax.isToken(mid)) {
        throw attribute.malformed("the identification-tag is not a token");
      }
      return mid;
    });
  }

  /** The {@code a=msid} lines (RFC 8830). */
  public List<Msid> msids() {
    return read(Msid.NAME, Msid::from);
  }

  /** The {@code a=rtpmap} lines. */
  public List<RtpMap> rtpMaps() {
    return read(RtpMap.NAME, RtpMap::from);
  }

  /** The {@code a=rtpmap} of payload type {@code pt}, or {@code null}. */
  public RtpMap rtpMap(int pt) {
    return rtpMaps().stream().filter(map -> map.payloadType() == pt).findFirst().orElse(null);
  }

  /** The {@code a=fmtp} lines. */
  public List<Fmtp> fmtps() {
    return read(Fmtp.NAME, Fmtp::from);
  }

  /** The {@code a=fmtp} of payload type {@code pt}, or {@code null}. */
  public Fmtp fmtp(int pt) {
    return fmtps().stream().filter(fmtp -> fmtp.payloadType() == pt).findFirst().orElse(null);
  }

  /** The {@code a=rtcp-fb} lines (RFC 4585). */
  public List<RtcpFb> rtcpFbs() {
    return read(RtcpFb.NAME, RtcpFb::from);
  }

  /** The {@code a=extmap} lines (RFC 8285). */
  public List<ExtMap> extMaps() {
    return read(ExtMap.NAME, ExtMap::from);
  }

  /** The {@code a=ssrc} lines (RFC 5576). */
  public List<Ssrc> ssrcs() {
    return read(Ssrc.NAME, Ssrc::from);
  }

  /** The {@code a=ssrc-group} lines (RFC 5576). */
  public List<SsrcGroup> ssrcGroups() {
    return read(SsrcGroup.NAME, SsrcGroup::from);
  }

  /** The {@code a=rid} lines (RFC 8851). */
  public List<Rid> rids() {
    return read(Rid.NAME, Rid::from);
  }

  /** The {@code a=simulcast} line (RFC 8853), or {@code null}. */
  public Simulcast simulcast() {
    return readFirst(Simulcast.NAME, Simulcast::from);
  }

  /** The {@code a=group} lines (RFC 5888). */
  public List<Group> groups() {
    return read(Group.NAME, Group::from);
  }

  /** The first {@code a=group:BUNDLE} (RFC 8843), or {@code null}. */
  public Group bundleGroup() {
    return groups().stream().filter(group -> group.semantics().equals(Group.BUNDLE)).findFirst()
        .orElse(null);
  }

  /** {@code a=ice-ufrag} (RFC 8839 section 5.4: 4 to 256 ice-chars), or {@code null}. */
  public String iceUfrag() {
    return readFirst("ice-ufrag", attribute -> iceChars(attribute, 4));
  }

  /** {@code a=ice-pwd} (RFC 8839 section 5.4: 22 to 256 ice-chars), or {@code null}. */
  public String icePwd() {
    return readFirst("ice-pwd", attribute -> iceChars(attribute, 22));
  }

  private static String iceChars(Attribute attribute, int min) {
    String value = attribute.requireValue();
    if (!SdpSyntax.isIceChars(value, min, 256)) {
      throw attribute.malformed("not " + min + " to 256 ice-chars (letters, digits, + and /)");
    }
    return value;
  }

  /** The {@code a=ice-options} tags (RFC 8839 section 5.6), empty if absent. */
  public List<String> iceOptions() {
    List<String> options = new ArrayList<>();
    for (Attribute attribute : all("ice-options")) {
      for (String tag : SdpSyntax.split(attribute.requireValue(), ' ')) {
        if (!SdpSyntax.isIceChars(tag, 1, Integer.MAX_VALUE)) {
          throw attribute.malformed("an option tag is not 1*ice-char: '" + tag + "'");
        }
        options.add(tag);
      }
    }
    return options;
  }

  /** Whether {@code a=ice-lite} is present (RFC 8839 section 5.3, session level). */
  public boolean iceLite() {
    return has("ice-lite");
  }

  /** The {@code a=fingerprint} lines (RFC 8122). */
  public List<Fingerprint> fingerprints() {
    return read(Fingerprint.NAME, Fingerprint::from);
  }

  /** {@code a=setup} (RFC 4145), or {@code null}. */
  public Setup setup() {
    return readFirst(Setup.NAME, Setup::from);
  }

  /** The {@code a=candidate} lines (RFC 8839). */
  public List<Candidate> candidates() {
    return read(Candidate.NAME, Candidate::from);
  }

  /** Whether {@code a=end-of-candidates} is present (RFC 8840, trickle ICE). */
  public boolean endOfCandidates() {
    return has("end-of-candidates");
  }

  /** The first direction attribute, or {@code null} if there is none. */
  public Direction direction() {
    for (Attribute attribute : list) {
      Direction direction = Direction.fromName(attribute.name());
      if (direction != null) {
        return direction;
      }
    }
    return null;
  }

  /**
   * Sets the direction: replaces the first direction attribute in place (removing any other)
   * or appends one.
   */
  public Attributes setDirection(Direction direction) {
    int first = -1;
    for (int i = list.size() - 1; i >= 0; i--) {
      if (Direction.fromName(list.get(i).name()) != null) {
        if (first >= 0) {
          list.remove(first);
        }
        first = i;
      }
    }
    if (first < 0) {
      return add(Attribute.of(direction.attributeName()));
    }
    list.set(first, Attribute.of(direction.attributeName()));
    return this;
  }

  /** Whether {@code a=rtcp-mux} is present (RFC 5761). */
  public boolean rtcpMux() {
    return has("rtcp-mux");
  }

  /** Whether {@code a=rtcp-rsize} is present (RFC 5506). */
  public boolean rtcpRsize() {
    return has("rtcp-rsize");
  }

  /** {@code a=sctp-port} (RFC 8841, 0 to 65535), or -1 if absent. */
  public int sctpPort() {
    Integer port = readFirst("sctp-port", attribute -> number(attribute, 65535).intValue());
    return port == null ? -1 : port;
  }

  /** {@code a=max-message-size} (RFC 8841, bytes, 0 = unlimited), or -1 if absent. */
  public long maxMessageSize() {
    Long size = readFirst("max-message-size", attribute -> number(attribute, Long.MAX_VALUE));
    return size == null ? -1 : size;
  }

  private static Long number(Attribute attribute, long max) {
    long value = SdpSyntax.number(attribute.requireValue(), max);
    if (value < 0) {
      throw attribute.malformed("not a number up to " + max);
    }
    return value;
  }
}
