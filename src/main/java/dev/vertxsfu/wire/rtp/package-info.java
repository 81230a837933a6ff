/**
 * RTP on the wire: the packet header of RFC 3550 §5.1 as a re-pointable view
 * ({@link dev.vertxsfu.wire.rtp.RtpPacket}), RFC 8285 header extensions read and rewritten in place
 * or into a copy ({@link dev.vertxsfu.wire.rtp.HeaderExtensionRewriter},
 * {@link dev.vertxsfu.wire.rtp.HeaderExtensionIdMap}), RFC 4588 retransmission packets
 * ({@link dev.vertxsfu.wire.rtp.RtxPacket}), and the wrap-around arithmetic of sequence numbers and
 * timestamps ({@link dev.vertxsfu.wire.rtp.SerialNumbers},
 * {@link dev.vertxsfu.wire.rtp.SeqUnwrapper}).
 *
 * <p>This is the forwarding hot path: every packet a producer receives is parsed here, and
 * rewritten here once per consumer. Nothing in it allocates per packet; views and rewriters are
 * made once per stream or consumer and re-used. Malformed bytes raise
 * {@link dev.vertxsfu.wire.rtp.RtpFormatException} and nothing else.
 *
 * <p>Belongs here: byte layouts and the RFC rules about them. Never here: RTCP (that is
 * {@code wire.rtcp}), SRTP ({@code wire.srtp}), which extension URI an ID stands for (negotiation,
 * in {@code media.negotiation}), when to resend or which layer to forward ({@code media}), state
 * beyond the single-owner {@code SeqUnwrapper}, clocks, threads, I/O.
 */
package dev.vertxsfu.wire.rtp;
