package dev.vertxsfu.signaling;

import io.vertx.core.json.JsonObject;

/** The frames the front writes on its own: errors, and replies stamped with the request id. */
final class ServerMessages {
  private ServerMessages() {}

  /** docs/protocol.md's {@code error}: {@code {"type":"error","id"?,"code","message"}}. */
  static JsonObject error(Object id, String code, String message) {
    JsonObject error = new JsonObject().put("type", "error");
    if (id != null) {
      error.put("id", id);
    }
    return error.put("code", code).put("message", message);
  }

  /** {@code error} for a refusal. */
  static JsonObject error(ProtocolException refusal) {
    return error(refusal.id(), refusal.code(), refusal.getMessage());
  }

  /** A copy of a room's reply carrying the request's {@code id}, when it had one. */
  static JsonObject reply(JsonObject reply, Object id) {
    return id == null ? reply : reply.copy().put("id", id);
  }
}
