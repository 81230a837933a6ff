package dev.vertxsfu.media.cc;

import java.util.List;

/**
 * The {@link StreamAllocator}'s result for one subscriber.
 *
 * @param estimateBps the estimate it spread
 * @param tracks one decision per track, in the order of the input
 * @param allocatedBps what the decisions add up to
 * @param desiredBps what every track at the highest layer the subscriber asked for adds up to:
 *     what the subscriber could use, the ceiling of any probe
 * @param nextStepBps the estimate the next upgrade the bandwidth held back would need (with its
 *     margin), or 0 when nothing is held back: where a probe should aim
 */
public record StreamAllocation(long estimateBps, List<TrackAllocation> tracks, long allocatedBps,
    long desiredBps, long nextStepBps) {
  public StreamAllocation {
    tracks = List.copyOf(tracks);
  }

  /** The decision for {@code trackId}, or null. */
  public TrackAllocation track(String trackId) {
    for (TrackAllocation track : tracks) {
      if (track.trackId().equals(trackId)) {
        return track;
      }
    }
    return null;
  }
}
