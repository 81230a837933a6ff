package dev.vertxsfu.signaling;

import io.vertx.core.json.JsonObject;

/**
 * A client message whose shape {@link ProtocolMessages} has checked: every field its type
 * requires is there with the right JSON type. Whether the client's state allows it is decided
 * later, by {@link ClientConnection}; whether the room allows it, by the room.
 *
 * @param type the message type
 * @param id the request id to echo in the reply: a String, Integer or Long, or {@code null}
 * @param json the message as received (unknown fields included: they are for later versions)
 */
record ClientMessage(ClientMessageType type, Object id, JsonObject json) {

  /** The {@code room} of a {@code join}. */
  String room() {
    return json.getString("room");
  }

  /** The {@code token} of a {@code join}, or {@code null} when it carries none. */
  String token() {
    return json.getString("token");
  }

  /**
   * The message as the room receives it: as sent, without the join token (the front has
   * checked it, and secrets do not travel further than they must).
   */
  JsonObject forRoom() {
    JsonObject copy = json.copy();
    copy.remove("token");
    return copy;
  }
}
