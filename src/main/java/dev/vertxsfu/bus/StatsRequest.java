package dev.vertxsfu.bus;

/**
 * "Tell me how you are": to {@link BusAddresses#roomStats(String)} from any node's stats API
 * (README, "Stats API"), answered by the room, wherever it runs, with {@link RoomStats}; or
 * refused with {@code not_found} when {@code clientId} names no client of the room.
 *
 * @param roomId the room asked
 * @param clientId the client whose transport, producers and consumers are wanted; null for the
 *     room's summary (its clients and their tracks, counted)
 */
public record StatsRequest(String roomId, String clientId) {

  /** The room's summary. */
  public static StatsRequest ofRoom(String roomId) {
    return new StatsRequest(roomId, null);
  }
}
