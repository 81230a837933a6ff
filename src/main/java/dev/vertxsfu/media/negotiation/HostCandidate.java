package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.wire.sdp.Candidate;

/**
 * One announced address of the room's UDP socket, written as a {@code typ host} UDP candidate
 * for component 1 (RFC 8839 section 5.1; an ICE-lite agent has host candidates only, RFC 8445
 * section 2.5); or of the node's ICE-TCP port, written as a {@code tcptype passive} TCP
 * candidate (RFC 6544 section 4.5: the SFU only accepts connections).
 *
 * @param address an IPv4 or IPv6 literal, or a host name
 * @param port 1 to 65535
 * @param tcp whether it is a passive TCP candidate (RFC 4571 framing, RFC 6544)
 */
public record HostCandidate(String address, int port, boolean tcp) {
  /** A UDP host candidate. */
  public HostCandidate(String address, int port) {
    this(address, port, false);
  }

  /** A passive TCP host candidate (ICE-TCP, RFC 6544). */
  public static HostCandidate passiveTcp(String address, int port) {
    return new HostCandidate(address, port, true);
  }

  public HostCandidate {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of 1..65535: " + port);
    }
    Candidate.host("1", 1, address, port); // validates the address
  }
}
