/**
 * A client's media path and the room socket's demultiplexer: {@code WebRtcTransport} (ICE-lite,
 * DTLS-SRTP, SRTP contexts per SSRC) and {@code WebRtcServer} (ICE username, then tuple).
 *
 * <p>Never here: the socket itself, timers, clocks or Vert.x (the room verticle owns those and
 * passes datagrams and the time in), routing between clients (that is {@code media.router}).
 */
package dev.vertxsfu.media.transport;
