/**
 * DTLS-SRTP (RFC 5764) for WebRTC transports: the node's certificate and its fingerprint, one
 * {@link dev.vertxsfu.media.dtls.DtlsTransport} per client, and the SRTP master keys it
 * exports.
 *
 * <p>Belongs here: everything that touches BouncyCastle (this is its only user), and the
 * bridge from its blocking handshake to an event loop.
 *
 * <p>Never here: sockets, Vert.x, rooms, SRTP packet processing (that is {@code wire.srtp}).
 */
package dev.vertxsfu.media.dtls;
