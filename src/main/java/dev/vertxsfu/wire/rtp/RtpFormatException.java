package dev.vertxsfu.wire.rtp;

import dev.vertxsfu.wire.WireFormatException;

/**
 * Bytes that are not an RTP packet by RFC 3550 §5.1, or whose header extension breaks RFC 8285,
 * or an RTX packet (RFC 4588) too short to hold its original sequence number; also an in-place
 * change that would leave such bytes behind. The message says what was wrong and at which byte of
 * the packet (counted from its first byte).
 *
 * <p>Every parser of this package ({@link RtpPacket#wrap}, {@link RtpPacket#wrapHeader},
 * {@link RtxPacket#unwrap}) throws this and nothing else for any input.
 */
public final class RtpFormatException extends WireFormatException {
  private static final long serialVersionUID = 1L;

  public RtpFormatException(String message) {
    super(message);
  }
}
