package dev.vertxsfu.bench.janus;

import java.util.List;

/**
 * A subscriber handle in a Janus VideoRoom, as {@link JanusVideoRoom#subscribe} left it: the
 * feeds it receives and Janus's SDP offer carrying them, with Janus's host candidates and
 * {@code a=end-of-candidates} in it (half-trickle). The client answers with
 * {@link JanusVideoRoom#start}. Immutable; any thread.
 */
public record JanusSubscription(JanusHandle handle, long room, List<Long> feedIds,
    String offerSdp) {

  public JanusSubscription {
    feedIds = List.copyOf(feedIds);
  }
}
