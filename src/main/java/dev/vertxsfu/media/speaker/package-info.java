/**
 * Who is speaking in a room: each audio producer's {@link dev.vertxsfu.media.speaker.AudioLevelMeter}
 * turns the RFC 6464 levels its packets carry into a smoothed loudness, and the room's
 * {@link dev.vertxsfu.media.speaker.ActiveSpeakerObserver} ranks the clients by it at a fixed
 * interval and says when the ranking changes.
 *
 * <p>Pure logic over values and injected time, owned by the room's loop: never here parsing
 * bytes (that is {@code wire.rtp.AudioLevel}), sockets, timers, clocks or Vert.x.
 */
package dev.vertxsfu.media.speaker;
