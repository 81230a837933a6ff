/**
 * RTCP codecs (RFC 3550 §6, RFC 4585, RFC 5104, RFC 5506, draft-alvestrand-rmcat-remb-03,
 * draft-holmer-rmcat-transport-wide-cc-extensions-01): one class per packet type, named as its
 * RFC names it.
 *
 * <p>Belongs here: walking compound packets without allocating ({@link
 * dev.vertxsfu.wire.rtcp.CompoundPacketReader}); parsing each packet type into an immutable value
 * and writing it back ({@link dev.vertxsfu.wire.rtcp.RtcpPacket} and its implementations:
 * SR, RR, SDES, BYE, APP, Generic NACK, transport-wide feedback, PLI, FIR, REMB, and {@link
 * dev.vertxsfu.wire.rtcp.RawPacket} for everything else); in-place setters for the SSRC fields
 * the SFU rewrites per subscriber; building NACK pairs from lost sequence numbers and
 * transport-wide feedback from arrival times; {@link dev.vertxsfu.wire.rtcp.RtcpFormatException},
 * the only exception any parser here throws for bad input.
 *
 * <p>Never here: deciding what to report, NACK, request or forward (that is {@code media.rtcp}),
 * clocks (times arrive as arguments), SRTCP (that is {@code wire.srtp}), sockets, threads, Vert.x.
 * Values are immutable; the reader and the feedback builder are single-owner flyweights.
 */
package dev.vertxsfu.wire.rtcp;
