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
  private final int[] touchedClusters = new int[ProbeBitrateEstimator.CLUSTERS];

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
  private int touchedCount;
  /** Receive times of the feedback sender's clock, unwrapped across reference time wraps. */
  private long receiveOffsetUs;
  private long lastReceiveUs = Long.MIN_VALUE;
  private long lastProbeResultBps;
  private int lastProbeResultCluster = SendHistory.NO_PROBE;

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
    return history.onPacketSent(sizeBytes, nowUs, cluster);
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
    touchedCount = 0;
    feedbackFirst = true;
    TransportWideCcFeedback.forEachPacket(buf, off, len, visitor);
    transportWide = true;
    if (feedbackLost + feedbackReceived == 0) {
      return;
    }
    BandwidthUsage usage = feedbackOverused ? BandwidthUsage.OVERUSING : detector.state();
    long acked = acknowledged.bps();
    applyProbeResults(usage);
    delayBased.update(usage, acked, feedbackNowMs);
    lossBased.onReport(feedbackLost, feedbackLost + feedbackReceived, upperBps(), acked,
        feedbackNowMs);
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
    acknowledged.onPacket(arrival, size);
    int cluster = history.probeCluster(seq);
    if (cluster != SendHistory.NO_PROBE) {
      probes.onPacket(cluster, send, arrival, size);
      touch(cluster);
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

  private void touch(int cluster) {
    for (int i = 0; i < touchedCount; i++) {
      if (touchedClusters[i] == cluster) {
        return;
      }
    }
    if (touchedCount < touchedClusters.length) {
      touchedClusters[touchedCount++] = cluster;
    }
  }

  /**
   * A probe that got through lifts the delay-based and the loss-based estimates to what it
   * measured (each only up). Any probe's
   * result is also a floor for {@value #PROBE_FLOOR_MS} ms: a cluster above the path's rate builds
   * a queue, and the overuse that queue shows is the probe's doing, not a fall of the path.
   */
  private void applyProbeResults(BandwidthUsage usage) {
    for (int i = 0; i < touchedCount; i++) {
      long result = probes.resultBps(touchedClusters[i]);
      if (result <= 0) {
        continue;
      }
      lastProbeResultBps = result;
      lastProbeResultCluster = touchedClusters[i];
      delayBased.floorUntil(result, feedbackNowMs + PROBE_FLOOR_MS);
      if (usage != BandwidthUsage.OVERUSING) {
        if (result > delayBased.estimateBps()) {
          delayBased.setEstimate(result, feedbackNowMs);
        }
        // after losses the loss-based part is the lower one, and it climbs only some percent a
        // second: a probe that got through shows the path carries more now (as libwebrtc sets
        // its send bitrate from a probe result)
        lossBased.raiseTo(Math.min(result, rembBps));
      }
    }
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

  /** The last probe cluster that gave a result, or {@link SendHistory#NO_PROBE}. */
  public int lastProbeResultCluster() {
    return lastProbeResultCluster;
  }

  /** That probe's measured bitrate, 0 if none. */
  public long lastProbeResultBps() {
    return lastProbeResultBps;
  }

  /** Whether transport-wide feedback was ever received (else REMB drives the estimate). */
  public boolean hasTransportWideFeedback() {
    return transportWide;
  }
}
