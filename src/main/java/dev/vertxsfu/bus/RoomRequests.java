package dev.vertxsfu.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The shapes of room requests and replies on the bus (see {@link BusAddresses}), and the
 * encoding of a refusal: failure code {@value #FAILURE_CODE} with the message
 * {@code "<protocol code>: <text>"}, so a docs/protocol.md error survives the trip across nodes.
 */
public final class RoomRequests {
  /** The {@code ReplyException} failure code of a refused request. */
  public static final int FAILURE_CODE = 400;
  /** Internal message type: the client's socket closed without {@code leave}. */
  public static final String DISCONNECT = "disconnect";

  private RoomRequests() {}

  /**
   * A client's message for its room. {@code frontNode} is the node whose signaling holds the
   * client's socket: when that node leaves the cluster, the room lets the client go.
   */
  public static JsonObject request(String clientId, String eventsAddress, String frontNode,
      JsonObject message) {
    return new JsonObject().put("clientId", clientId).put("events", eventsAddress)
        .put("front", frontNode).put("message", message);
  }

  public static JsonObject reply(JsonObject reply, JsonArray events) {
    return new JsonObject().put("reply", reply).put("events", events);
  }

  /** The message of a refused request. */
  public static String failure(String code, String text) {
    return code + ": " + text;
  }

  /** The docs/protocol.md code in a refusal's message, or {@code internal}. */
  public static String code(String failureMessage) {
    int colon = failureMessage == null ? -1 : failureMessage.indexOf(": ");
    return colon > 0 ? failureMessage.substring(0, colon) : "internal";
  }

  /** The text in a refusal's message. */
  public static String text(String failureMessage) {
    int colon = failureMessage == null ? -1 : failureMessage.indexOf(": ");
    return colon > 0 ? failureMessage.substring(colon + 2) : String.valueOf(failureMessage);
  }
}
