package dev.vertxsfu.bus;

/**
 * The answer to a {@link RoomStart}: the room runs on {@code node}, which takes its requests at
 * {@link BusAddresses#room(String)}.
 *
 * @param roomId the room
 * @param node the id of the node that runs it
 */
public record RoomStarted(String roomId, String node) {
}
