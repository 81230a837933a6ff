package dev.vertxsfu.room;

import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.bus.Refusal;

/**
 * A room refused a call: {@code code} is docs/protocol.md's error code ({@code bad_request},
 * {@code not_found}, {@code not_allowed}, ...), the message says why. The room is unchanged.
 * Over the bus it travels as its {@link #refusal()}.
 */
public final class RoomException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient ErrorCode code;

  public RoomException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  /** The same, with the code as docs/protocol.md spells it (one of {@link ErrorCode}'s). */
  public RoomException(String code, String message) {
    this(ErrorCode.ofWireName(code), message);
  }

  /** The code as docs/protocol.md spells it. */
  public String code() {
    return code.wireName();
  }

  public ErrorCode errorCode() {
    return code;
  }

  /** The refusal a bus request gets for this. */
  public Refusal refusal() {
    return new Refusal(code, getMessage());
  }
}
