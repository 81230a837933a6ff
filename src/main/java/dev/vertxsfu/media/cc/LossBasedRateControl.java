package dev.vertxsfu.media.cc;

/**
 * The loss-based part of Google Congestion Control (draft-ietf-rmcat-gcc-02 §6, libwebrtc's
 * classic {@code SendSideBandwidthEstimation}): from the fraction of packets lost over at least
 * {@value #MIN_PACKETS} reported packets, increase by {@value #INCREASE_PER_SECOND} per second
 * while loss is at most {@value #LOW_LOSS}, hold below {@value #HIGH_LOSS}, and from it on decrease
 * to {@code rate x (1 - loss / 2)}, at most once per {@value #DECREASE_INTERVAL_MS} ms plus a
 * round trip. The rate never rises above the bound the caller gives (the delay-based estimate
 * and REMB), so it stays the sender's target rather than a figure running away on its own.
 *
 * <p>A decrease stops at {@value #ACKED_FLOOR} of what the path just delivered (the acknowledged
 * bitrate, as the delay-based part decreases to that share of it): after a sender overshot a
 * shaper (a layer switched up on a link that then refused it), loss stays high until the lower
 * layer's key frame lets the forwarder switch back, and cutting by half the loss at every
 * interval until then took the rate far under the link, to a pause of video the link carries.
 * Random loss still lowers the rate, as what arrives follows what is sent.
 *
 * <p>Owned by a {@link SendSideBandwidthEstimator}; time is passed in.
 */
final class LossBasedRateControl {
  static final double LOW_LOSS = 0.02;
  static final double HIGH_LOSS = 0.10;
  static final double INCREASE_PER_SECOND = 1.08;
  static final int MIN_PACKETS = 20;
  static final long DECREASE_INTERVAL_MS = 300;
  static final double ACKED_FLOOR = AimdRateControl.BETA;

  private final long minBps;
  private double rateBps;
  private int lost;
  private int reported;
  private double lastLoss;
  private long lastUpdateMs = Long.MIN_VALUE;
  private long lastDecreaseMs = Long.MIN_VALUE;
  private long rttMs = AimdRateControl.DEFAULT_RTT_MS;

  LossBasedRateControl(long startBps, long minBps) {
    this.minBps = minBps;
    this.rateBps = startBps;
  }

  void setRtt(long rttMs) {
    this.rttMs = Math.max(10, rttMs);
  }

  /**
   * Takes one report's counts and, once enough packets were reported, updates the rate.
   *
   * @param upperBps the bound the rate may not exceed (the delay-based estimate, REMB)
   * @param ackedBps what the path delivered lately, 0 if not known
   * @return the rate
   */
  long onReport(int lostPackets, int reportedPackets, long upperBps, long ackedBps, long nowMs) {
    lost += lostPackets;
    reported += reportedPackets;
    if (reported >= MIN_PACKETS) {
      lastLoss = (double) lost / reported;
      lost = 0;
      reported = 0;
      apply(lastLoss, ackedBps, nowMs);
    }
    rateBps = Math.max(minBps, Math.min(rateBps, upperBps));
    return (long) rateBps;
  }

  /** A loss fraction the receiver computed itself (RFC 3550 RR fraction lost, / 256). */
  long onFractionLost(double loss, long upperBps, long nowMs) {
    lastLoss = loss;
    apply(loss, 0, nowMs);
    rateBps = Math.max(minBps, Math.min(rateBps, upperBps));
    return (long) rateBps;
  }

  private void apply(double loss, long ackedBps, long nowMs) {
    if (lastUpdateMs == Long.MIN_VALUE) {
      lastUpdateMs = nowMs;
    }
    double elapsedS = Math.min(nowMs - lastUpdateMs, 1000) / 1000.0;
    lastUpdateMs = nowMs;
    if (loss <= LOW_LOSS) {
      rateBps = rateBps * Math.pow(INCREASE_PER_SECOND, elapsedS) + 1000 * elapsedS;
    } else if (loss >= HIGH_LOSS) {
      if (lastDecreaseMs == Long.MIN_VALUE || nowMs - lastDecreaseMs >= DECREASE_INTERVAL_MS
          + rttMs) {
        double floor = Math.min(rateBps, ACKED_FLOOR * ackedBps);
        rateBps = Math.max(rateBps * (1 - loss / 2), floor);
        lastDecreaseMs = nowMs;
      }
    }
  }

  /** Raises the rate to {@code bps} when another part (a probe) found the path can carry it. */
  void raiseTo(long bps) {
    rateBps = Math.max(rateBps, bps);
  }

  /** Lowers the rate to {@code bps} when a raise proved wrong. */
  void lowerTo(long bps) {
    rateBps = Math.max(minBps, Math.min(rateBps, bps));
  }

  /** The loss fraction of the last evaluated period. */
  double lastLoss() {
    return lastLoss;
  }

  long rateBps() {
    return (long) rateBps;
  }
}
