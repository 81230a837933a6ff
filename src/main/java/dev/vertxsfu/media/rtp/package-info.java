/**
 * Per-stream RTP logic of the forwarding path, over parsed packets and injected time:
 * reception statistics, loss detection and NACK timing, the retransmission buffer, consumer
 * sequence numbering and keyframe-request throttling.
 *
 * <p>Never here: parsing bytes (that is {@code wire.rtp}), sockets, timers, clocks, Vert.x.
 */
package dev.vertxsfu.media.rtp;
