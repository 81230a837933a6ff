package dev.vertxsfu.signaling;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A room's answer to one client message ({@code dev.vertxsfu.bus.RoomRequests#reply}): the
 * response frame, if any, and the events that must reach the client after it, in order.
 *
 * @param reply the response without {@code id}, or {@code null} when the message has none
 * @param events server messages to write after the reply
 */
record RoomReply(JsonObject reply, List<JsonObject> events) {

  RoomReply {
    events = List.copyOf(events);
  }

  /** Reads a reply body; a body of the wrong shape is the room's fault: {@code internal}. */
  static RoomReply from(Object body) throws ProtocolException {
    if (!(body instanceof JsonObject json)) {
      throw malformed("the reply is not a JSON object");
    }
    Object reply = json.getValue("reply");
    if (reply != null && !(reply instanceof JsonObject)) {
      throw malformed("reply is not an object");
    }
    Object events = json.getValue("events");
    List<JsonObject> list = new ArrayList<>();
    if (events instanceof JsonArray array) {
      for (Object event : array) {
        if (!(event instanceof JsonObject)) {
          throw malformed("an event is not an object");
        }
        list.add((JsonObject) event);
      }
    } else if (events != null) {
      throw malformed("events is not an array");
    }
    return new RoomReply((JsonObject) reply, list);
  }

  private static ProtocolException malformed(String why) {
    return new ProtocolException(ErrorCode.INTERNAL, "the room answered badly: " + why);
  }
}
