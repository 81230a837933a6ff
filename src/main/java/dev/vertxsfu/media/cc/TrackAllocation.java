package dev.vertxsfu.media.cc;

/**
 * What the {@link StreamAllocator} decided for one track.
 *
 * @param trackId the track
 * @param layer the spatial layer to forward, or {@link #NONE}
 * @param bitrate what that layer costs, bits per second (0 when none); the budget to hand the
 *     consumer's layer selection
 * @param state forwarding, paused for bandwidth, or paused by the subscriber
 * @param transition {@link Transition#PAUSED} or {@link Transition#RESUMED} when this decision
 *     starts or ends a pause for bandwidth: the subscriber is told ({@code track_paused} /
 *     {@code track_resumed} with reason {@code bandwidth})
 */
public record TrackAllocation(String trackId, int layer, long bitrate, State state,
    Transition transition) {
  public static final int NONE = -1;

  /** Whether the track is forwarded. */
  public enum State {
    FORWARDING,
    /** Even its lowest layer does not fit the estimate. */
    PAUSED_BANDWIDTH,
    /** The subscriber asked for no video of it. */
    PAUSED_SUBSCRIBER
  }

  /** A change of the bandwidth pause that the subscriber must hear of. */
  public enum Transition {
    NONE,
    PAUSED,
    RESUMED
  }
}
