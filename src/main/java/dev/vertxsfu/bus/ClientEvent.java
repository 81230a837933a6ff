package dev.vertxsfu.bus;

import io.vertx.core.json.JsonObject;

/**
 * An event for one client, to {@link BusAddresses#client(String)}, sent by its room outside any
 * request of that client: a docs/protocol.md server message, written to the client as it is.
 *
 * @param message the server message
 */
public record ClientEvent(JsonObject message) {
}
