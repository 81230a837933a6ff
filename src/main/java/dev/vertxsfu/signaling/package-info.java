/**
 * The node's HTTP and WebSocket front: docs/protocol.md v1 as JSON over WebSocket, its limits
 * (message size, bad-frame rate), admission (allowed origins, join tokens), the static web
 * client and {@code /health}.
 *
 * <p>Syntax ({@link dev.vertxsfu.signaling.ProtocolMessages}), policy (origins, tokens, the
 * bad-frame window) and I/O ({@link dev.vertxsfu.signaling.SignalingVerticle}, one
 * {@code ClientConnection} per socket, {@code RoomLink} for the bus) are kept apart. Each
 * connection lives on the event loop of the verticle instance that accepted it.
 *
 * <p>Never here: media objects, room state or decisions that belong to a room. Rooms are
 * reached over the event bus only ({@link dev.vertxsfu.bus.BusAddresses}).
 */
package dev.vertxsfu.signaling;
