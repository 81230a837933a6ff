package dev.vertxsfu.signaling;

/**
 * A client message refused by the front, with the docs/protocol.md code and a text that names the
 * offending field. Thrown by {@link ProtocolMessages} (syntax) and {@link JoinAuthenticator}
 * (tokens); {@link ClientConnection} turns it into an {@code error} frame.
 */
final class ProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient String code;
  private final transient Object id;

  ProtocolException(ErrorCode code, String message) {
    this(code.wireName(), message, null);
  }

  private ProtocolException(String code, String message, Object id) {
    super(message, null, false, false);
    this.code = code;
    this.id = id;
  }

  /** A refusal whose code came from elsewhere (a room's reply), kept as it was spelled. */
  static ProtocolException of(String code, String message) {
    return new ProtocolException(code, message, null);
  }

  /** The same refusal, answering the request {@code id} (a String, Integer or Long). */
  ProtocolException withId(Object id) {
    return new ProtocolException(code, getMessage(), id);
  }

  /** The docs/protocol.md error code, such as {@code bad_request}. */
  String code() {
    return code;
  }

  /** The {@code id} of the refused request, or {@code null} when it had none (or no valid one). */
  Object id() {
    return id;
  }
}
