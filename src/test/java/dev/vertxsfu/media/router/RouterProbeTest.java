package dev.vertxsfu.media.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.media.cc.ProbeCluster;
import dev.vertxsfu.wire.rtcp.TransportWideCcFeedback;
import dev.vertxsfu.wire.rtcp.TransportWideCcFeedbackBuilder;
import dev.vertxsfu.wire.rtp.RtpPacket;
import dev.vertxsfu.wire.rtp.codec.VideoCodec;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Probes on the wire: when a subscriber's estimate is below what its tracks could use, the router
 * sends a paced cluster of padding-only packets on the RTX stream of a video consumer, stamped
 * with the subscriber's transport-wide numbers. Each packet is parsed back with the wire parser.
 * Synthetic packets, a fake clock (ms for the router, the same in µs for send times).
 */
@Tag("fast")
class RouterProbeTest {
  static final long PUB_SSRC = 1111;
  static final int VP8 = 96;
  static final long SUB_SSRC = 2222;
  static final long SUB_RTX_SSRC = 3333;
  static final int SUB_VP8 = 100;
  static final int SUB_RTX = 101;
  static final int SUB_MID_EXT = 9;
  static final int SUB_TCC_EXT = 5;

  final Router router = new Router(new Random(1));
  final RecordingSender publisher = new RecordingSender();
  final RecordingSender subscriber = new RecordingSender();
  final List<Long> sendTimes = new ArrayList<>();
  long now = 10_000;
  int publishedSeq = 100;
  int reported;
  int feedbackCount;

  RouterProbeTest() {
    router.microsClock(() -> now * 1000);
    // the media keeps flowing whatever the estimate, so its sequence can be checked around probes
    router.applyAllocation(false);
  }

  Consumer consumer(long rtxSsrc) {
    Producer producer = router.createProducer(new ProducerParameters("p1", "video", "0",
        PUB_SSRC, 0, Map.of(VP8, 90_000), Map.of(), Map.of(VP8, VideoCodec.VP8), Packets.MID_EXT,
        0, false), publisher);
    return router.createConsumer(producer, new ConsumerParameters("c1", SUB_SSRC, rtxSsrc,
        Map.of(VP8, SUB_VP8), rtxSsrc == 0 ? Map.of() : Map.of(SUB_VP8, SUB_RTX), Map.of(),
        SUB_MID_EXT, "sub-1", SUB_TCC_EXT), subscriber, now);
  }

  /**
   * One packet of ~1.4 kB from the publisher; every 8 ms that is about 1.4 Mbit/s, above the
   * subscriber's 1 Mbit/s start, so that probes are needed.
   */
  void publish(boolean keyFrame) {
    int seq = publishedSeq++;
    byte[] packet = Packets.vp8(PUB_SSRC, VP8, seq, seq / 4 * 3000L, "0", keyFrame, 1400);
    router.onRtp(publisher, packet, 0, packet.length, now);
  }

  /** Sends what was sent so far as received 20 ms after it left, then ticks. */
  void feedbackAndTick() {
    TransportWideCcFeedbackBuilder feedback =
        new TransportWideCcFeedbackBuilder(SUB_SSRC, 0, feedbackCount++ & 0xFF);
    for (; reported < subscriber.rtp.size(); reported++) {
      feedback.addReceivedPacket(wideSeq(subscriber.rtp(reported)),
          (sendTimes.get(reported) + 20) * 1000);
    }
    if (!feedback.isEmpty()) {
      TransportWideCcFeedback built = feedback.build();
      byte[] bytes = new byte[built.serializedLength() + 20];
      router.onRtcp(subscriber, bytes, 0, built.write(bytes, 0), now);
    }
    router.tick(now);
    recordSendTimes();
  }

  void recordSendTimes() {
    while (sendTimes.size() < subscriber.rtp.size()) {
      sendTimes.add(now);
    }
  }

  /**
   * ~1.4 Mbit/s of media with feedback every 48 ms until the first probe starts (the media that
   * left during a cluster would count toward it; stopping shows the padding alone), at most a
   * second.
   */
  void mediaUntilProbe() {
    for (int ms = 0; ms < 1_000 && !router.pacing(); ms += 8) {
      now += 8;
      publish(ms == 0);
      recordSendTimes();
      if (ms % 48 == 0) {
        feedbackAndTick();
      }
    }
  }

  static int wideSeq(RtpPacket packet) {
    int at = packet.extensions().valueOffset(SUB_TCC_EXT);
    assertThat(packet.extensions().valueLength(SUB_TCC_EXT)).isEqualTo(2);
    return ((packet.buffer()[at] & 0xFF) << 8) | (packet.buffer()[at + 1] & 0xFF);
  }

  List<Integer> rtxIndexes() {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < subscriber.rtp.size(); i++) {
      if (subscriber.rtp(i).ssrc() == SUB_RTX_SSRC) {
        indexes.add(i);
      }
    }
    return indexes;
  }

  @Test
  void aProbeIsPaddingOnlyPacketsOnTheRtxStreamWithTransportWideNumbersInSequence() {
    Consumer consumer = consumer(SUB_RTX_SSRC);
    mediaUntilProbe();
    for (int step = 0; step < 400 && router.pacing(); step++) {
      now += 5;
      router.pace();
      recordSendTimes();
    }

    List<Integer> rtx = rtxIndexes();
    assertThat(rtx).as("padding packets of the first probe").hasSizeGreaterThanOrEqualTo(5);
    assertThat(consumer.paddingPacketsSent()).isEqualTo(rtx.size());
    RtpPacket lastMedia = subscriber.rtp(rtx.get(0) - 1);
    int previousWide = wideSeq(lastMedia);
    int firstRtxSeq = subscriber.rtp(rtx.get(0)).sequenceNumber();
    for (int n = 0; n < rtx.size(); n++) {
      byte[] bytes = subscriber.rtp.get(rtx.get(n));
      RtpPacket padding = new RtpPacket().wrap(bytes, 0, bytes.length);
      assertThat(padding.hasPadding()).isTrue();
      assertThat(padding.payloadLength()).as("padding only").isZero();
      assertThat(padding.paddingLength()).isBetween(1, 255);
      assertThat(bytes[bytes.length - 1] & 0xFF).isEqualTo(padding.paddingLength());
      assertThat(padding.payloadType()).isEqualTo(SUB_RTX);
      assertThat(padding.marker()).isFalse();
      assertThat(padding.timestamp()).isEqualTo(lastMedia.timestamp());
      assertThat(padding.sequenceNumber()).isEqualTo((firstRtxSeq + n) & 0xFFFF);
      int midAt = padding.extensions().valueOffset(SUB_MID_EXT);
      assertThat(new String(bytes, midAt, padding.extensions().valueLength(SUB_MID_EXT),
          StandardCharsets.US_ASCII)).isEqualTo("sub-1");
      int wide = wideSeq(padding);
      if (rtx.get(n) == rtx.get(0) + n) {
        assertThat(wide).as("transport-wide numbers run on from the media")
            .isEqualTo((previousWide + 1) & 0xFFFF);
      }
      previousWide = wide;
    }
    // the media stream's own sequence numbers are untouched by the probe
    int before = subscriber.rtp(rtx.get(0) - 1).sequenceNumber();
    now += 8;
    publish(false);
    RtpPacket next = subscriber.rtp(subscriber.rtp.size() - 1);
    assertThat(next.ssrc()).isEqualTo(SUB_SSRC);
    assertThat(next.sequenceNumber()).isEqualTo((before + 1) & 0xFFFF);
  }

  @Test
  void aProbeIsPacedAtItsTargetAndNeverAboveWhatTheSubscriberCouldUse() {
    consumer(SUB_RTX_SSRC);
    mediaUntilProbe();
    int firstProbe = subscriber.rtp.size();
    for (int step = 0; step < 400 && router.pacing(); step++) {
      now += 5;
      router.pace();
      recordSendTimes();
    }

    List<Integer> rtx = rtxIndexes();
    long bytes = 0;
    for (int i : rtx) {
      bytes += subscriber.rtp.get(i).length;
    }
    long lastAt = sendTimes.get(rtx.get(rtx.size() - 1));
    long firstAt = sendTimes.get(rtx.get(0));
    ProbeCluster cluster = router.lastProbe(subscriber);
    // what the subscriber could use: its tracks at the top layer it asked for, or the next
    // upgrade's need when the allocator's upgrade margin puts that higher
    long desired = Math.max(router.allocation(subscriber).desiredBps(),
        router.allocation(subscriber).nextStepBps());
    double rateBps = (bytes - subscriber.rtp.get(rtx.get(rtx.size() - 1)).length) * 8_000.0
        / Math.max(1, lastAt - firstAt);
    System.out.printf("probe: target %d kbit/s (estimate %d, could use %d), %d bytes planned;"
        + " sent %d padding packets, %d bytes over %d ms (%.0f kbit/s)%n",
        cluster.targetBps() / 1000, router.allocation(subscriber).estimateBps() / 1000,
        desired / 1000, cluster.bytes(), rtx.size(), bytes, lastAt - firstAt, rateBps / 1000);
    assertThat(rtx.get(0)).isGreaterThanOrEqualTo(firstProbe - 1);
    assertThat(cluster.targetBps()).as("never above what the subscriber could use, +10 %")
        .isLessThanOrEqualTo((long) (desired * 1.10));
    assertThat(bytes).as("no burst beyond the cluster")
        .isBetween((long) cluster.bytes(), cluster.bytes() + 280L);
    long durationMs = cluster.bytes() * 8_000L / cluster.targetBps();
    assertThat(lastAt - firstAt).as("paced over the cluster's %d ms, not in one burst",
        durationMs).isBetween(durationMs - 10, durationMs + 10);
    assertThat(rateBps).isBetween(cluster.targetBps() * 0.8, cluster.targetBps() * 1.2);
  }

  @Test
  void onAClearPathProbesRaiseTheStartEstimateWithoutPausingTheVideo() {
    router.applyAllocation(true);
    List<Boolean> pauses = new ArrayList<>();
    router.onBandwidthPause((paused, isPaused) -> pauses.add(isPaused));
    Consumer consumer = consumer(SUB_RTX_SSRC);
    long atTwoSeconds = 0;
    long startedAt = now;
    for (int ms = 0; ms < 15_000; ms += 4) {
      now += 4;
      if (atTwoSeconds == 0 && now - startedAt >= 2_000) {
        atTwoSeconds = router.estimateBps(subscriber);
      }
      if (ms % 8 == 0) {
        publish(ms % 2_000 == 0); // ~1.4 Mbit/s, a key frame every 2 s
        recordSendTimes();
      }
      if (ms % 48 == 0) {
        feedbackAndTick(); // a clear path: everything arrives 20 ms after it left
      }
      if (router.pacing()) { // the room's pacing timer
        router.pace();
        recordSendTimes();
      }
    }

    System.out.printf("start: pauses %s; %d padding packets; estimate %d kbit/s at 2 s%n",
        pauses, consumer.paddingPacketsSent(), atTwoSeconds / 1000);
    assertThat(consumer.paddingPacketsSent()).as("probed").isPositive();
    assertThat(atTwoSeconds).as("probes raised the 1 Mbit/s start within 2 s")
        .isGreaterThan(1_400_000);
    assertThat(pauses).as("and the video was never paused").isEmpty();
    assertThat(router.estimateBps(subscriber)).isGreaterThan(1_000_000);
  }

  @Test
  void withoutRtxNoPaddingIsSentAndTheMediaSequenceStaysIntact() {
    consumer(0);
    mediaUntilProbe();
    int sent = subscriber.rtp.size();
    for (int step = 0; step < 40; step++) {
      now += 5;
      router.pace();
      router.tick(now);
    }

    assertThat(subscriber.rtp).hasSize(sent);
    for (int i = 1; i < sent; i++) {
      assertThat(subscriber.rtp(i).ssrc()).isEqualTo(SUB_SSRC);
      assertThat(subscriber.rtp(i).sequenceNumber())
          .isEqualTo((subscriber.rtp(i - 1).sequenceNumber() + 1) & 0xFFFF);
    }
  }

  @Test
  void probingOffSendsNoPadding() {
    router.probing(false);
    consumer(SUB_RTX_SSRC);
    mediaUntilProbe();
    for (int step = 0; step < 40; step++) {
      now += 5;
      router.pace();
    }

    assertThat(rtxIndexes()).isEmpty();
    assertThat(router.pacing()).isFalse();
  }

  @Test
  void forwardingAndPaddingAllocateNothingPerPacket() {
    CountingSender counting = new CountingSender();
    Router quiet = new Router(new Random(2));
    quiet.microsClock(() -> now * 1000);
    Producer producer = quiet.createProducer(new ProducerParameters("p1", "video", "0",
        PUB_SSRC, 0, Map.of(VP8, 90_000), Map.of(), Map.of(VP8, VideoCodec.VP8), Packets.MID_EXT,
        0, false), publisher);
    Consumer padder = quiet.createConsumer(producer, new ConsumerParameters("c1", SUB_SSRC,
        SUB_RTX_SSRC, Map.of(VP8, SUB_VP8), Map.of(SUB_VP8, SUB_RTX), Map.of(), SUB_MID_EXT,
        "sub-1", SUB_TCC_EXT), counting, now);
    byte[][] packets = new byte[8_000][];
    for (int i = 0; i < packets.length; i++) {
      int seq = publishedSeq + i;
      packets[i] = Packets.vp8(PUB_SSRC, VP8, seq & 0xFFFF, seq / 4 * 3000L, "0", i == 0, 1000);
    }
    forward(quiet, packets, 0, 2_000, padder);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    // three windows: something allocated per packet shows in each (2,000 x its size); one-off
    // allocations of 336-480 bytes inside onRtp or the padding at a random packet, seen in most
    // runs within the whole suite and never alone, not attributed yet, show in one or two
    long[] allocated = new long[3];
    for (int window = 0; window < allocated.length; window++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      forward(quiet, packets, 2_000 * (window + 1), 2_000 * (window + 2), padder);
      allocated[window] = threads.getCurrentThreadAllocatedBytes() - before;
    }

    System.out.printf("2,000 forwarded and 2,000 padding packets: %s bytes allocated%n",
        java.util.Arrays.toString(allocated));
    assertThat(padder.paddingPacketsSent()).isEqualTo(8_000);
    assertThat(counting.packets).isEqualTo(16_000);
    assertThat(java.util.Arrays.stream(allocated).min().orElseThrow()).isLessThan(1_024);
  }

  private void forward(Router quiet, byte[][] packets, int from, int to, Consumer padder) {
    for (int i = from; i < to; i++) {
      now += 1;
      quiet.onRtp(publisher, packets[i], 0, packets[i].length, now);
      padder.sendPadding(200, 3);
    }
  }

  /** A subscriber's sending side that only counts, so measuring allocation sees the router's. */
  private static final class CountingSender implements dev.vertxsfu.media.transport.MediaSender {
    long packets;

    @Override
    public boolean sendRtp(byte[] buf, int off, int len) {
      packets++;
      return true;
    }

    @Override
    public boolean sendRtcp(byte[] buf, int off, int len) {
      return true;
    }

    @Override
    public boolean isConnected() {
      return true;
    }
  }
}
