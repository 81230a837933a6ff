/**
 * RFC 4571 framing of RTP, RTCP, STUN and DTLS over a TCP stream, as ICE-TCP uses it (RFC 6544
 * §3: every packet on an ICE-TCP connection is preceded by its 16-bit length).
 *
 * <p>Belongs here: the framing's header ({@link dev.vertxsfu.wire.tcp.Rfc4571}) and the
 * decoder that cuts a byte stream back into packets ({@link dev.vertxsfu.wire.tcp.Rfc4571Decoder}),
 * which is the one codec of {@code wire} that keeps bytes between calls: the unfinished tail
 * of a packet, in a buffer bounded by the largest frame it accepts.
 *
 * <p>Never here: sockets, timers, which transport a connection belongs to (the first STUN
 * check's USERNAME tells {@code media.transport}), or what the packets mean (RFC 7983's
 * classifier in {@code wire.mux} and each protocol's codec decide that).
 */
package dev.vertxsfu.wire.tcp;
