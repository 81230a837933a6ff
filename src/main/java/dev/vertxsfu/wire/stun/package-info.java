/**
 * STUN messages (RFC 8489, RFC 5389) with the attributes ICE needs (RFC 8445 §16): the codec
 * under the ICE-lite server of {@code media.ice}.
 *
 * <p>Belongs here: {@link dev.vertxsfu.wire.stun.StunMessage}, a reusable view that checks
 * and indexes a received message without copying it; {@link
 * dev.vertxsfu.wire.stun.StunMessageBuilder}, which writes one;
 * {@link dev.vertxsfu.wire.stun.MessageIntegrity}, the HMAC-SHA1 of one key, verified in place;
 * FINGERPRINT; the message type, attribute types and error codes as the RFCs name them; and
 * {@link dev.vertxsfu.wire.stun.StunFormatException}, the only exception a parse throws.
 *
 * <p>Never here: ICE itself (credentials lookup, candidate pairs, nomination, consent timers,
 * role conflicts: that is {@code media.ice}), transactions and retransmission, sockets,
 * clocks, or state shared between threads. Every mutable object here (a message view, a
 * builder, a {@code MessageIntegrity}) belongs to one owner on one thread.
 */
package dev.vertxsfu.wire.stun;
