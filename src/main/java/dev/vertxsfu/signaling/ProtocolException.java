package dev.vertxsfu.signaling;

import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.bus.Refusal;

/**
 * A client message refused, with the docs/protocol.md code and a text that names the offending
 * field. Thrown by {@link ProtocolMessages} (syntax) and {@link JoinAuthenticator} (tokens), or
 * made by {@link RoomLink} from a room's {@link Refusal}; {@link ClientConnection} turns it into
 * an {@code error} frame.
 */
final class ProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient ErrorCode code;
  private final transient Object id;
  private final boolean unanswered;

  ProtocolException(ErrorCode code, String message) {
    this(code, message, null, false);
  }

  private ProtocolException(ErrorCode code, String message, Object id, boolean unanswered) {
    super(message, null, false, false);
    this.code = code;
    this.id = id;
    this.unanswered = unanswered;
  }

  /** A room's refusal, as the room gave it. */
  static ProtocolException of(Refusal refusal) {
    return new ProtocolException(refusal.code(), refusal.text(), null, false);
  }

  /** {@code unavailable}: the room did not answer, and may or may not have acted. */
  static ProtocolException unanswered(String message) {
    return new ProtocolException(ErrorCode.UNAVAILABLE, message, null, true);
  }

  /** The same refusal, answering the request {@code id} (a String, Integer or Long). */
  ProtocolException withId(Object id) {
    return new ProtocolException(code, getMessage(), id, unanswered);
  }

  /** The docs/protocol.md error code, such as {@code bad_request}. */
  String code() {
    return code.wireName();
  }

  /** The code as the enum. */
  ErrorCode errorCode() {
    return code;
  }

  /** Nobody answered the request to the room: it may or may not have taken it. */
  boolean unanswered() {
    return unanswered;
  }

  /** The {@code id} of the refused request, or {@code null} when it had none (or no valid one). */
  Object id() {
    return id;
  }
}
