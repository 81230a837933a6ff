package dev.vertxsfu.wire.tcp;

import dev.vertxsfu.wire.WireFormatException;

/**
 * A TCP stream that breaks RFC 4571's framing as the SFU accepts it: a frame longer than the
 * decoder's bound, or an empty one. The stream cannot be resynchronised after either; its
 * connection is closed.
 */
public final class Rfc4571FormatException extends WireFormatException {
  private static final long serialVersionUID = 1L;

  public Rfc4571FormatException(String message) {
    super(message);
  }
}
