/**
 * The event-bus contract between the signaling front and the rooms: addresses
 * ({@link dev.vertxsfu.bus.BusAddresses}), the records that travel on them with their codecs
 * ({@link dev.vertxsfu.bus.BusCodecs}), refusals ({@link dev.vertxsfu.bus.Refusal},
 * {@link dev.vertxsfu.bus.ErrorCode}) and the one request helper
 * ({@link dev.vertxsfu.bus.BusRequest}). Small and logic-free; nothing that belongs to a room.
 * Depends on no other package of the SFU (ArchitectureTest).
 */
package dev.vertxsfu.bus;
