package dev.vertxsfu.bus;

/**
 * Every event-bus address of the SFU, in one place (STYLE.md, habit 8).
 *
 * <p>The contract between the signaling front and the rooms, whichever node each is on:
 * <ul>
 *   <li>{@link #ROOMS}: request {@code {"roomId": ...}} to the local room manager, which places
 *       the room in the cluster (or finds where it runs), has that node's manager
 *       ({@link #roomsOn(String)}) start it, and replies {@code {"roomId": ..., "node": ...}}
 *       (or fails with code {@code unavailable}).
 *   <li>{@link #room(String)}: request {@code {"clientId", "events", "message"}}, where
 *       {@code message} is a client's docs/protocol.md message (already checked for shape) and
 *       {@code events} the address its events go to. Reply {@code {"reply": {...} | null,
 *       "events": [...]}}: the response frame (without {@code id}) and events that must reach the
 *       client after it, in order. A failure carries docs/protocol.md's error code as its message
 *       prefix ({@link RoomRequests#failure}).
 *   <li>{@link #client(String)}: events for one client, docs/protocol.md's server messages, by its
 *       room outside any request of that client.
 *   <li>{@link #NODE_LEFT}: published on each node, to that node's local consumers only, with
 *       the id of a node that left the cluster (it died or was cut off): rooms drop the clients
 *       whose signaling ran there, fronts tell the clients whose room ran there that it moved,
 *       and the room manager forgets the dead node's placements.
 * </ul>
 * Bodies are JSON objects, so they cross cluster nodes as they are.
 */
public final class BusAddresses {
  /** The room manager of the node that hosts (or will host) rooms. */
  public static final String ROOMS = "sfu.rooms";
  /** A node left the cluster: body is its id (a string); local consumers only. */
  public static final String NODE_LEFT = "sfu.node-left";

  private BusAddresses() {}

  /** The room manager of node {@code nodeId}: starts the rooms placed on it. */
  public static String roomsOn(String nodeId) {
    return "sfu.rooms.node." + nodeId;
  }

  /** Requests for the room {@code roomId}: its clients' messages. */
  public static String room(String roomId) {
    return "sfu.room." + roomId;
  }

  /** Events for the client {@code clientId}. */
  public static String client(String clientId) {
    return "sfu.client." + clientId;
  }
}
