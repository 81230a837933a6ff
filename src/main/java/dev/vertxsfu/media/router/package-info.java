/**
 * The room's media graph: {@code Router}, {@code Producer} (a received track) and
 * {@code Consumer} (a track as one subscriber receives it), with the RTCP each of them makes
 * or answers.
 *
 * <p>Never here: parsing bytes ad hoc (that is {@code wire}), sockets, timers, clocks, Vert.x,
 * SDP (the room turns negotiation results into producer and consumer parameters).
 */
package dev.vertxsfu.media.router;
