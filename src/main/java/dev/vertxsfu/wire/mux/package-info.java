/**
 * Demultiplexing of the one UDP port a WebRTC transport shares between STUN, DTLS and
 * SRTP/SRTCP (RFC 7983, RFC 5764 §5.1.2, RFC 5761 §4).
 *
 * <p>Belongs here: deciding, from the first bytes of a datagram alone, which protocol's
 * codec should see it. The socket owner ({@code media.transport}'s {@code WebRtcServer}) asks
 * {@link dev.vertxsfu.wire.mux.DatagramClassifier} once per received datagram and hands the
 * bytes on.
 *
 * <p>Never here: parsing beyond those bytes (each protocol's own package does that, and
 * refuses what this package let through), any state, allocation per datagram, or knowledge of
 * which transport a datagram belongs to.
 */
package dev.vertxsfu.wire.mux;
