package dev.vertxsfu.wire;

/**
 * The one error every codec in {@code wire} raises for bytes or text that do not follow its
 * RFC: too short, a length field past the end, a wrong version, a truncated attribute.
 *
 * <p>Each codec package has its own subclass, so a caller can tell which layer refused the
 * input, and every parser promises to raise nothing else for any input whatsoever (the
 * random-bytes tests hold it to that). The message says what was wrong and where.
 *
 * <p>It carries no stack trace: malformed input arrives from the network at the network's
 * rate, the parsers are leaf calls, and the message already pins the fault down.
 */
public class WireFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WireFormatException(String message) {
    super(message, null, false, false);
  }

  public WireFormatException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
