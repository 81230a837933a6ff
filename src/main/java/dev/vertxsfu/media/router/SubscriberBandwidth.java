package dev.vertxsfu.media.router;

import dev.vertxsfu.media.cc.ProbeCluster;
import dev.vertxsfu.media.cc.StreamAllocation;
import dev.vertxsfu.media.cc.TrackAllocation;
import dev.vertxsfu.media.cc.TrackDemand;
import dev.vertxsfu.media.cc.TrackKind;
import dev.vertxsfu.media.cc.TransportCongestionControlClient;
import dev.vertxsfu.wire.rtcp.ReportBlock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Congestion control toward one subscriber, as the router runs it: the subscriber's send-side
 * estimate (started by its first consumer that stamps transport-wide numbers, or by its first
 * REMB), what feeds it (transport-wide feedback, REMB, the loss its report blocks give for our
 * streams), the spreading of it over the subscriber's consumers, again at most every
 * {@value #ALLOCATION_INTERVAL_MILLIS} ms after feedback, and the probes that find room above it:
 * paced padding-only packets on a video consumer's RTX stream ({@link Consumer#sendPadding}).
 *
 * <p>Threads: the room's event loop. Owned by the {@link Router}'s endpoint of the subscriber.
 */
final class SubscriberBandwidth {
  /**
   * The estimate toward a subscriber before its first feedback: 1 Mbit/s, mediasoup's order of
   * initial available bitrate rather than libwebrtc's 300 kbit/s, which suits a sender that ramps
   * its own encoder: a forwarder starts a subscriber on whole layers at once, and on a lossy path
   * the loss-based part holds the estimate where it started (2-10 % loss neither raises nor
   * lowers it), which at 300 kbit/s starved a single-layer camera. The start-up probe at three
   * times this finds a wider path in its first second, a narrower one is found by the delay-based
   * part and the probe's tail rate.
   */
  static final long START_BPS = 1_000_000;
  /** How often, at most, a subscriber's estimate is spread over its tracks again. */
  static final long ALLOCATION_INTERVAL_MILLIS = 200;
  /** How often, at most, it is spread again without feedback. */
  static final long IDLE_ALLOCATION_INTERVAL_MILLIS = 500;
  /**
   * A consumer younger than this keeps the layer its subscriber's wish picks: a client subscribes
   * and sends its tile's settings just after (100-130 ms in Chromium), and a budget applied
   * before them asked for the lowest layer's key frame, which came first: a hidden tile got its
   * packets (BrowserSimulcastTest).
   */
  static final long NEW_CONSUMER_GRACE_MILLIS = 500;

  /** Bounds one pacing step (a 3 Mbit/s cluster is ~70 padding packets in all). */
  static final int MAX_PADDING_PACKETS_PER_STEP = 64;
  private static final Logger LOG = Logger.getLogger(SubscriberBandwidth.class.getName());

  private final String name;
  private final TransportCongestionControlClient estimator;
  private boolean feedbackSinceAllocation;
  private long lastAllocationMillis;
  private StreamAllocation allocation;
  private ProbeCluster lastProbe;

  SubscriberBandwidth(String name) {
    this.name = name;
    this.estimator = new TransportCongestionControlClient(name, START_BPS);
  }

  /** What the consumers stamp their packets through. */
  TransportCongestionControlClient estimator() {
    return estimator;
  }

  long targetBps() {
    return estimator.targetBps();
  }

  /** The last allocation, or null before the first. */
  StreamAllocation allocation() {
    return allocation;
  }

  void onTransportFeedback(byte[] buf, int off, int len, long nowMicros) {
    estimator.onTransportFeedback(buf, off, len, nowMicros);
    feedbackSinceAllocation = true;
  }

  void onRemb(long bitrate, long nowMicros) {
    estimator.onRemb(bitrate, nowMicros);
    feedbackSinceAllocation = true;
  }

  /**
   * The loss the subscriber reports about our streams (the mean fraction lost over the blocks
   * about them; {@code ours} tells which) feeds the loss-based estimate. The round trip stays
   * unknown: our SRs carry the publishers' NTP times, so LSR says nothing about our clock.
   */
  void onReportBlocks(List<ReportBlock> blocks, IntPredicate ours,
      long nowMicros) {
    int sum = 0;
    int count = 0;
    for (ReportBlock block : blocks) {
      if (ours.test((int) block.sourceSsrc())) {
        sum += block.fractionLost();
        count++;
      }
    }
    if (count > 0) {
      estimator.onReceiverReport(sum / count, -1, nowMicros);
      feedbackSinceAllocation = true;
    }
  }

  /**
   * Starts a probe cluster if the {@link dev.vertxsfu.media.cc.ProbeController} wants one now
   * (after the first allocation), logged at debug with the estimate behind it, and sends its
   * first padding at once. {@code consumers} are this subscriber's.
   */
  void probe(Iterable<Consumer> consumers, long nowMicros) {
    ProbeCluster cluster = estimator.probe(nowMicros);
    if (cluster != null) {
      lastProbe = cluster;
      if (LOG.isLoggable(Level.FINE)) {
        LOG.fine(name + ": probe " + cluster.id() + " at " + cluster.targetBps() / 1000
            + " kbit/s (" + cluster.bytes() + " bytes, " + cluster.packets()
            + " packets), estimate " + estimator.targetBps() / 1000 + " kbit/s");
      }
      pace(consumers, nowMicros);
    }
  }

  /** The last probe cluster started, or null. */
  ProbeCluster lastProbe() {
    return lastProbe;
  }

  /** Whether a probe cluster is being sent (the room paces it on a short timer). */
  boolean pacing() {
    return estimator.pacing();
  }

  /**
   * Sends the padding the probe being sent wants now, as padding-only packets on the RTX stream
   * of the first of {@code consumers} (this subscriber's) that can pad
   * ({@link Consumer#canPad}). Without one, the probe's padding is not sent and its cluster ends
   * with the media alone (the {@link dev.vertxsfu.media.cc.ProbePacer}'s deadline): padding on a
   * media SSRC would take sequence numbers from the stream and shift every later one, which
   * breaks the mapping NACKs are answered by and refuses reordered packets.
   */
  void pace(Iterable<Consumer> consumers, long nowMicros) {
    int cluster = estimator.probeCluster();
    int due = estimator.paddingDue(nowMicros);
    if (due <= 0) {
      return;
    }
    Consumer padder = null;
    for (Consumer consumer : consumers) {
      if (consumer.canPad()) {
        padder = consumer;
        break;
      }
    }
    if (padder == null) {
      return;
    }
    for (int i = 0; i < MAX_PADDING_PACKETS_PER_STEP && due > 0; i++) {
      if (padder.sendPadding(due, cluster) == 0) {
        return;
      }
      due = estimator.paddingDue(nowMicros);
    }
  }

  /**
   * Whether feedback came since the last allocation and the interval has passed, or
   * {@value #IDLE_ALLOCATION_INTERVAL_MILLIS} ms passed without: a subscriber whose only video is
   * paused for bandwidth receives nothing, so sends no feedback, yet its probes' results must
   * still resume the video once the allocator's hold time is over.
   */
  boolean allocationDue(long nowMillis) {
    long since = nowMillis - lastAllocationMillis;
    return feedbackSinceAllocation ? since >= ALLOCATION_INTERVAL_MILLIS
        : since >= IDLE_ALLOCATION_INTERVAL_MILLIS;
  }

  /**
   * Spreads the estimate over {@code consumers} (this subscriber's). With {@code apply}, each
   * video consumer gets its budget or pause, and a change of pause goes to {@code listener}.
   */
  void allocate(Collection<Consumer> consumers, boolean apply, Router.BandwidthListener listener,
      long nowMillis) {
    feedbackSinceAllocation = false;
    lastAllocationMillis = nowMillis;
    List<TrackDemand> demands = new ArrayList<>();
    Map<String, Consumer> byId = new HashMap<>();
    for (Consumer consumer : consumers) {
      byId.put(consumer.id(), consumer);
      demands.add(consumer.producer().parameters().isVideo()
          ? TrackDemands.video(consumer.id(),
              consumer.producer().isScreenShare() ? TrackKind.SCREEN : TrackKind.CAMERA,
              consumer.producer(),
              consumer.wish, nowMillis)
          : TrackDemands.audio(consumer.id(), consumer.producer(), nowMillis));
    }
    long allocatedBefore = allocation == null ? 0 : allocation.allocatedBps();
    allocation = estimator.allocate(demands, nowMillis);
    if (!apply) {
      return;
    }
    boolean shrank = allocation.estimateBps() < allocatedBefore / 2;
    for (TrackAllocation track : allocation.tracks()) {
      Consumer consumer = byId.get(track.trackId());
      if (consumer == null || !consumer.producer().parameters().isVideo()
          || nowMillis - consumer.createdMillis < NEW_CONSUMER_GRACE_MILLIS) {
        continue;
      }
      consumer.onBandwidthAllocation(track.state() == TrackAllocation.State.PAUSED_BANDWIDTH,
          track.state() == TrackAllocation.State.FORWARDING ? track.bitrate()
              : LayerSelector.UNLIMITED, nowMillis);
      if (shrank) {
        consumer.onLinkShrank();
      }
      if (track.transition() != TrackAllocation.Transition.NONE) {
        listener.onBandwidthPause(consumer,
            track.transition() == TrackAllocation.Transition.PAUSED);
      }
    }
  }
}
