package dev.vertxsfu.media.cc;

import dev.vertxsfu.wire.rtcp.RtcpFormatException;
import java.util.List;

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
  private final SendSideBandwidthEstimator estimator;
  private final StreamAllocator allocator;
  private final ProbeController prober = new ProbeController();
  private StreamAllocation allocation;
  private int seenProbeCluster = SendHistory.NO_PROBE;
  private long seenProbeResult;

  /**
   * @param subscriber names the subscriber in the allocator's log
   * @param startBps the estimate before any feedback
   */
  public TransportCongestionControlClient(String subscriber, long startBps) {
    this.estimator = new SendSideBandwidthEstimator(startBps);
    this.allocator = new StreamAllocator(subscriber);
  }

  /** A media packet of {@code sizeBytes} leaves now; returns the sequence number to stamp. */
  public int onPacketSent(int sizeBytes, long nowUs) {
    return estimator.onPacketSent(sizeBytes, nowUs);
  }

  /** A packet of probe cluster {@code cluster} leaves now; returns the number to stamp. */
  public int onProbePacketSent(int sizeBytes, int cluster, long nowUs) {
    return estimator.onProbePacketSent(sizeBytes, cluster, nowUs);
  }

  /**
   * The subscriber's transport-wide feedback (RTPFB FMT 15) at exactly {@code [off, off + len)}.
   *
   * @throws RtcpFormatException if it is malformed; nothing changes then
   */
  public void onTransportFeedback(byte[] buf, int off, int len, long nowUs) {
    estimator.onTransportFeedback(buf, off, len, nowUs);
    if (estimator.lastProbeResultCluster() != seenProbeCluster
        || estimator.lastProbeResultBps() != seenProbeResult) {
      seenProbeCluster = estimator.lastProbeResultCluster();
      seenProbeResult = estimator.lastProbeResultBps();
      prober.onProbeResult(seenProbeCluster, seenProbeResult, nowUs / 1000);
    }
    prober.onEstimate(estimator.targetBps(), nowUs / 1000);
  }

  /** The subscriber's REMB, in bit/s. */
  public void onRemb(long bps, long nowUs) {
    estimator.onRemb(bps, nowUs);
    prober.onEstimate(estimator.targetBps(), nowUs / 1000);
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
    prober.onEstimate(estimator.targetBps(), nowUs / 1000);
  }

  /** Spreads the current estimate over {@code tracks}; see {@link StreamAllocator}. */
  public StreamAllocation allocate(List<TrackDemand> tracks, long nowMs) {
    allocation = allocator.allocate(estimator.targetBps(), tracks, nowMs);
    return allocation;
  }

  /**
   * A probe cluster to send now, or null; asks the {@link ProbeController} with the last
   * {@link #allocate allocation}.
   */
  public ProbeCluster probe(long nowMs) {
    return allocation == null ? null : prober.process(estimator.targetBps(), allocation, nowMs);
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
