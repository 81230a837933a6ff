/**
 * Offer/answer for an SFU with one RTCPeerConnection per client (unified plan, BUNDLE,
 * rtcp-mux), the rules of JSEP (RFC 8829) as an ICE-lite, DTLS-server endpoint applies them:
 * {@link dev.vertxsfu.media.negotiation.SessionNegotiator} answers a client's offers, makes the
 * SFU's own offers (adding, keeping, recycling and removing {@code sendonly} m-lines that carry
 * other clients' tracks), applies the client's answers and rolls back on glare.
 *
 * <p>Belongs here: policy over the {@code wire.sdp} model. Which codecs are accepted (with the
 * H.264, VP9 and AV1 matching rules), which header extensions, which direction is answered, the
 * payload types and extension ids of the session, mid, msid and rid bookkeeping, what the
 * room learns about every received and sent track.
 *
 * <p>Never here: SDP text parsing or writing (that is {@code wire.sdp}), sockets, timers,
 * clocks, threads, Vert.x. Everything is owned by one room event loop and takes no locks.
 */
package dev.vertxsfu.media.negotiation;
