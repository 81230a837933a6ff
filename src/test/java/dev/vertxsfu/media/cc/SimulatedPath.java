package dev.vertxsfu.media.cc;

import dev.vertxsfu.wire.rtcp.TransportWideCcFeedback;
import dev.vertxsfu.wire.rtcp.TransportWideCcFeedbackBuilder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic path toward a subscriber, stepped by a fake clock of 1 ms: a sender that paces
 * 1,200-byte packets at the estimator's target (a greedy sender), a bottleneck of a given rate
 * with a FIFO queue that tail-drops beyond a maximum queueing delay (as tbf does), a propagation
 * delay each way, deterministic random-free loss (an accumulator drops exactly the given
 * fraction), and a receiver that sends transport-wide feedback every 50 ms, built by the wire's
 * builder into real bytes on its own clock. Test code only.
 */
final class SimulatedPath {
  static final int PACKET_BYTES = 1200;
  static final long FEEDBACK_INTERVAL_MS = 50;
  /** The receiver's clock runs this far from the sender's; only differences may matter. */
  static final long RECEIVER_CLOCK_OFFSET_US = 987_654_321L;

  private record InFlight(int seq, long arrivalUs) { }

  private record Feedback(byte[] bytes, long deliverUs) { }

  final SendSideBandwidthEstimator estimator;
  /** When the path runs a whole client, that client; its estimator is {@link #estimator}. */
  final TransportCongestionControlClient client;
  long capacityBps;
  long oneWayDelayMs = 20;
  long maxQueueMs = 300;
  double loss;
  /** When set, the sender sends this rate instead of the target (an application-limited one). */
  long fixedSendBps;
  /**
   * When set, the bottleneck is a token bucket as Linux's tbf: tokens of this many bytes at most
   * fill at {@link #capacityBps}; a packet leaves at once (at line rate) while tokens last, so a
   * burst up to this size after an idle spell passes faster than the rate.
   */
  int burstBytes;

  /** Called at every 1 ms step before the sender sends, when set. */
  Runnable onStep;
  /** Called after each feedback the sender reads, when set. */
  Runnable onFeedback;

  private long nowUs;
  private double sendBudgetBits;
  private double lossAccumulator;
  private long bottleneckFreeUs;
  private double tokens = -1;
  private long tokensAtUs;
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  private final ArrayDeque<Feedback> feedback = new ArrayDeque<>();
  private final TransportWideCcFeedbackBuilder builder =
      new TransportWideCcFeedbackBuilder(1, 0x1234, 0);
  private int feedbackCount;
  private long lastFeedbackMs;
  long sentPackets;
  long droppedPackets;
  /** Of {@link #sentPackets} and {@link #droppedPackets}, those of probe clusters. */
  long sentProbePackets;
  long droppedProbePackets;
  long sentBytes;
  long deliveredBytes;
  final List<long[]> trace = new ArrayList<>();

  SimulatedPath(SendSideBandwidthEstimator estimator, long capacityBps) {
    this.estimator = estimator;
    this.client = null;
    this.capacityBps = capacityBps;
  }

  SimulatedPath(TransportCongestionControlClient client, long capacityBps) {
    this.estimator = client.estimator();
    this.client = client;
    this.capacityBps = capacityBps;
  }

  long nowMs() {
    return nowUs / 1000;
  }

  /** Runs {@code ms} milliseconds; records (time ms, target, capacity) every 100 ms. */
  void run(long ms) {
    for (long i = 0; i < ms; i++) {
      step();
    }
  }

  /** Sends one packet of probe cluster {@code cluster} now, outside the pacing budget. */
  void sendProbePacket(int cluster) {
    int seq = client != null ? client.onProbePacketSent(PACKET_BYTES, cluster, nowUs)
        : estimator.onProbePacketSent(PACKET_BYTES, cluster, nowUs);
    sentProbePackets++;
    long dropped = droppedPackets;
    transmit(seq);
    droppedProbePackets += droppedPackets - dropped;
  }

  /** The fraction of packets other than probes' that were dropped. */
  double mediaLoss() {
    return (double) (droppedPackets - droppedProbePackets) / (sentPackets - sentProbePackets);
  }

  private void step() {
    nowUs += 1000;
    if (onStep != null) {
      onStep.run();
    }
    long rate = fixedSendBps > 0 ? fixedSendBps : estimator.targetBps();
    sendBudgetBits = Math.min(sendBudgetBits + rate / 1000.0, 4 * PACKET_BYTES * 8);
    while (sendBudgetBits >= PACKET_BYTES * 8) {
      sendBudgetBits -= PACKET_BYTES * 8;
      int seq = client != null ? client.onPacketSent(PACKET_BYTES, nowUs)
          : estimator.onPacketSent(PACKET_BYTES, nowUs);
      transmit(seq);
    }
    while (!inFlight.isEmpty() && inFlight.peekFirst().arrivalUs() <= nowUs) {
      InFlight packet = inFlight.pollFirst();
      deliveredBytes += PACKET_BYTES;
      receive(packet.seq(), packet.arrivalUs() + RECEIVER_CLOCK_OFFSET_US);
    }
    if (nowMs() - lastFeedbackMs >= FEEDBACK_INTERVAL_MS) {
      lastFeedbackMs = nowMs();
      flushFeedback();
    }
    while (!feedback.isEmpty() && feedback.peekFirst().deliverUs() <= nowUs) {
      byte[] bytes = feedback.pollFirst().bytes();
      if (client != null) {
        client.onTransportFeedback(bytes, 0, bytes.length, nowUs);
      } else {
        estimator.onTransportFeedback(bytes, 0, bytes.length, nowUs);
      }
      if (onFeedback != null) {
        onFeedback.run();
      }
    }
    if (nowMs() % 100 == 0) {
      trace.add(new long[] {nowMs(), estimator.targetBps(), capacityBps});
    }
  }

  private void transmit(int seq) {
    sentPackets++;
    sentBytes += PACKET_BYTES;
    lossAccumulator += loss;
    if (lossAccumulator >= 1) {
      lossAccumulator -= 1;
      droppedPackets++;
      return;
    }
    long start = Math.max(nowUs, bottleneckFreeUs);
    if (start - nowUs > maxQueueMs * 1000) {
      droppedPackets++;
      return;
    }
    if (burstBytes > 0) {
      bottleneckFreeUs = tokenBucketDeparture(start);
    } else {
      bottleneckFreeUs = start + PACKET_BYTES * 8L * 1_000_000 / capacityBps;
    }
    inFlight.addLast(new InFlight(seq, bottleneckFreeUs + oneWayDelayMs * 1000));
  }

  /** When a packet that may start at {@code startUs} leaves the token bucket. */
  private long tokenBucketDeparture(long startUs) {
    if (tokens < 0) {
      tokens = burstBytes;
      tokensAtUs = startUs;
    }
    tokens = Math.min(burstBytes, tokens + (startUs - tokensAtUs) * capacityBps / 8e6);
    tokensAtUs = startUs;
    if (tokens >= PACKET_BYTES) {
      tokens -= PACKET_BYTES;
      return startUs;
    }
    long waitUs = (long) Math.ceil((PACKET_BYTES - tokens) * 8e6 / capacityBps);
    tokens = 0;
    tokensAtUs = startUs + waitUs;
    return startUs + waitUs;
  }

  private void receive(int seq, long receiverUs) {
    if (!builder.addReceivedPacket(seq, receiverUs)) {
      flushFeedback();
      builder.addReceivedPacket(seq, receiverUs);
    }
  }

  private void flushFeedback() {
    if (builder.isEmpty()) {
      return;
    }
    TransportWideCcFeedback built = builder.build();
    byte[] bytes = new byte[built.serializedLength()];
    built.write(bytes, 0);
    feedback.addLast(new Feedback(bytes, nowUs + oneWayDelayMs * 1000));
    feedbackCount = (feedbackCount + 1) & 0xFF;
    builder.reset(1, 0x1234, feedbackCount);
  }

  /** Mean target over the trace points in [fromMs, toMs). */
  double meanTarget(long fromMs, long toMs) {
    return trace.stream().filter(p -> p[0] >= fromMs && p[0] < toMs)
        .mapToLong(p -> p[1]).average().orElseThrow();
  }

  /** First trace time at or after {@code fromMs} where {@code test} holds of the target, or -1. */
  long firstTime(long fromMs, java.util.function.LongPredicate test) {
    return trace.stream().filter(p -> p[0] >= fromMs && test.test(p[1])).mapToLong(p -> p[0])
        .findFirst().orElse(-1);
  }

  long minTarget(long fromMs, long toMs) {
    return trace.stream().filter(p -> p[0] >= fromMs && p[0] < toMs).mapToLong(p -> p[1]).min()
        .orElseThrow();
  }
}
