/**
 * Rooms: {@code RoomVerticle}, the single owner of a room's socket, clients, transports, router
 * and negotiations, with its Java API; and the per-client state it keeps.
 *
 * <p>Never here: locks, blocking calls, objects shared with other verticles.
 */
package dev.vertxsfu.room;
