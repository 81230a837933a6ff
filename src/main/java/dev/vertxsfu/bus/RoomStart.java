package dev.vertxsfu.bus;

/**
 * "Make sure this room runs": to {@link BusAddresses#ROOMS} from a front, which places the room,
 * and to {@link BusAddresses#roomsOn} from the placing node's manager to the node chosen, which
 * starts it. Answered with {@link RoomStarted}, or refused ({@code not_allowed} past a creation
 * limit, {@code unavailable} when it cannot start).
 *
 * @param roomId the room
 * @param clientId the client that asks, for the per-client creation limit; null for a start
 *     one node asks of another
 * @param address the client's IP address, for the per-address limit; null when unknown
 */
public record RoomStart(String roomId, String clientId, String address) {

  /** A start asked by no client (one manager of another, or a test). */
  public static RoomStart of(String roomId) {
    return new RoomStart(roomId, null, null);
  }
}
