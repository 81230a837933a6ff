package dev.vertxsfu.media.cc;

/**
 * Decides when to probe a subscriber's path and how high (libwebrtc's {@code ProbeController},
 * mediasoup's and LiveKit's probers): a sender that forwards only what the estimate allows
 * never learns that the path carries more, since GCC never raises its estimate much above
 * what was acknowledged. So, in clusters long enough to empty a token-bucket shaper's burst
 * ({@value #MIN_EXCESS_BYTES} bytes above the estimate):
 *
 * <ul>
 *   <li>at the start, at three times the first estimate;
 *   <li>after a large drop ({@value #DROP_FRACTION} of the peak or below), once,
 *       {@value #RECOVERY_DELAY_MS} ms later, at the peak but at most {@value #MAX_STEP_FACTOR}
 *       times the estimate (a passing dip is found out quickly; the steps below climb the rest);
 *   <li>while the allocator holds an upgrade back, at what that upgrade needs (at least
 *       {@value #STEP_FACTOR} and at most {@value #MAX_STEP_FACTOR} times the estimate, so a
 *       high need is reached in steps), backing off from {@value #INITIAL_BACKOFF_MS} ms
 *       doubling up to {@value #MAX_BACKOFF_MS} ms while probes fail (a result short of its aim
 *       but {@value #STEP_FACTOR} times the estimate or more is progress, not a failure, and
 *       the next step follows {@value #AFTER_SUCCESS_MS} ms later): a path that rises is
 *       found within that, and the estimator keeps a failed probe's own queue from cutting the
 *       estimate below what the probe measured.
 * </ul>
 *
 * <p>Never for more than the subscriber could use (the allocator's desired bitrate, or the next
 * upgrade's need when the allocator's upgrade margin puts that higher), plus
 * {@value #HEADROOM} for the measurement: a probe for bandwidth nobody would use only costs the
 * subscriber's link. One cluster at a time; one with no result {@value #PROBE_TIMEOUT_MS} ms
 * after its nominal end counts as failed, and so does a raise the estimator took back
 * ({@link #onProbeRevoked}): a cluster a shaper's burst let through.
 *
 * <p>Pure: owned by the subscriber's transport on the room's loop, fed the estimate, the
 * allocation and probe results, asked by {@link #process} at each estimate or allocation change
 * (or on a timer) whether to send a cluster.
 */
public final class ProbeController {
  static final long CLUSTER_DURATION_MS = 50;
  /**
   * A cluster sends at least this many bytes above the estimate, lengthened up to
   * {@value #MAX_CLUSTER_DURATION_MS} ms for it: a token-bucket shaper (tbf's usual burst is
   * 16 KB) passes a smaller excess at line rate from its bucket, and only once the bucket is empty
   * do the cluster's later packets, which the {@link ProbeBitrateEstimator} measures, arrive at
   * the shaper's rate. A step just above the estimate is thus a sustained probe at the rate the
   * upgrade needs (LiveKit's way of probing before an upgrade); the longest cluster leaves a step
   * of less than {@code MIN_EXCESS_BYTES / MAX_CLUSTER_DURATION_MS} (128 kbit/s) partly tested, and
   * the estimator's trial of each raise covers the rest.
   */
  static final int MIN_EXCESS_BYTES = 24_000;
  /**
   * ... but at most this many ms of the estimate: on a slow path the excess queues (a path at its
   * capacity has no burst left to absorb it), and a long queue loses the media behind it.
   */
  static final long MAX_EXCESS_MS = 350;
  static final long MAX_CLUSTER_DURATION_MS = 1_500;
  static final int MIN_PACKETS = 5;
  static final int PACKET_BYTES = 1200;
  static final double INITIAL_FACTOR = 3.0;
  static final double STEP_FACTOR = 1.2;
  /**
   * An upgrade probe aims at most this far above the estimate: a cluster far above a path at
   * capacity builds a queue the delay-based part answers with decreases, and a higher need is
   * reached in steps, each success allowing the next {@value #AFTER_SUCCESS_MS} ms later.
   */
  static final double MAX_STEP_FACTOR = 2.0;
  /**
   * Probes aim this much above what they are for: a result is never above the rate the cluster
   * was sent at, so one aimed exactly at a need could only ever just miss it.
   */
  static final double HEADROOM = 1.1;
  static final double DROP_FRACTION = 0.66;
  static final long RECOVERY_DELAY_MS = 3_000;
  static final long RECOVERY_WINDOW_MS = 10_000;
  static final long INITIAL_BACKOFF_MS = 2_000;
  static final long MAX_BACKOFF_MS = 4_000;
  static final long PROBE_TIMEOUT_MS = 1_000;
  /** A result at this fraction of the target or more is a success. */
  static final double SUCCESS_FRACTION = 0.9;
  /** A result under this share of the estimate the cluster started from says nothing. */
  static final double INCONCLUSIVE_FRACTION = 0.5;
  /** After a success, the next step may be probed this soon. */
  static final long AFTER_SUCCESS_MS = 500;
  /** The acknowledged rate counts toward the peak only this long after a cluster's end. */
  static final long ACKNOWLEDGED_AFTER_PROBE_MS = 1_000;

  private int nextId;
  private boolean probedOnce;
  private int inFlightId = -1;
  private long inFlightSinceMs;
  private long inFlightTargetBps;
  private long inFlightDurationMs;
  /** The estimate when the cluster in flight started. */
  private long inFlightEstimateBps;
  private long backoffMs = INITIAL_BACKOFF_MS;
  /** The target of the last failed probe; 0 after a success at or above it. */
  private long failedTargetBps;
  private long nextAllowedMs = Long.MIN_VALUE;
  private long peakBps;
  private long preDropBps;
  private long dropAtMs = Long.MIN_VALUE;
  /** The highest rate a probe proved (a success, or progress well above its start estimate). */
  private long provenBps;
  /** When the last cluster's result, failure or revocation came. */
  private long clusterEndMs = Long.MIN_VALUE / 2;

  /**
   * The estimate moved (or was confirmed); notes large drops. Only what the path was shown to
   * carry counts toward the peak a drop is measured from, and recovered to:
   * {@code acknowledgedBps} (what the subscriber acknowledged receiving) or a probe's success. An
   * estimate nothing tested, such as the start value on a sender that forwarded half of it, is
   * no level to fall from: a subscriber behind 600 kbit/s whose start value of 1 Mbit/s met its
   * first feedback was probed back to 1 Mbit/s three seconds later, and the probe's queue cut
   * the estimate under the layer it had just taken.
   */
  public void onEstimate(long estimateBps, long acknowledgedBps, long nowMs) {
    // while a cluster is out and for a while after, the acknowledged rate holds the cluster's
    // first packets, which a token bucket's burst let through at line rate (814 kbit/s
    // acknowledged behind a 600 kbit/s shaper): no level the path holds
    boolean probeInWindow = inFlightId >= 0 || nowMs - clusterEndMs < ACKNOWLEDGED_AFTER_PROBE_MS;
    long acknowledged = probeInWindow ? 0 : acknowledgedBps;
    long shown = Math.min(estimateBps, Math.max(acknowledged, provenBps));
    if (shown > peakBps) {
      peakBps = shown;
    } else if (estimateBps < DROP_FRACTION * peakBps) {
      // a fall in several steps (loss cuts every few hundred ms) is one drop: the recovery aims
      // at the level before its first step, 3 s after its last
      boolean falling = dropAtMs != Long.MIN_VALUE && nowMs - dropAtMs <= RECOVERY_WINDOW_MS;
      preDropBps = falling ? Math.max(preDropBps, peakBps) : peakBps;
      dropAtMs = nowMs;
      peakBps = estimateBps;
    }
  }

  /**
   * Whether to probe now, and how.
   *
   * @param estimateBps the estimator's target
   * @param allocation the allocator's last result: its desired bitrate caps every probe, its next
   *     step is what an upgrade needs
   * @return the cluster to send, or null
   */
  public ProbeCluster process(long estimateBps, StreamAllocation allocation, long nowMs) {
    return process(estimateBps, allocation.desiredBps(), allocation.nextStepBps(), nowMs);
  }

  /** As {@link #process(long, StreamAllocation, long)} with the two figures given alone. */
  public ProbeCluster process(long estimateBps, long desiredBps, long nextStepBps, long nowMs) {
    if (inFlightId >= 0) {
      if (nowMs - inFlightSinceMs < inFlightDurationMs + PROBE_TIMEOUT_MS) {
        return null;
      }
      fail(nowMs);
    }
    long need = Math.max(desiredBps, nextStepBps);
    if (need <= estimateBps) {
      return null;
    }
    long ceiling = (long) (need * HEADROOM);
    if (!probedOnce) {
      probedOnce = true;
      return start(Math.min(ceiling, (long) (estimateBps * INITIAL_FACTOR)), estimateBps,
          nowMs);
    }
    if (dropAtMs != Long.MIN_VALUE && nowMs - dropAtMs >= RECOVERY_DELAY_MS) {
      boolean inWindow = nowMs - dropAtMs <= RECOVERY_WINDOW_MS;
      dropAtMs = Long.MIN_VALUE;
      if (inWindow) {
        // at most a step above the estimate: on the slow path a drop leaves, a cluster aimed at
        // the old peak is short (its excess capped at MAX_EXCESS_MS of the estimate) and passes
        // whole in a token bucket's burst; Chromium behind 300 kbit/s "proved" 1.14 Mbit/s with
        // 11.9 KB, resumed a paused video on the middle layer, and lost it to the overuse
        long aim = Math.min(preDropBps, (long) (estimateBps * MAX_STEP_FACTOR));
        ProbeCluster cluster = start(Math.min(ceiling, aim), estimateBps, nowMs);
        if (cluster != null) {
          return cluster;
        }
      }
    }
    if (nextStepBps > estimateBps && nowMs >= nextAllowedMs) {
      long target = Math.max((long) (nextStepBps * HEADROOM), (long) (estimateBps * STEP_FACTOR));
      target = Math.min(target, (long) (estimateBps * MAX_STEP_FACTOR));
      return start(Math.min(ceiling, target), estimateBps, nowMs);
    }
    return null;
  }

  private ProbeCluster start(long targetBps, long estimateBps, long nowMs) {
    if (targetBps <= estimateBps) {
      return null;
    }
    long excessBytes = Math.min(MIN_EXCESS_BYTES, estimateBps * MAX_EXCESS_MS / 8_000);
    long durationMs = Math.max(CLUSTER_DURATION_MS,
        excessBytes * 8_000 / (targetBps - estimateBps));
    durationMs = Math.min(MAX_CLUSTER_DURATION_MS, durationMs);
    int bytes = (int) Math.max((long) MIN_PACKETS * PACKET_BYTES,
        targetBps * durationMs / 8_000);
    int packets = Math.max(MIN_PACKETS, (bytes + PACKET_BYTES - 1) / PACKET_BYTES);
    inFlightId = nextId;
    nextId = (nextId + 1) & 0x7FFF_FFFF;
    inFlightSinceMs = nowMs;
    inFlightTargetBps = targetBps;
    inFlightDurationMs = durationMs;
    inFlightEstimateBps = estimateBps;
    return new ProbeCluster(inFlightId, targetBps, bytes, packets);
  }


  /**
   * The estimator measured cluster {@code id} at {@code resultBps}
   * ({@link SendSideBandwidthEstimator#lastProbeResultBps}); returns whether the path proved to
   * carry it: a success, or a result short of its aim but {@value #STEP_FACTOR} times the
   * estimate the cluster started from or more.
   */
  public boolean onProbeResult(int id, long resultBps, long nowMs) {
    if (id != inFlightId) {
      return false;
    }
    clusterEndMs = nowMs;
    if (resultBps >= SUCCESS_FRACTION * inFlightTargetBps) {
      inFlightId = -1;
      provenBps = Math.max(provenBps, resultBps);
      if (inFlightTargetBps >= SUCCESS_FRACTION * failedTargetBps) {
        // only a success as high as the last failure ends the backoff; a lower one (a recovery
        // after a drop) leaves the next attempt at the failed level where the backoff put it
        failedTargetBps = 0;
        backoffMs = INITIAL_BACKOFF_MS;
        nextAllowedMs = nowMs + AFTER_SUCCESS_MS;
      } else {
        nextAllowedMs = Math.max(nextAllowedMs, nowMs + AFTER_SUCCESS_MS);
      }
      return true;
    }
    if (resultBps < INCONCLUSIVE_FRACTION * inFlightEstimateBps) {
      // far below what the path carried before the cluster: the receiver's clock stalled under
      // the cluster's tail, not the path (216 kbit/s measured on a 10 Mbit/s link in CI); no
      // backoff, the next step may follow
      inFlightId = -1;
      nextAllowedMs = Math.max(nextAllowedMs, nowMs + AFTER_SUCCESS_MS);
      return false;
    }
    if (resultBps >= STEP_FACTOR * inFlightEstimateBps) {
      // short of its aim but well above the estimate it started from (the path rose while it
      // was out, or rose less than the step): the estimate climbs to it, no backoff holds the
      // next step, and what it measured is confirmed as much as a success's
      inFlightId = -1;
      provenBps = Math.max(provenBps, resultBps);
      nextAllowedMs = Math.max(nextAllowedMs, nowMs + AFTER_SUCCESS_MS);
      return true;
    }
    fail(nowMs);
    return false;
  }

  /**
   * The estimator took back the raise of an earlier probe (the path did not sustain it, as when a
   * token bucket passed the cluster from its burst): a failure at the estimate the raise had
   * reached ({@code raisedBps}), which backs off the next probes; and the fall back to
   * {@code backBps} is no drop to recover from.
   */
  public void onProbeRevoked(long raisedBps, long backBps, long nowMs) {
    inFlightId = -1;
    inFlightTargetBps = raisedBps;
    fail(nowMs);
    provenBps = Math.min(provenBps, backBps);
    peakBps = backBps;
    dropAtMs = Long.MIN_VALUE;
  }

  private void fail(long nowMs) {
    inFlightId = -1;
    clusterEndMs = nowMs;
    failedTargetBps = Math.max(failedTargetBps, inFlightTargetBps);
    nextAllowedMs = nowMs + backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
  }

  /** Whether a cluster was started and has no result yet. */
  public boolean probing() {
    return inFlightId >= 0;
  }
}
