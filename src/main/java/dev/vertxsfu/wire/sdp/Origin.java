package dev.vertxsfu.wire.sdp;

import java.math.BigInteger;
import java.util.List;

/**
 * The {@code o=} line, RFC 8866 section 5.2 (Origin): who made the description and which
 * version of the session it is. JSEP (RFC 8829 section 5.2.1) fixes its use in WebRTC: the
 * username is {@code -}, the session id stays for the life of the peer connection and the
 * version grows by one with every new offer or answer that changes anything.
 *
 * <pre>
 * o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; &lt;nettype&gt; &lt;addrtype&gt; &lt;unicast-address&gt;
 * o=- 1308685177710702858 2 IN IP4 127.0.0.1
 * </pre>
 *
 * <p>The session id and version are kept as the decimal strings they are (the grammar puts no
 * bound on them); {@link #withNextVersion()} is what an SFU offer generator calls.
 *
 * @param username {@code non-ws-string}, {@code -} when there is none
 * @param sessionId {@code 1*DIGIT}
 * @param sessionVersion {@code 1*DIGIT}
 * @param netType {@code token}, {@code IN}
 * @param addrType {@code token}, {@code IP4} or {@code IP6}
 * @param unicastAddress {@code non-ws-string}
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType,
    String addrType, String unicastAddress) {

  public Origin {
    String problem = problem(username, sessionId, sessionVersion, netType, addrType,
        unicastAddress);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** The origin JSEP asks for: username {@code -}, {@code IN IP4 127.0.0.1} (a placeholder). */
  public static Origin of(long sessionId, long sessionVersion) {
    return new Origin("-", Long.toString(sessionId), Long.toString(sessionVersion), "IN", "IP4",
        "127.0.0.1");
  }

  /** This origin with the session version increased by one. */
  public Origin withNextVersion() {
    String next = new BigInteger(sessionVersion).add(BigInteger.ONE).toString();
    return new Origin(username, sessionId, next, netType, addrType, unicastAddress);
  }

  /** The line's value (after {@code o=}). */
  public String format() {
    return username + ' ' + sessionId + ' ' + sessionVersion + ' ' + netType + ' ' + addrType
        + ' ' + unicastAddress;
  }

  static Origin parse(String value, int lineNumber, String line) {
    List<String> fields = SdpSyntax.split(value, ' ');
    if (fields.size() != 6 || SdpSyntax.anyEmpty(fields)) {
      throw new SdpFormatException(
          "bad o= line: it needs 6 fields separated by single spaces", lineNumber, line);
    }
    String problem = problem(fields.get(0), fields.get(1), fields.get(2), fields.get(3),
        fields.get(4), fields.get(5));
    if (problem != null) {
      throw new SdpFormatException("bad o= line: " + problem, lineNumber, line);
    }
    return new Origin(fields.get(0), fields.get(1), fields.get(2), fields.get(3), fields.get(4),
        fields.get(5));
  }

  private static String problem(String username, String sessionId, String sessionVersion,
      String netType, String addrType, String unicastAddress) {
    if (!SdpSyntax.isNonWsString(username)) {
      return "the username is not a non-ws-string";
    }
    if (!SdpSyntax.isDigits(sessionId)) {
      return "the sess-id is not a number";
    }
    if (!SdpSyntax.isDigits(sessionVersion)) {
      return "the sess-version is not a number";
    }
    if (!SdpSyntax.isToken(netType) || !SdpSyntax.isToken(addrType)) {
      return "the nettype or addrtype is not a token";
    }
    if (!SdpSyntax.isNonWsString(unicastAddress)) {
      return "the unicast-address is not a non-ws-string";
    }
    return null;
  }
}
