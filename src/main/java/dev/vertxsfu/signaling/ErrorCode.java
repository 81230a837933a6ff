package dev.vertxsfu.signaling;

/**
 * The error codes of docs/protocol.md ("Errors"), as they appear in an {@code error} frame's
 * {@code code}. Rooms may send other codes through the bus; the front passes those on as
 * strings, so this enum is what the front itself decides, not a closed list of the wire. The
 * rooms add {@code codec_not_supported}: a subscribed track's codec is one the subscriber's
 * offers do not list (see {@code room.Room}).
 */
enum ErrorCode {
  /** Malformed message, unknown type, invalid SDP or candidate. */
  BAD_REQUEST("bad_request"),
  /** Join refused: bad or expired token. The one error that closes the socket (1008). */
  UNAUTHORIZED("unauthorized"),
  /** A message other than {@code join} before {@code join}. */
  NOT_JOINED("not_joined"),
  /** Room, client or track does not exist. */
  NOT_FOUND("not_found"),
  /** The state does not permit it (for instance a second {@code join}). */
  NOT_ALLOWED("not_allowed"),
  ROOM_FULL("room_full"),
  /** The room's node is gone or overloaded; the client should retry. */
  UNAVAILABLE("unavailable"),
  INTERNAL("internal");

  private final String wireName;

  ErrorCode(String wireName) {
    this.wireName = wireName;
  }

  /** The code as docs/protocol.md spells it. */
  String wireName() {
    return wireName;
  }
}
