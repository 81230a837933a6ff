package dev.vertxsfu.media.cc;

import dev.vertxsfu.wire.rtcp.RtcpFormatException;
import dev.vertxsfu.wire.rtcp.TransportWideCcFeedback;

/**
 * The bandwidth estimate toward one subscriber, send-side as libwebrtc's Google Congestion
 * Control (draft-ietf-rmcat-gcc-02): the transport stamps every packet it sends with the
 * sequence number {@link #onPacketSent} gives, the subscriber's transport-wide feedback comes
 * back to {@link #onTransportFeedback}, and {@link #targetBps()} is what the subscriber's
 * streams may use. Inside: the {@link SendHistory}, the delay-based part ({@link InterArrival} ->
 * {@link TrendlineOveruseDetector} -> {@link AimdRateControl}, driven by the
 * {@link AcknowledgedBitrate}), the loss-based part ({@link LossBasedRateControl}) and probe
 * results ({@link ProbeBitrateEstimator}). The target is the smallest of the loss-based rate, the
 * delay-based estimate and the subscriber's REMB.
 *
 * <p>A subscriber that did not negotiate transport-wide feedback sends REMB and receiver
 * reports instead: {@link #onRemb} and {@link #onFractionLost} then drive the target alone.
 *
 * <p>Owned by the subscriber's transport, on the room's event loop; times are the sender's
 * monotonic clock in µs. Feedback is read through the wire's visitor and nothing is allocated
 * per packet or per feedback.
 */
public final class SendSideBandwidthEstimator {
  /** Default bounds: below audio plus the lowest video layer nothing is useful. */
  public static final long DEFAULT_MIN_BPS = 30_000;
  public static final long DEFAULT_MAX_BPS = 20_000_000;

  /** How long a probe's result bounds the decreases that follow it. */
  static final long PROBE_FLOOR_MS = 1_000;
  /**
   * How long after a probe raised the estimate the raise is on trial: loss of at least
   * {@value #REVOKE_LOSS} in that time takes it back.
   */
  static final long VERIFY_MS = 5_000;
  static final double REVOKE_LOSS = 0.2;
  /**
   * Overuse and loss this soon after a cluster completed (or while one is out) are the cluster's
   * own queue draining, not the path refusing a raise.
   */
  static final long PROBE_QUEUE_MS = 500;
  /**
   * An acknowledged bitrate below this fraction of the estimate before a cluster means the path
   * fell while the cluster was out: a cluster's own queue delays packets, it does not halve what
   * arrives, so the overuse is the path's, and the floor that kept decreases at the estimate
   * before the cluster goes.
   */
  static final double PATH_FELL_FRACTION = 0.5;
  /** A longer gap between feedbacks is taken for lost feedback, not lost packets. */
  static final int MAX_GAP_AS_LOSS = 100;
  private static final long REFERENCE_RANGE_US = (1L << 24) * TransportWideCcFeedback
      .REFERENCE_TIME_UNIT_US;

  private final long minBps;
  private final long maxBps;
  private final SendHistory history = new SendHistory();
  private final TrendlineOveruseDetector detector = new TrendlineOveruseDetector();
  private final InterArrival interArrival = new InterArrival(detector);
  private final AimdRateControl delayBased;
  private final LossBasedRateControl lossBased;
  private final AcknowledgedBitrate acknowledged = new AcknowledgedBitrate();
  private final ProbeBitrateEstimator probes = new ProbeBitrateEstimator();
  private final TransportWideCcFeedback.PacketVisitor visitor = this::onReportedPacket;

  private long rembBps = Long.MAX_VALUE;
  private long targetBps;
  private boolean transportWide;
  /** Scratch of one feedback. */
  private long feedbackNowMs;
  private int feedbackLost;
  private int feedbackReceived;
  private boolean feedbackOverused;
  private boolean feedbackFirst;
  /** Highest unwrapped sequence number any feedback reported, -1 before the first. */
  private long highestReported = -1;
  /** Receive times of the feedback sender's clock, unwrapped across reference time wraps. */
  private long receiveOffsetUs;
  private long lastReceiveUs = Long.MIN_VALUE;
  private long lastProbeResultBps;
  private int lastProbeResultCluster = SendHistory.NO_PROBE;
  /** The estimate before the probes now on trial raised it; 0 when none is. */
  private long verifiedBps;
  private long verifyUntilMs;
  private int revocations;
  private long lastClusterCompleteMs = Long.MIN_VALUE;
  private int sendingCluster = SendHistory.NO_PROBE;
  /** The target when the last cluster started. */
  private long beforeClusterBps;
  public SendSideBandwidthEstimator(long startBps) {
    this(startBps, DEFAULT_MIN_BPS, DEFAULT_MAX_BPS);
  }

  public SendSideBandwidthEstimator(long startBps, long minBps, long maxBps) {
    if (minBps <= 0 || maxBps < minBps || startBps < minBps || startBps > maxBps) {
      throw new IllegalArgumentException("bitrates must satisfy 0 < min <= start <= max: "
          + minBps + ", " + startBps + ", " + maxBps);
    }
    this.minBps = minBps;
    this.maxBps = maxBps;
    this.delayBased = new AimdRateControl(startBps, minBps, maxBps);
    this.lossBased = new LossBasedRateControl(startBps, minBps);
    this.targetBps = startBps;
  }

  /** A media packet of {@code sizeBytes} leaves now; returns the sequence number to stamp. */
  public int onPacketSent(int sizeBytes, long nowUs) {
    return history.onPacketSent(sizeBytes, nowUs, SendHistory.NO_PROBE);
  }

  /** A packet of probe cluster {@code cluster} (an id of the {@link ProbeController}) leaves. */
  public int onProbePacketSent(int sizeBytes, int cluster, long nowUs) {
    int seq = history.onPacketSent(sizeBytes, nowUs, cluster);
    if (cluster != sendingCluster) {
      sendingCluster = cluster;
      beforeClusterBps = targetBps;
    }
    probes.onSent(cluster, history.unwrap(seq));
    return seq;
  }

  /**
   * Reads one transport-wide feedback (RTPFB FMT 15) at exactly {@code [off, off + len)}.
   *
   * @throws RtcpFormatException if it is malformed; the estimate is then unchanged
   */
  public void onTransportFeedback(byte[] buf, int off, int len, long nowUs) {
    feedbackNowMs = nowUs / 1000;
    feedbackLost = 0;
    feedbackReceived = 0;
    feedbackOverused = false;
    feedbackFirst = true;
    TransportWideCcFeedback.forEachPacket(buf, off, len, visitor);
    transportWide = true;
    if (feedbackLost + feedbackReceived == 0) {
      return;
    }
    BandwidthUsage usage = feedbackOverused ? BandwidthUsage.OVERUSING : detector.state();
    long acked = acknowledged.bps();
    boolean clusterRecent = probes.pending() || (lastClusterCompleteMs != Long.MIN_VALUE
        && feedbackNowMs - lastClusterCompleteMs < PROBE_FLOOR_MS);
    boolean pathFell = clusterRecent && acked > 0 && acked < PATH_FELL_FRACTION * beforeClusterBps;
    if (pathFell) {
      delayBased.floorUntil(0, Long.MIN_VALUE);
    } else if (probes.pending()) {
      // the queue a cluster above the path builds is no fall of the path
      delayBased.floorUntil(beforeClusterBps, feedbackNowMs + PROBE_FLOOR_MS);
    }
    long probeResult = probes.complete(highestReported);
    if (probeResult != ProbeBitrateEstimator.NO_RESULT) {
      lastClusterCompleteMs = feedbackNowMs;
      applyProbeResult(probeResult, probes.resultCluster());
    }
    delayBased.update(usage, acked, feedbackNowMs);
    if (probeQueue()) {
      // a cluster sent above the path overflows a shaper's queue: its losses are the probe's
      lossBased.onReport(0, 0, upperBps(), acknowledged.mediaBps(), feedbackNowMs);
    } else {
      lossBased.onReport(feedbackLost, feedbackLost + feedbackReceived, upperBps(),
          acknowledged.mediaBps(), feedbackNowMs);
    }
    verify();
    updateTarget();
  }

  private void onReportedPacket(int wireSeq, int symbol, long receiveTimeUs) {
    long seq = history.unwrap(wireSeq);
    if (seq < 0) {
      return;
    }
    if (feedbackFirst) {
      feedbackFirst = false;
      // a receiver whose feedback starts at its first arrival leaves the losses between two
      // feedbacks unreported (libwebrtc's does not); count them here
      if (highestReported >= 0 && seq > highestReported + 1
          && seq - highestReported <= MAX_GAP_AS_LOSS) {
        feedbackLost += (int) (seq - highestReported - 1);
      }
    }
    highestReported = Math.max(highestReported, seq);
    if (symbol == TransportWideCcFeedback.NOT_RECEIVED) {
      feedbackLost++;
      return;
    }
    if (receiveTimeUs == TransportWideCcFeedback.NO_RECEIVE_TIME || !history.markReported(seq)) {
      return;
    }
    feedbackReceived++;
    long arrival = unwrapReceiveTime(receiveTimeUs);
    long send = history.sendTimeUs(seq);
    int size = history.size(seq);
    interArrival.onPacket(send, arrival, feedbackNowMs);
    feedbackOverused |= detector.state() == BandwidthUsage.OVERUSING;
    int cluster = history.probeCluster(seq);
    acknowledged.onPacket(arrival, size, cluster != SendHistory.NO_PROBE);
    if (cluster != SendHistory.NO_PROBE) {
      probes.onPacket(cluster, send, arrival, size);
    }
  }

  private long unwrapReceiveTime(long receiveTimeUs) {
    long time = receiveTimeUs + receiveOffsetUs;
    if (lastReceiveUs != Long.MIN_VALUE) {
      if (time - lastReceiveUs > REFERENCE_RANGE_US / 2) {
        receiveOffsetUs -= REFERENCE_RANGE_US;
        time -= REFERENCE_RANGE_US;
      } else if (lastReceiveUs - time > REFERENCE_RANGE_US / 2) {
        receiveOffsetUs += REFERENCE_RANGE_US;
        time += REFERENCE_RANGE_US;
      }
    }
    lastReceiveUs = time;
    return time;
  }

  /**
   * A complete probe cluster measured {@code result}. It is a floor for
   * {@value #PROBE_FLOOR_MS} ms, as far as the estimate before it: a cluster above the path's rate
   * builds a queue, and the overuse that queue shows is the probe's doing, not a fall of the path.
   * One that got through lifts the delay-based and the loss-based estimates to what it measured
   * (each only up; after losses the loss-based part is the lower one and climbs only some percent
   * a second, while the probe shows the path carries more now, as libwebrtc sets its send bitrate
   * from a probe result), and puts the raise on trial ({@link #verify}).
   */
  private void applyProbeResult(long result, int cluster) {
    lastProbeResultBps = result;
    lastProbeResultCluster = cluster;
    long before = targetBps;
    if (result < ProbeController.INCONCLUSIVE_FRACTION * acknowledged.mediaBps()) {
      // under half the media the path just delivered: the receiver's clock stalled under the
      // cluster's tail, and the result says nothing of the path
      return;
    }
    delayBased.floorUntil(result, feedbackNowMs + PROBE_FLOOR_MS);
    if (result < before) {
      if (verifiedBps > 0) {
        // a probe measured the path below a raise still on trial: the raise was wrong (a token
        // bucket's burst let an earlier, shorter cluster through); this cluster says by how much
        revoke(Math.max(verifiedBps, result));
      } else {
        // sent above the estimate, it came back below it: the path carries less than estimated
        lower(result);
      }
      return;
    }
    if (result <= before) {
      // (overuse now is no reason to refuse a result: it is the cluster's own queue when the
      // cluster went above the path, and its later part measured the path all the same)
      return;
    }
    if (result > delayBased.estimateBps()) {
      delayBased.setEstimate(result, feedbackNowMs);
    }
    lossBased.raiseTo(Math.min(result, rembBps));
    if (verifiedBps == 0) {
      verifiedBps = before;
    }
    verifyUntilMs = feedbackNowMs + VERIFY_MS;
  }

  /**
   * A probe's result is trusted only as far as the path then sustains it: a token-bucket shaper
   * with a burst larger than the cluster's excess passes it at line rate, and the media that then
   * fills the raised estimate finds the real rate. Loss of {@value #REVOKE_LOSS} or more within
   * {@value #VERIFY_MS} ms of a raise takes the estimate back to where it was before the raise
   * (or the chain of raises), and counts a revocation the {@link ProbeController} backs off from.
   * Overuse alone does not: the key frame of each layer the raise lets the allocator switch up to
   * queues for a moment on a path that carries the raise well, and taking raises back on it kept
   * the climb after a rise from ~5 s to 10-14 s.
   */
  private void verify() {
    if (verifiedBps == 0) {
      return;
    }
    if (feedbackNowMs > verifyUntilMs) {
      verifiedBps = 0;
      return;
    }
    if (lossBased.lastLoss() < REVOKE_LOSS) {
      return;
    }
    if (probeQueue()) {
      return;
    }
    revoke(verifiedBps);
  }

  /** Whether a cluster is out, or completed less than {@value #PROBE_QUEUE_MS} ms ago. */
  private boolean probeQueue() {
    return (probes.pending() || (lastClusterCompleteMs != Long.MIN_VALUE
        && feedbackNowMs - lastClusterCompleteMs < PROBE_QUEUE_MS));
  }

  private void revoke(long toBps) {
    verifiedBps = 0;
    lower(toBps);
    revocations++;
  }

  /**
   * Lowers both parts to {@code bps}, or to {@value LossBasedRateControl#ACKED_FLOOR} of the media
   * the path acknowledged if that is more; a floor for {@value #PROBE_FLOOR_MS} ms.
   */
  private void lower(long bps) {
    // never under what the path just delivered outside clusters: one cluster's tail measured 63
    // kbit/s on a 10 Mbit/s link that had acknowledged 352 kbit/s of media (a receiver busy for
    // a moment), and taking that for the path paused the video it had just resumed
    long delivered = (long) (LossBasedRateControl.ACKED_FLOOR * acknowledged.mediaBps());
    long back = Math.max(minBps, Math.max(bps, delivered));
    delayBased.floorUntil(back, feedbackNowMs + PROBE_FLOOR_MS);
    if (delayBased.estimateBps() > back) {
      delayBased.setEstimate(back, feedbackNowMs);
    }
    lossBased.lowerTo(back);
  }

  /**
   * The subscriber's REMB (draft-alvestrand-rmcat-remb): a cap on the target, and the only
   * delay-based input for a subscriber without transport-wide feedback.
   */
  public void onRemb(long bps, long nowUs) {
    rembBps = Math.max(minBps, bps);
    if (!transportWide) {
      delayBased.setEstimate(bps, nowUs / 1000);
    }
    lossBased.onReport(0, 0, upperBps(), 0, nowUs / 1000);
    updateTarget();
  }

  /**
   * The fraction lost of a receiver report block (RFC 3550 §6.4.1, 0-255 for 0-1). Only used for
   * subscribers without transport-wide feedback, whose loss that feedback already shows.
   */
  public void onFractionLost(int fractionLost, long nowUs) {
    if (transportWide) {
      return;
    }
    lossBased.onFractionLost(fractionLost / 256.0, upperBps(), nowUs / 1000);
    updateTarget();
  }

  /** The round-trip time to the subscriber (from its receiver reports), in ms. */
  public void onRtt(long rttMs) {
    delayBased.setRtt(rttMs);
    lossBased.setRtt(rttMs);
  }

  private long upperBps() {
    return Math.min(delayBased.estimateBps(), rembBps);
  }

  private void updateTarget() {
    long target = Math.min(lossBased.rateBps(), upperBps());
    targetBps = Math.max(minBps, Math.min(maxBps, target));
  }

  /** What the subscriber's streams may use now, in bit/s. */
  public long targetBps() {
    return targetBps;
  }

  /** The delay-based part's estimate alone. */
  public long delayBasedBps() {
    return delayBased.estimateBps();
  }

  /** The loss-based part's rate alone. */
  public long lossBasedBps() {
    return lossBased.rateBps();
  }

  /** What the subscriber acknowledged receiving over the last half second, 0 if not known. */
  public long acknowledgedBps() {
    return acknowledged.bps();
  }

  /** The detector's last conclusion. */
  public BandwidthUsage usage() {
    return detector.state();
  }

  /** The loss fraction of the last evaluated period of feedback. */
  public double lossFraction() {
    return lossBased.lastLoss();
  }

  /**
   * The queue probe cluster {@code cluster} built on the path so far, in ms: how much longer
   * than its fastest packet its last reported one took.
   */
  public long probeQueueMs(int cluster) {
    return probes.queueGrowthUs(cluster) / 1000;
  }

  /** The last probe cluster that gave a result, or {@link SendHistory#NO_PROBE}. */
  public int lastProbeResultCluster() {
    return lastProbeResultCluster;
  }

  /** That probe's measured bitrate, 0 if none. */
  public long lastProbeResultBps() {
    return lastProbeResultBps;
  }

  /** The rate that probe's cluster was sent at, for the client's log. */
  long lastProbeSendBps() {
    return probes.resultSendBps();
  }

  /** The rate the later part of that probe's cluster arrived at, for the client's log. */
  long lastProbeReceiveBps() {
    return probes.resultReceiveBps();
  }

  /**
   * How many probe raises were taken back because the path did not sustain them
   * ({@link #verify}); the {@link ProbeController} treats each as a failed probe.
   */
  public int revocations() {
    return revocations;
  }

  /** Whether any feedback (transport-wide or REMB) was received: the estimate is measured. */
  public boolean hasFeedback() {
    return transportWide || rembBps != Long.MAX_VALUE;
  }

  /** Whether transport-wide feedback was ever received (else REMB drives the estimate). */
  public boolean hasTransportWideFeedback() {
    return transportWide;
  }
}
