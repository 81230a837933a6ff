package dev.vertxsfu.room;

/**
 * A room refused a call: {@code code} is docs/protocol.md's error code ({@code bad_request},
 * {@code not_found}, {@code not_allowed}, ...), the message says why. The room is unchanged.
 */
public final class RoomException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;

  public RoomException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
