package dev.vertxsfu.media.cc;

import dev.vertxsfu.wire.rtcp.RtcpFormatException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Congestion control toward one subscriber, whole (mediasoup's
 * {@code TransportCongestionControlClient}): the {@link SendSideBandwidthEstimator}, the
 * {@link StreamAllocator} and the {@link ProbeController} of one subscriber's transport, wired
 * together so that the transport and the router only report what happens and apply what comes
 * back.
 *
 * <ul>
 *   <li>every RTP packet sent to the subscriber: {@link #onPacketSent} gives the transport-wide
 *       sequence number to stamp (when the subscriber negotiated the extension);
 *   <li>the subscriber's RTCP: {@link #onTransportFeedback}, {@link #onRemb},
 *       {@link #onReceiverReport};
 *   <li>after feedback, or when the subscriber's tracks or their layers change:
 *       {@link #allocate} gives each track's layer or pause, and {@link #probe} whether to send
 *       a probe cluster, whose packets go through {@link #onProbePacketSent}.
 * </ul>
 *
 * <p>Owned by the subscriber's transport, on the room's event loop; times are passed in (µs for
 * packets and feedback, ms for decisions). Nothing is allocated per packet or per feedback;
 * {@link #allocate} builds its small result.
 */
public final class TransportCongestionControlClient {
  private static final Logger LOG =
      Logger.getLogger(TransportCongestionControlClient.class.getName());
  /**
   * A probe cluster still being sent stops once the path queues it this much: past a token
   * bucket's burst a cluster above the path only fills the shaper's queue, and then drops media
   * behind it; what was sent already measures the path (mediasoup and libwebrtc keep a cluster
   * short for the same reason; a long one needs the brake).
   */
  static final long PROBE_QUEUE_STOP_MS = 40;
  /** A fall of the target by this fraction or more in one feedback is logged at FINE. */
  private static final double LOGGED_FALL = 0.15;

  private final String subscriber;
  private final SendSideBandwidthEstimator estimator;
  private final StreamAllocator allocator;
  private final ProbeController prober = new ProbeController();
  private final ProbePacer pacer = new ProbePacer();
  private boolean probing = true;
  private StreamAllocation allocation;
  private int seenProbeCluster = SendHistory.NO_PROBE;
  private long seenProbeResult;
  private int seenRevocations;

  /**
   * @param subscriber names the subscriber in the allocator's log
   * @param startBps the estimate before any feedback
   */
  public TransportCongestionControlClient(String subscriber, long startBps) {
    this.subscriber = subscriber;
    this.estimator = new SendSideBandwidthEstimator(startBps);
    this.allocator = new StreamAllocator(subscriber);
  }

  /**
   * A media packet of {@code sizeBytes} leaves now; returns the sequence number to stamp. While a
   * probe cluster is being sent, the packet is part of it.
   */
  public int onPacketSent(int sizeBytes, long nowUs) {
    if (pacer.active()) {
      int cluster = pacer.cluster();
      pacer.onSent(sizeBytes);
      return estimator.onProbePacketSent(sizeBytes, cluster, nowUs);
    }
    return estimator.onPacketSent(sizeBytes, nowUs);
  }

  /** A packet of probe cluster {@code cluster} leaves now; returns the number to stamp. */
  public int onProbePacketSent(int sizeBytes, int cluster, long nowUs) {
    if (pacer.cluster() == cluster) {
      pacer.onSent(sizeBytes);
    }
    return estimator.onProbePacketSent(sizeBytes, cluster, nowUs);
  }

  /**
   * The cluster whose padding {@link #paddingDue} asks for, or {@link SendHistory#NO_PROBE}: a
   * padding packet sent for it goes through {@link #onProbePacketSent} with this id.
   */
  public int probeCluster() {
    return pacer.cluster();
  }

  /** Bytes of padding the probe being sent wants now (see {@link ProbePacer#paddingDue}). */
  public int paddingDue(long nowUs) {
    return pacer.paddingDue(nowUs);
  }

  /** Whether a probe cluster is being sent now (the transport paces it on a short timer). */
  public boolean pacing() {
    return pacer.active();
  }

  /** Whether probes are sent at all (on by default; off to measure what they bring). */
  public void probing(boolean on) {
    this.probing = on;
  }

  /**
   * The subscriber's transport-wide feedback (RTPFB FMT 15) at exactly {@code [off, off + len)}.
   *
   * @throws RtcpFormatException if it is malformed; nothing changes then
   */
  public void onTransportFeedback(byte[] buf, int off, int len, long nowUs) {
    long before = estimator.targetBps();
    estimator.onTransportFeedback(buf, off, len, nowUs);
    boolean fine = LOG.isLoggable(Level.FINE);
    if (pacer.active() && estimator.probeQueueMs(pacer.cluster()) >= PROBE_QUEUE_STOP_MS) {
      if (fine) {
        LOG.fine(subscriber + ": probe " + pacer.cluster() + " stopped, queued "
            + estimator.probeQueueMs(pacer.cluster()) + " ms");
      }
      pacer.stop();
    }
    if (estimator.revocations() != seenRevocations) {
      seenRevocations = estimator.revocations();
      prober.onProbeRevoked(before, estimator.targetBps(), nowUs / 1000);
      if (fine) {
        LOG.fine(subscriber + ": probe raise taken back, loss " + estimator.lossFraction());
      }
    }
    if (estimator.lastProbeResultCluster() != seenProbeCluster
        || estimator.lastProbeResultBps() != seenProbeResult) {
      seenProbeCluster = estimator.lastProbeResultCluster();
      seenProbeResult = estimator.lastProbeResultBps();
      boolean proved = prober.onProbeResult(seenProbeCluster, seenProbeResult, nowUs / 1000);
      if (proved) {
        allocator.onProbeSucceeded(seenProbeResult);
      }
      if (fine) {
        LOG.fine(subscriber + ": probe " + seenProbeCluster + " measured "
            + seenProbeResult / 1000 + " kbit/s (sent at " + estimator.lastProbeSendBps() / 1000
            + ", arrived at " + estimator.lastProbeReceiveBps() / 1000 + "), "
            + (proved ? "proved" : "a failure"));
      }
    }
    if (fine && estimator.targetBps() < (1 - LOGGED_FALL) * before) {
      LOG.fine(String.format("%s: target %d -> %d kbit/s (delay-based %d, loss-based %d, "
          + "acknowledged %d, loss %.3f, %s)", subscriber, before / 1000,
          estimator.targetBps() / 1000, estimator.delayBasedBps() / 1000,
          estimator.lossBasedBps() / 1000, estimator.acknowledgedBps() / 1000,
          estimator.lossFraction(), estimator.usage()));
    }
    prober.onEstimate(estimator.targetBps(), estimator.acknowledgedBps(), nowUs / 1000);
  }

  /** The subscriber's REMB, in bit/s. */
  public void onRemb(long bps, long nowUs) {
    estimator.onRemb(bps, nowUs);
    prober.onEstimate(estimator.targetBps(), estimator.acknowledgedBps(), nowUs / 1000);
  }

  /**
   * A report block of the subscriber about one of our streams: its fraction lost (0-255) and the
   * round trip computed from its LSR and DLSR (RFC 3550 §6.4.1), or a negative RTT if unknown.
   */
  public void onReceiverReport(int fractionLost, long rttMs, long nowUs) {
    if (rttMs >= 0) {
      estimator.onRtt(rttMs);
    }
    estimator.onFractionLost(fractionLost, nowUs);
    prober.onEstimate(estimator.targetBps(), estimator.acknowledgedBps(), nowUs / 1000);
  }

  /** Spreads the current estimate over {@code tracks}; see {@link StreamAllocator}. */
  public StreamAllocation allocate(List<TrackDemand> tracks, long nowMs) {
    allocation = allocator.allocate(estimator.targetBps(), tracks, nowMs,
        estimator.hasFeedback());
    return allocation;
  }

  /**
   * A probe cluster to send now, or null; asks the {@link ProbeController} with the last
   * {@link #allocate allocation}. A cluster returned is being paced from now on: its padding is
   * what {@link #paddingDue} asks for.
   */
  public ProbeCluster probe(long nowUs) {
    if (!probing || allocation == null || !pacer.expired(nowUs)) {
      return null;
    }
    ProbeCluster cluster = prober.process(estimator.targetBps(), allocation, nowUs / 1000);
    if (cluster != null) {
      pacer.start(cluster, nowUs);
    }
    return cluster;
  }

  /** What the subscriber's streams may use now, in bit/s. */
  public long targetBps() {
    return estimator.targetBps();
  }

  /** The estimator, for figures (its parts' estimates, loss, probe results). */
  public SendSideBandwidthEstimator estimator() {
    return estimator;
  }
}
