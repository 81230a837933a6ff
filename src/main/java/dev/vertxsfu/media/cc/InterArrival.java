package dev.vertxsfu.media.cc;

/**
 * Groups packets into send bursts and gives the delay variation between consecutive groups
 * (draft-ietf-rmcat-gcc-02 §5.2, libwebrtc's {@code InterArrival}): packets sent within
 * {@value #GROUP_LENGTH_US} µs of a group's first packet belong to it, and so do packets that
 * arrive within {@value #BURST_DELTA_US} µs of the previous one and later than their send spacing
 * says (a burst the network delivered together). When a group is complete, the differences
 * between it and the previous complete group (of their last packets' send and arrival times)
 * go to the {@link Listener}.
 *
 * <p>Owned by a {@link SendSideBandwidthEstimator}; no allocation per packet. Packets must come
 * in send order; one sent before the current group started (reordered) is skipped.
 */
final class InterArrival {
  static final long GROUP_LENGTH_US = 5_000;
  static final long BURST_DELTA_US = 5_000;
  /** A group spanning more than this in arrival is never a burst. */
  static final long MAX_BURST_DURATION_US = 100_000;
  /** An arrival gap this long restarts grouping (the stream paused, or the clock jumped). */
  static final long RESET_GAP_US = 3_000_000;

  /** Receives one inter-group delta. */
  interface Listener {
    /**
     * @param sendDeltaMs time between the two groups' last packets at the sender
     * @param arrivalDeltaMs the same at the receiver
     * @param arrivalTimeMs arrival of the completed group's last packet (receiver's clock)
     * @param nowMs the sender's time
     */
    void onGroupDelta(double sendDeltaMs, double arrivalDeltaMs, double arrivalTimeMs, long nowMs);
  }

  private final Listener listener;
  private boolean hasCurrent;
  private long currentFirstSendUs;
  private long currentFirstArrivalUs;
  private long currentLastSendUs;
  private long currentLastArrivalUs;
  private boolean hasPrevious;
  private long previousLastSendUs;
  private long previousLastArrivalUs;

  InterArrival(Listener listener) {
    this.listener = listener;
  }

  void onPacket(long sendUs, long arrivalUs, long nowMs) {
    if (hasCurrent && arrivalUs - currentLastArrivalUs > RESET_GAP_US) {
      reset();
    }
    if (!hasCurrent) {
      start(sendUs, arrivalUs);
      return;
    }
    if (sendUs < currentFirstSendUs) {
      return;
    }
    if (belongsToCurrent(sendUs, arrivalUs)) {
      currentLastSendUs = Math.max(currentLastSendUs, sendUs);
      currentLastArrivalUs = Math.max(currentLastArrivalUs, arrivalUs);
      return;
    }
    if (hasPrevious) {
      double sendDelta = (currentLastSendUs - previousLastSendUs) / 1000.0;
      double arrivalDelta = (currentLastArrivalUs - previousLastArrivalUs) / 1000.0;
      listener.onGroupDelta(sendDelta, arrivalDelta, currentLastArrivalUs / 1000.0, nowMs);
    }
    hasPrevious = true;
    previousLastSendUs = currentLastSendUs;
    previousLastArrivalUs = currentLastArrivalUs;
    start(sendUs, arrivalUs);
  }

  private boolean belongsToCurrent(long sendUs, long arrivalUs) {
    if (sendUs - currentFirstSendUs <= GROUP_LENGTH_US) {
      return true;
    }
    long arrivalDelta = arrivalUs - currentLastArrivalUs;
    long propagationDelta = arrivalDelta - (sendUs - currentLastSendUs);
    return propagationDelta < 0 && arrivalDelta <= BURST_DELTA_US
        && arrivalUs - currentFirstArrivalUs < MAX_BURST_DURATION_US;
  }

  private void start(long sendUs, long arrivalUs) {
    hasCurrent = true;
    currentFirstSendUs = sendUs;
    currentFirstArrivalUs = arrivalUs;
    currentLastSendUs = sendUs;
    currentLastArrivalUs = arrivalUs;
  }

  void reset() {
    hasCurrent = false;
    hasPrevious = false;
  }
}
