package dev.vertxsfu.bus;

/**
 * Every event-bus address of the SFU, in one place (STYLE.md, habit 8).
 *
 * <p>The contract between the signaling front and the rooms, whichever node each is on; every
 * body is a record of this package, sent with its codec ({@link BusCodecs}), and every refusal a
 * {@link Refusal}:
 * <ul>
 *   <li>{@link #ROOMS}: a {@link RoomStart} to the local room manager, which places the room in
 *       the cluster (or finds where it runs), has that node's manager ({@link #roomsOn(String)},
 *       the same {@link RoomStart}) start it, and answers {@link RoomStarted} (or refuses with
 *       {@code not_allowed} or {@code unavailable}).
 *   <li>{@link #room(String)}: a {@link ClientRequest}, one client's docs/protocol.md message
 *       (already checked for shape). Answered with a {@link RoomReply}: the response frame
 *       (without {@code id}) and the events that must reach the client after it, in order; or a
 *       {@link Refusal} with docs/protocol.md's error code.
 *   <li>{@link #client(String)}: {@link ClientEvent}s for one client, docs/protocol.md's server
 *       messages, from its room outside any request of that client.
 *   <li>{@link #roomStats(String)}: a {@link StatsRequest} for the stats API of any node,
 *       answered by the room with {@link RoomStats}, or refused with {@code not_found} for a
 *       client it does not have.
 *   <li>{@link #NODE_LEFT}: published on each node, to that node's local consumers only, with
 *       the id of a node that left the cluster (it died or was cut off): rooms drop the clients
 *       whose signaling ran there, fronts tell the clients whose room ran there that it moved,
 *       and the room manager forgets the dead node's placements.
 * </ul>
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

  /** Statistics requests for the room {@code roomId} ({@link StatsRequest}). */
  public static String roomStats(String roomId) {
    return "sfu.room-stats." + roomId;
  }

  /** Events for the client {@code clientId}. */
  public static String client(String clientId) {
    return "sfu.client." + clientId;
  }
}
