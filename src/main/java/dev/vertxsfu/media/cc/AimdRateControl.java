package dev.vertxsfu.media.cc;

/**
 * The rate controller of Google Congestion Control's delay-based part (draft-ietf-rmcat-gcc-02
 * §5.5, libwebrtc's {@code AimdRateControl}): a state machine driven by the detector's signal.
 * Overuse: decrease to {@value #BETA} of the acknowledged bitrate, at most once per round trip.
 * Underuse: hold (the queues drain). Normal after hold: increase, multiplicatively
 * ({@value #MULTIPLICATIVE_PER_SECOND} per second) while far from the link capacity seen at the
 * last decreases, additively (about one packet per response time) when near it. An increase
 * never takes the estimate above {@code 1.5 x acknowledged + 10 kbit/s}, so an idle or
 * application-limited sender does not inflate it.
 *
 * <p>Owned by a {@link SendSideBandwidthEstimator}; time is passed in.
 */
final class AimdRateControl {
  static final double BETA = 0.85;
  static final double MULTIPLICATIVE_PER_SECOND = 1.08;
  static final long MIN_ADDITIVE_BPS_PER_SECOND = 4_000;
  static final long DEFAULT_RTT_MS = 200;

  private enum State { HOLD, INCREASE, DECREASE }

  private final long minBps;
  private final long maxBps;
  private final LinkCapacity linkCapacity = new LinkCapacity();
  private double estimateBps;
  private State state = State.HOLD;
  private long lastChangeMs = Long.MIN_VALUE;
  private long lastDecreaseMs = Long.MIN_VALUE;
  private long rttMs = DEFAULT_RTT_MS;
  private double floorBps;
  private long floorUntilMs = Long.MIN_VALUE;

  AimdRateControl(long startBps, long minBps, long maxBps) {
    this.minBps = minBps;
    this.maxBps = maxBps;
    this.estimateBps = clamp(startBps);
  }

  void setRtt(long rttMs) {
    this.rttMs = Math.max(10, rttMs);
  }

  /**
   * Applies the detector's signal.
   *
   * @param ackedBps the bitrate the receiver acknowledged recently, or 0 if not known yet
   * @return the new estimate
   */
  long update(BandwidthUsage usage, long ackedBps, long nowMs) {
    switch (usage) {
      case OVERUSING -> state = State.DECREASE;
      case UNDERUSING -> state = State.HOLD;
      case NORMAL -> {
        if (state == State.HOLD) {
          state = State.INCREASE;
          lastChangeMs = nowMs;
        }
      }
    }
    switch (state) {
      case HOLD -> { }
      case INCREASE -> increase(ackedBps, nowMs);
      case DECREASE -> decrease(ackedBps, nowMs);
    }
    if (lastChangeMs == Long.MIN_VALUE) {
      lastChangeMs = nowMs;
    }
    return (long) estimateBps;
  }

  private void increase(long ackedBps, long nowMs) {
    if (ackedBps > 0 && linkCapacity.isAbove(ackedBps)) {
      linkCapacity.reset();
    }
    double elapsedS = Math.min(nowMs - lastChangeMs, 1000) / 1000.0;
    double next;
    if (linkCapacity.known()) {
      next = estimateBps + additiveRatePerSecond() * elapsedS;
    } else {
      next = estimateBps * Math.pow(MULTIPLICATIVE_PER_SECOND, elapsedS);
    }
    if (ackedBps > 0) {
      double cap = 1.5 * ackedBps + 10_000;
      next = Math.min(next, Math.max(estimateBps, cap));
    }
    estimateBps = clamp(next);
    lastChangeMs = nowMs;
  }

  /** About one average packet per response time (a round trip and 100 ms), as libwebrtc. */
  private double additiveRatePerSecond() {
    double bitsPerFrame = estimateBps / 30.0;
    double packetsPerFrame = Math.ceil(bitsPerFrame / (1200 * 8));
    double packetBits = bitsPerFrame / packetsPerFrame;
    double responseMs = rttMs + 100;
    return Math.max(MIN_ADDITIVE_BPS_PER_SECOND, packetBits * 1000 / responseMs);
  }

  private void decrease(long ackedBps, long nowMs) {
    if (lastDecreaseMs != Long.MIN_VALUE && nowMs - lastDecreaseMs < rttMs) {
      return;
    }
    double base = ackedBps > 0 ? ackedBps : estimateBps;
    double next = BETA * base;
    if (next > estimateBps) {
      // the acknowledged rate lags; when near the known capacity, decrease from it instead
      next = linkCapacity.known() ? BETA * linkCapacity.meanBps() : estimateBps;
      next = Math.min(next, estimateBps);
    }
    if (nowMs < floorUntilMs) {
      next = Math.max(next, Math.min(floorBps, estimateBps));
    }
    if (ackedBps > 0) {
      if (linkCapacity.known() && linkCapacity.isBelow(ackedBps)) {
        linkCapacity.reset();
      }
      linkCapacity.onOveruse(ackedBps);
    }
    estimateBps = clamp(next);
    lastDecreaseMs = nowMs;
    lastChangeMs = nowMs;
    state = State.HOLD;
  }

  /**
   * Until {@code untilMs}, decreases stop at {@code bps}: a probe measured the path at that, and
   * the queue its own burst built must not cut the estimate below what it measured.
   */
  void floorUntil(long bps, long untilMs) {
    floorBps = bps;
    floorUntilMs = untilMs;
  }

  /** Sets the estimate outright, from a probe's result or a REMB. */
  void setEstimate(long bps, long nowMs) {
    estimateBps = clamp(bps);
    lastChangeMs = nowMs;
  }

  long estimateBps() {
    return (long) estimateBps;
  }

  private double clamp(double bps) {
    return Math.max(minBps, Math.min(maxBps, bps));
  }

  /**
   * Mean and deviation of the acknowledged bitrate at overuse (libwebrtc's
   * {@code LinkCapacityEstimator}): where the path's capacity was last seen.
   */
  static final class LinkCapacity {
    private double mean = -1;
    private double variance = 0.4;

    boolean known() {
      return mean > 0;
    }

    double meanBps() {
      return mean;
    }

    void onOveruse(double bps) {
      double alpha = 0.05;
      mean = mean < 0 ? bps : (1 - alpha) * mean + alpha * bps;
      double norm = Math.max(mean, 1.0);
      double error = mean - bps;
      variance = (1 - alpha) * variance + alpha * error * error / norm;
      variance = Math.max(0.4, Math.min(2.5, variance));
    }

    private double deviation() {
      return Math.sqrt(variance * mean);
    }

    boolean isAbove(double bps) {
      return known() && bps > mean + 3 * deviation();
    }

    boolean isBelow(double bps) {
      return known() && bps < mean - 3 * deviation();
    }

    void reset() {
      mean = -1;
      variance = 0.4;
    }
  }
}
