package dev.vertxsfu.wire.rtcp;

import dev.vertxsfu.wire.WireFormatException;

/**
 * Bytes that are not a well-formed RTCP packet or compound packet (RFC 3550 §6, RFC 4585 §6,
 * RFC 5104 §4.3, the REMB and transport-wide-cc drafts): a short header, a length past the
 * end, a version other than 2, a bad padding count, more report blocks than the packet holds,
 * an SDES item past its chunk, TWCC statuses or deltas that do not fit.
 *
 * <p>Every parser of this package throws this and nothing else for any input; the message says
 * what was wrong and at which offset of the caller's buffer. The media layer drops the datagram
 * (or the one packet) and counts it.
 */
public final class RtcpFormatException extends WireFormatException {
  private static final long serialVersionUID = 1L;

  public RtcpFormatException(String message) {
    super(message);
  }

  static RtcpFormatException of(String format, Object... args) {
    return new RtcpFormatException(String.format(format, args));
  }
}
