package dev.vertxsfu.bus;

import io.vertx.core.json.JsonObject;

/**
 * One client's message for its room, to {@link BusAddresses#room(String)}; answered with a
 * {@link RoomReply} or a {@link Refusal}. The room sends the client's events, outside replies,
 * to {@link BusAddresses#client(String)} of {@code clientId} as {@link ClientEvent}s.
 *
 * <p>Immutable by convention: the message is not touched once the request is sent (a local
 * delivery copies it, as Vert.x does for a {@code JsonObject}).
 *
 * @param clientId the client
 * @param front the node whose signaling front holds the client's socket: when that node leaves
 *     the cluster, the room lets the client go, and only that front may speak for the client
 * @param message a docs/protocol.md client message (already checked for shape by the front),
 *     or {@link #DISCONNECT}
 */
public record ClientRequest(String clientId, String front, JsonObject message) {
  /** Internal message type: the client's socket closed without {@code leave}. */
  public static final String DISCONNECT = "disconnect";

  /** The client's socket closed without {@code leave}. */
  public static ClientRequest disconnect(String clientId, String front) {
    return new ClientRequest(clientId, front, new JsonObject().put("type", DISCONNECT));
  }

  /** The message's {@code type}, or null when it has none (a malformed request). */
  public String type() {
    return message != null && message.getValue("type") instanceof String type ? type : null;
  }

  /** Where the room sends this client's events. */
  public String eventsAddress() {
    return BusAddresses.client(clientId);
  }
}
