package dev.vertxsfu.wire.stun;

import dev.vertxsfu.wire.WireFormatException;

/**
 * Bytes that are not a well-formed STUN message (RFC 8489): thrown by
 * {@link StunMessage#wrap(byte[], int, int)} and by nothing else, for any input whatsoever.
 * The message names the fault and its offset from the start of the STUN message.
 */
public final class StunFormatException extends WireFormatException {
  private static final long serialVersionUID = 1L;

  public StunFormatException(String message) {
    super(message);
  }
}
