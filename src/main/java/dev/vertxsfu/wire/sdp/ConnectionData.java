package dev.vertxsfu.wire.sdp;

import java.util.List;

/**
 * The {@code c=} line, RFC 8866 section 5.7 (Connection Information). In WebRTC it carries the
 * default candidate's address, usually the placeholder {@code IN IP4 0.0.0.0} (RFC 8839
 * section 4.3.1: 0.0.0.0 and port 9); ICE and BUNDLE decide where media really goes.
 *
 * <pre>
 * c=&lt;nettype&gt; &lt;addrtype&gt; &lt;connection-address&gt;
 * c=IN IP4 0.0.0.0
 * c=IN IP4 233.252.0.1/127/3        (multicast: TTL and address count stay in the address)
 * </pre>
 *
 * @param netType {@code token}, {@code IN}
 * @param addrType {@code token}, {@code IP4} or {@code IP6}
 * @param address the connection-address as written, with any {@code /ttl/numaddr} suffix
 */
public record ConnectionData(String netType, String addrType, String address) {

  public ConnectionData {
    String problem = problem(netType, addrType, address);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** {@code IN IP4 <address>} or {@code IN IP6 <address>}, by the form of the address. */
  public static ConnectionData of(String address) {
    return new ConnectionData("IN", address != null && address.indexOf(':') >= 0 ? "IP6" : "IP4",
        address);
  }

  /** The line's value (after {@code c=}). */
  public String format() {
    return netType + ' ' + addrType + ' ' + address;
  }

  static ConnectionData parse(String value, int lineNumber, String line) {
    List<String> fields = SdpSyntax.split(value, ' ');
    if (fields.size() != 3 || SdpSyntax.anyEmpty(fields)) {
      throw new SdpFormatException(
          "bad c= line: it needs 3 fields separated by single spaces", lineNumber, line);
    }
    String problem = problem(fields.get(0), fields.get(1), fields.get(2));
    if (problem != null) {
      throw new SdpFormatException("bad c= line: " + problem, lineNumber, line);
    }
    return new ConnectionData(fields.get(0), fields.get(1), fields.get(2));
  }

  private static String problem(String netType, String addrType, String address) {
    if (!SdpSyntax.isToken(netType) || !SdpSyntax.isToken(addrType)) {
      return "the nettype or addrtype is not a token";
    }
    if (!SdpSyntax.isNonWsString(address)) {
      return "the connection-address is not a non-ws-string";
    }
    return null;
  }
}
