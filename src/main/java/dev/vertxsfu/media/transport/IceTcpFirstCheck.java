package dev.vertxsfu.media.transport;

import dev.vertxsfu.wire.WireFormatException;
import dev.vertxsfu.wire.stun.StunMessage;
import dev.vertxsfu.wire.stun.StunMessageType;
import dev.vertxsfu.wire.tcp.Rfc4571;
import dev.vertxsfu.wire.tcp.Rfc4571FormatException;

/**
 * What the node reads of a new ICE-TCP connection before it knows the connection's room: the
 * first RFC 4571 frame, which RFC 6544 makes the client's first connectivity check, a STUN
 * Binding request whose USERNAME starts with the SFU's ufrag for that client (RFC 8445 §7.2.2).
 * That ufrag names the client's transport, and so its room, whose loop then serves the
 * connection from its first byte ({@link IceTcpConnection}).
 *
 * <p>Pure: the node's acceptor keeps the connection's first bytes (at most
 * {@link #MAX_PREAMBLE} of them) and asks after each read.
 */
public final class IceTcpFirstCheck {
  /** The largest first frame accepted: a Binding request is far smaller. */
  public static final int MAX_FIRST_FRAME = 1024;
  /** The most a connection may send before its first frame is complete. */
  public static final int MAX_PREAMBLE = Rfc4571.HEADER_LENGTH + MAX_FIRST_FRAME;

  private IceTcpFirstCheck() {}

  /**
   * The local ufrag the connection's first frame asks for, or {@code null} while the frame is
   * not complete in {@code buf[off, off + len)}.
   *
   * @throws WireFormatException if the first frame is empty or over {@link #MAX_FIRST_FRAME}
   *     ({@link Rfc4571FormatException}), is no STUN Binding request with a USERNAME, or does
   *     not parse ({@code StunFormatException}): the connection is closed and counted
   */
  public static String localUfrag(byte[] buf, int off, int len) {
    if (len < Rfc4571.HEADER_LENGTH) {
      return null;
    }
    int length = Rfc4571.readHeader(buf, off);
    if (length == 0 || length > MAX_FIRST_FRAME) {
      throw new Rfc4571FormatException("the first ICE-TCP frame has " + length
          + " octets; a Binding request of 1 to " + MAX_FIRST_FRAME + " is expected");
    }
    if (len < Rfc4571.HEADER_LENGTH + length) {
      return null;
    }
    StunMessage check = new StunMessage().wrap(buf, off + Rfc4571.HEADER_LENGTH, length);
    if (check.messageType() != StunMessageType.BINDING_REQUEST || !check.hasUsername()) {
      throw new WireFormatException("the first ICE-TCP frame is no Binding request with a "
          + "USERNAME (RFC 6544 section 3)");
    }
    String username = check.username();
    int colon = username.indexOf(':');
    return colon < 0 ? username : username.substring(0, colon);
  }
}
