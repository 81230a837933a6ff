package dev.vertxsfu.bench.janus;

/**
 * A publisher in a Janus VideoRoom, as {@link JanusVideoRoom#publish} left it: its handle (one
 * PeerConnection on Janus's side), its room, the feed id subscribers ask for, and Janus's SDP
 * answer to the client's offer. Janus works half-trickle: the answer carries Janus's host
 * candidates and {@code a=end-of-candidates}, so nothing about ICE comes later as an event.
 * Immutable; any thread.
 */
public record JanusPublisher(JanusHandle handle, long room, long feedId, String answerSdp) {}
