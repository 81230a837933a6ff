package dev.vertxsfu.wire.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code a=candidate} attribute, RFC 8839 section 5.1: one ICE candidate. It is read in two
 * places: in a description's media sections, and standalone, as the {@code candidate} string of
 * a trickled {@code RTCIceCandidate} ({@code candidate:...}, without {@code a=}) that the
 * signaling layer validates with {@link #parse(String)} before handing it on.
 *
 * <pre>
 * candidate-attribute = "candidate" ":" foundation SP component-id SP transport SP priority SP
 *                       connection-address SP port SP cand-type
 *                       [SP rel-addr] [SP rel-port] *(SP cand-extension)
 * foundation          = 1*32ice-char
 * component-id        = 1*3DIGIT
 * transport           = "UDP" / transport-extension
 * priority            = 1*10DIGIT
 * cand-type           = "typ" SP candidate-types
 * candidate-types     = "host" / "srflx" / "prflx" / "relay" / token
 * rel-addr            = "raddr" SP connection-address
 * rel-port            = "rport" SP port
 * cand-extension      = extension-att-name SP extension-att-value
 *
 * candidate:3315194237 1 udp 2122194687 127.0.0.1 33719 typ host generation 0 network-id 3
 * candidate:2 1 UDP 1694498815 192.0.2.3 45664 typ srflx raddr 203.0.113.141 rport 8998
 * candidate:993201641 1 tcp 1518214911 127.0.0.1 9 typ host tcptype active generation 0
 * </pre>
 *
 * <p>Extensions (RFC 6544 {@code tcptype}, and libwebrtc's {@code generation}, {@code ufrag},
 * {@code network-id}, {@code network-cost}) are kept in order, known or not. Addresses must be
 * IPv4, IPv6 or a host name (mDNS {@code .local} names included); nothing is resolved.
 *
 * @param foundation 1 to 32 ice-chars
 * @param component 1 to 256 (1 is RTP; with rtcp-mux the only one)
 * @param transport {@code udp}/{@code UDP} or another token ({@code tcp}), as written
 * @param priority 0 to 2^32-1
 * @param address the connection address
 * @param port 0 to 65535
 * @param type {@link #HOST}, {@link #SRFLX}, {@link #PRFLX}, {@link #RELAY} or another token
 * @param relatedAddress the {@code raddr}, or {@code null}
 * @param relatedPort the {@code rport}, or -1 when absent
 * @param extensions the remaining name-value pairs, in order
 */
public record Candidate(String foundation, int component, String transport, long priority,
    String address, int port, String type, String relatedAddress, int relatedPort,
    List<Extension> extensions) {
  /** The attribute name. */
  public static final String NAME = "candidate";
  public static final String HOST = "host";
  public static final String SRFLX = "srflx";
  public static final String PRFLX = "prflx";
  public static final String RELAY = "relay";
  /** RFC 6544 section 4.5: {@code active}, {@code passive} or {@code so}. */
  public static final String TCPTYPE = "tcptype";

  /** One {@code cand-extension}: a token name and a non-empty visible-ASCII value. */
  public record Extension(String name, String value) {
    public Extension {
      if (!SdpSyntax.isToken(name) || !isVisibleAscii(value)) {
        throw new IllegalArgumentException("bad candidate extension " + name + " " + value);
      }
    }
  }

  public Candidate {
    extensions = List.copyOf(extensions);
    String problem = problem(foundation, component, transport, priority, address, port, type,
        relatedAddress, relatedPort);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** A host candidate over UDP for component 1, as an ICE-lite server announces. */
  public static Candidate host(String foundation, long priority, String address, int port) {
    return new Candidate(foundation, 1, "udp", priority, address, port, HOST, null, -1, List.of());
  }

  /** The value of extension {@code name}, or {@code null}. */
  public String extension(String name) {
    for (Extension extension : extensions) {
      if (extension.name().equals(name)) {
        return extension.value();
      }
    }
    return null;
  }

  /** The RFC 6544 {@code tcptype}, or {@code null}. */
  public String tcpType() {
    return extension(TCPTYPE);
  }

  /** The {@code ufrag} extension (trickled candidates carry it), or {@code null}. */
  public String ufrag() {
    return extension("ufrag");
  }

  /** Whether the transport is UDP (case-insensitive, RFC 8839 section 5.1). */
  public boolean isUdp() {
    return transport.equalsIgnoreCase("udp");
  }

  /** The attribute value (what follows {@code a=candidate:}). */
  public String format() {
    StringBuilder value = new StringBuilder().append(foundation).append(' ').append(component)
        .append(' ').append(transport).append(' ').append(priority).append(' ').append(address)
        .append(' ').append(port).append(" typ ").append(type);
    if (relatedAddress != null) {
      value.append(" raddr ").append(relatedAddress);
    }
    if (relatedPort >= 0) {
      value.append(" rport ").append(relatedPort);
    }
    for (Extension extension : extensions) {
      value.append(' ').append(extension.name()).append(' ').append(extension.value());
    }
    return value.toString();
  }

  /** The trickle form: {@code candidate:<value>}, as in {@code RTCIceCandidate.candidate}. */
  @Override
  public String toString() {
    return NAME + ':' + format();
  }

  /** {@code a=candidate:<value>}. */
  public Attribute toAttribute() {
    return Attribute.of(NAME, format());
  }

  /**
   * Reads a candidate line: {@code candidate:<value>} as trickled by browsers, also accepted
   * with a leading {@code a=}.
   */
  public static Candidate parse(String line) {
    String text = line != null && line.startsWith("a=") ? line.substring(2) : line;
    if (text == null || !text.startsWith(NAME + ':')) {
      throw new SdpFormatException("not a candidate: it must start with 'candidate:'", 0, line);
    }
    return parseValue(text.substring(NAME.length() + 1));
  }

  /** Reads an {@code a=candidate} value (what follows {@code candidate:}). */
  public static Candidate parseValue(String value) {
    return from(Attribute.forValue(NAME, value));
  }

  static Candidate from(Attribute attribute) {
    List<String> fields = SdpSyntax.split(attribute.requireValue(), ' ');
    if (fields.size() < 8 || SdpSyntax.anyEmpty(fields) || !fields.get(6).equals("typ")) {
      throw attribute.malformed("expected <foundation> <component> <transport> <priority> "
          + "<address> <port> typ <type>, single spaces");
    }
    long component = SdpSyntax.number(fields.get(1), 256);
    long priority = SdpSyntax.number(fields.get(3), 0xFFFF_FFFFL);
    long port = SdpSyntax.number(fields.get(5), 65535);
    if (component < 1 || priority < 0 || port < 0) {
      throw attribute.malformed("component (1-256), priority (0-2^32-1) or port (0-65535) "
          + "out of range");
    }
    int at = 8;
    String relatedAddress = null;
    long relatedPort = -1;
    if (at + 1 < fields.size() && fields.get(at).equals("raddr")) {
      relatedAddress = fields.get(at + 1);
      at += 2;
    }
    if (at + 1 < fields.size() && fields.get(at).equals("rport")) {
      relatedPort = SdpSyntax.number(fields.get(at + 1), 65535);
      if (relatedPort < 0) {
        throw attribute.malformed("rport is not a port (0-65535)");
      }
      at += 2;
    }
    if ((fields.size() - at) % 2 != 0) {
      throw attribute.malformed("an extension name without a value");
    }
    List<Extension> extensions = new ArrayList<>();
    for (; at < fields.size(); at += 2) {
      if (!SdpSyntax.isToken(fields.get(at)) || !isVisibleAscii(fields.get(at + 1))) {
        throw attribute.malformed("bad extension: " + fields.get(at));
      }
      extensions.add(new Extension(fields.get(at), fields.get(at + 1)));
    }
    String problem = problem(fields.get(0), (int) component, fields.get(2), priority,
        fields.get(4), (int) port, fields.get(7), relatedAddress, (int) relatedPort);
    if (problem != null) {
      throw attribute.malformed(problem);
    }
    return new Candidate(fields.get(0), (int) component, fields.get(2), priority, fields.get(4),
        (int) port, fields.get(7), relatedAddress, (int) relatedPort, extensions);
  }

  private static String problem(String foundation, int component, String transport,
      long priority, String address, int port, String type, String relatedAddress,
      int relatedPort) {
    if (!SdpSyntax.isIceChars(foundation, 1, 32)) {
      return "the foundation is not 1 to 32 ice-chars";
    }
    if (component < 1 || component > 256 || priority < 0 || priority > 0xFFFF_FFFFL
        || port < 0 || port > 65535 || relatedPort < -1 || relatedPort > 65535) {
      return "component, priority or port out of range";
    }
    if (!SdpSyntax.isToken(transport) || !SdpSyntax.isToken(type)) {
      return "the transport or the type is not a token";
    }
    if (!Addresses.isConnectionAddress(address)) {
      return "the address is not IPv4, IPv6 or a host name";
    }
    if (relatedAddress != null && !Addresses.isConnectionAddress(relatedAddress)) {
      return "raddr is not IPv4, IPv6 or a host name";
    }
    return null;
  }

  private static boolean isVisibleAscii(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) <= 0x20 || s.charAt(i) >= 0x7F) {
        return false;
      }
    }
    return true;
  }
}
