package dev.vertxsfu.bus;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A room's answer to one {@link ClientRequest}: the response frame, if any, and the events that
 * must reach the client after it, in order. Both are docs/protocol.md server messages, written
 * to the client as they are.
 *
 * @param reply the response without {@code id}, or {@code null} when the message has none
 * @param events server messages to write after the reply
 */
public record RoomReply(JsonObject reply, List<JsonObject> events) {

  public RoomReply {
    events = List.copyOf(events);
  }
}
