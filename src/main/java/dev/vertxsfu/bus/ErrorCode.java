package dev.vertxsfu.bus;

/**
 * The error codes of docs/protocol.md ("Errors"), as they appear in an {@code error} frame's
 * {@code code}: what a room or the front refuses a client message with. Each has the
 * {@code ReplyException} failure code a refusal of it travels under on the event bus
 * ({@link Refusal}), so no text is parsed to find it again.
 */
public enum ErrorCode {
  /** Malformed message, unknown type, invalid SDP or candidate. */
  BAD_REQUEST("bad_request", 400),
  /** Join refused: bad or expired token. The one error that closes the socket (1008). */
  UNAUTHORIZED("unauthorized", 401),
  /** A message other than {@code join} before {@code join}. */
  NOT_JOINED("not_joined", 409),
  /** Room, client or track does not exist. */
  NOT_FOUND("not_found", 404),
  /** The state does not permit it (for instance a second {@code join}), or a limit. */
  NOT_ALLOWED("not_allowed", 403),
  /** The room has {@code rooms.max-clients} clients. */
  ROOM_FULL("room_full", 429),
  /** Addition (docs/protocol.md section 15): the client cannot receive a track's codec. */
  CODEC_NOT_SUPPORTED("codec_not_supported", 415),
  /** The room's node is gone or overloaded; the client should retry. */
  UNAVAILABLE("unavailable", 503),
  INTERNAL("internal", 500);

  private final String wireName;
  private final int failureCode;

  ErrorCode(String wireName, int failureCode) {
    this.wireName = wireName;
    this.failureCode = failureCode;
  }

  /** The code as docs/protocol.md spells it. */
  public String wireName() {
    return wireName;
  }

  /** The {@code ReplyException} failure code of a refusal with this code. */
  public int failureCode() {
    return failureCode;
  }

  /** The code spelled {@code wireName}; an unknown one is a programming error. */
  public static ErrorCode ofWireName(String wireName) {
    for (ErrorCode code : values()) {
      if (code.wireName.equals(wireName)) {
        return code;
      }
    }
    throw new IllegalArgumentException("no docs/protocol.md error code " + wireName);
  }

  /** The code a refusal's failure code stands for, or {@code null} when none does. */
  public static ErrorCode ofFailureCode(int failureCode) {
    for (ErrorCode code : values()) {
      if (code.failureCode == failureCode) {
        return code;
      }
    }
    return null;
  }
}
