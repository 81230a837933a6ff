/**
 * ICE-lite (RFC 8445 §2.5) for WebRTC transports: local credentials, the
 * {@link dev.vertxsfu.media.ice.IceServer} that answers the peer's checks and keeps consent
 * (RFC 7675), and its states.
 *
 * <p>Belongs here: the decisions of a lite, controlled agent over parsed STUN messages.
 * Never here: parsing bytes (that is {@code wire.stun}), sockets, timers, clocks, Vert.x.
 */
package dev.vertxsfu.media.ice;
