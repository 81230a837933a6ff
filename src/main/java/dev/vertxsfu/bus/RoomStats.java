package dev.vertxsfu.bus;

import io.vertx.core.json.JsonObject;

/**
 * The answer to a {@link StatsRequest}: the room's summary or one client's statistics, as the
 * JSON the stats API serves (README, "Stats API"). The room builds it on its loop from what it
 * owns; the record carries it across the bus as it is.
 *
 * @param stats the JSON document
 */
public record RoomStats(JsonObject stats) {
}
