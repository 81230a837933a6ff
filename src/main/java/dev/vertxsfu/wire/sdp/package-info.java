/**
 * SDP (RFC 8866): the session description model, its parser and writer, and typed readings of
 * the attributes WebRTC negotiation needs (mid, msid, rtpmap, fmtp, rtcp-fb, extmap, ssrc,
 * ssrc-group, rid, simulcast, group/BUNDLE, ICE, fingerprint, setup, candidate, direction,
 * rtcp-mux, rtcp-rsize, sctp-port, max-message-size).
 *
 * <p>Entry points: {@link dev.vertxsfu.wire.sdp.SessionDescription#parse(String)} and
 * {@link dev.vertxsfu.wire.sdp.SessionDescription#format()} (a parsed description writes back
 * byte for byte); {@link dev.vertxsfu.wire.sdp.Candidate#parse(String)} for trickled
 * candidates. Every parser throws only {@link dev.vertxsfu.wire.sdp.SdpFormatException}.
 *
 * <p>Belongs here: syntax. One class per line or attribute, named as its RFC names it; the
 * generic model keeps unknown lines' content and order so nothing is lost.
 *
 * <p>Never here: offer/answer policy (what to accept, which codecs, which direction to answer,
 * mid and BUNDLE rules): that is {@code media.negotiation}, which builds and reads these
 * classes. No state beyond the objects themselves, no I/O (addresses are checked as text, never
 * resolved), no clocks, no threads.
 */
package dev.vertxsfu.wire.sdp;
