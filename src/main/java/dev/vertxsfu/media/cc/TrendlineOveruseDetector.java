package dev.vertxsfu.media.cc;

/**
 * The delay-based detector of Google Congestion Control as libwebrtc runs it (its
 * {@code TrendlineEstimator}; draft-ietf-rmcat-gcc-02 §5.3-5.4 with the trendline filter in
 * place of the Kalman filter): accumulates the inter-group delay variation, smooths it, fits a
 * least-squares line through the last {@value #WINDOW} smoothed points against arrival time, and
 * compares the slope (scaled by the number of deltas and a gain) with an adaptive threshold.
 * Above it for long enough: {@link BandwidthUsage#OVERUSING}; below its negative:
 * {@link BandwidthUsage#UNDERUSING}; else {@link BandwidthUsage#NORMAL}.
 *
 * <p>The threshold follows the scaled slope, faster down than up (so it rises against
 * competing TCP flows and self-inflicted jitter, §5.4), and stays within 6-600.
 *
 * <p>Owned by a {@link SendSideBandwidthEstimator}; a fixed ring of points, no allocation.
 */
final class TrendlineOveruseDetector implements InterArrival.Listener {
  static final int WINDOW = 20;
  static final double SMOOTHING = 0.9;
  static final double THRESHOLD_GAIN = 4.0;
  static final int MAX_DELTAS = 60;
  static final double INITIAL_THRESHOLD = 12.5;
  static final double K_UP = 0.0087;
  static final double K_DOWN = 0.039;
  static final double MIN_THRESHOLD = 6;
  static final double MAX_THRESHOLD = 600;
  /** A slope this far above the threshold is an outlier the threshold does not follow. */
  static final double MAX_ADAPT_OFFSET = 15;
  static final double OVERUSE_TIME_MS = 10;

  private final double[] xs = new double[WINDOW];
  private final double[] ys = new double[WINDOW];
  private int points;
  private int head;
  private int deltas;
  private double firstArrivalMs = Double.NaN;
  private double accumulatedDelay;
  private double smoothedDelay;
  private double threshold = INITIAL_THRESHOLD;
  private long lastThresholdUpdateMs = Long.MIN_VALUE;
  private double previousTrend;
  private double previousModifiedTrend;
  private double timeOverUsingMs = -1;
  private int overuseCount;
  private BandwidthUsage state = BandwidthUsage.NORMAL;

  @Override
  public void onGroupDelta(double sendDeltaMs, double arrivalDeltaMs, double arrivalTimeMs,
      long nowMs) {
    double delta = arrivalDeltaMs - sendDeltaMs;
    deltas = Math.min(deltas + 1, MAX_DELTAS);
    if (Double.isNaN(firstArrivalMs)) {
      firstArrivalMs = arrivalTimeMs;
    }
    accumulatedDelay += delta;
    smoothedDelay = SMOOTHING * smoothedDelay + (1 - SMOOTHING) * accumulatedDelay;
    xs[head] = arrivalTimeMs - firstArrivalMs;
    ys[head] = smoothedDelay;
    head = (head + 1) % WINDOW;
    points = Math.min(points + 1, WINDOW);
    double trend = previousTrend;
    if (points == WINDOW) {
      trend = slope();
    }
    detect(trend, sendDeltaMs, nowMs);
  }

  /** Least-squares slope of the smoothed delay against arrival time; the previous on a tie. */
  private double slope() {
    double sumX = 0;
    double sumY = 0;
    for (int i = 0; i < points; i++) {
      sumX += xs[i];
      sumY += ys[i];
    }
    double meanX = sumX / points;
    double meanY = sumY / points;
    double numerator = 0;
    double denominator = 0;
    for (int i = 0; i < points; i++) {
      numerator += (xs[i] - meanX) * (ys[i] - meanY);
      denominator += (xs[i] - meanX) * (xs[i] - meanX);
    }
    return denominator == 0 ? previousTrend : numerator / denominator;
  }

  private void detect(double trend, double sendDeltaMs, long nowMs) {
    if (deltas < 2) {
      state = BandwidthUsage.NORMAL;
      previousTrend = trend;
      return;
    }
    double modified = Math.min(deltas, MAX_DELTAS) * trend * THRESHOLD_GAIN;
    previousModifiedTrend = modified;
    if (modified > threshold) {
      timeOverUsingMs = timeOverUsingMs < 0 ? sendDeltaMs / 2 : timeOverUsingMs + sendDeltaMs;
      overuseCount++;
      if (timeOverUsingMs > OVERUSE_TIME_MS && overuseCount > 1 && trend >= previousTrend) {
        timeOverUsingMs = 0;
        overuseCount = 0;
        state = BandwidthUsage.OVERUSING;
      }
    } else if (modified < -threshold) {
      timeOverUsingMs = -1;
      overuseCount = 0;
      state = BandwidthUsage.UNDERUSING;
    } else {
      timeOverUsingMs = -1;
      overuseCount = 0;
      state = BandwidthUsage.NORMAL;
    }
    previousTrend = trend;
    adaptThreshold(modified, nowMs);
  }

  private void adaptThreshold(double modified, long nowMs) {
    if (lastThresholdUpdateMs == Long.MIN_VALUE) {
      lastThresholdUpdateMs = nowMs;
    }
    if (Math.abs(modified) > threshold + MAX_ADAPT_OFFSET) {
      lastThresholdUpdateMs = nowMs;
      return;
    }
    double k = Math.abs(modified) < threshold ? K_DOWN : K_UP;
    long elapsed = Math.min(nowMs - lastThresholdUpdateMs, 100);
    threshold += k * (Math.abs(modified) - threshold) * elapsed;
    threshold = Math.max(MIN_THRESHOLD, Math.min(MAX_THRESHOLD, threshold));
    lastThresholdUpdateMs = nowMs;
  }

  BandwidthUsage state() {
    return state;
  }

  double threshold() {
    return threshold;
  }

  /** The last scaled slope compared with the threshold. */
  double modifiedTrend() {
    return previousModifiedTrend;
  }

  void reset() {
    points = 0;
    head = 0;
    deltas = 0;
    firstArrivalMs = Double.NaN;
    accumulatedDelay = 0;
    smoothedDelay = 0;
    previousTrend = 0;
    timeOverUsingMs = -1;
    overuseCount = 0;
    state = BandwidthUsage.NORMAL;
  }
}
