/**
 * Congestion control toward subscribers: send-side bandwidth estimation from transport-wide
 * feedback (the delay-based and loss-based parts of Google Congestion Control,
 * draft-ietf-rmcat-gcc-02, as libwebrtc runs it), REMB as the fallback, probing decisions, and
 * the allocation of a subscriber's estimate over its tracks.
 *
 * <p>Every class here is pure: fed by the subscriber's transport on the room's event loop with
 * the time as an argument (µs for packet times, ms for decisions), never reading a clock,
 * scheduling, or touching sockets. Feedback is read from the wire bytes with the allocation-free
 * visitor of {@code wire.rtcp}; each collection a client can grow is bounded.
 *
 * <p>Never here: parsing bytes ad hoc (that is {@code wire}), which packet goes where (that is
 * {@code media.router}), Vert.x.
 */
package dev.vertxsfu.media.cc;
