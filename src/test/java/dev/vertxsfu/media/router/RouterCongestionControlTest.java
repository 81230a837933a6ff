package dev.vertxsfu.media.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.wire.rtcp.ReceiverEstimatedMaxBitrate;
import dev.vertxsfu.wire.rtcp.ReceiverReport;
import dev.vertxsfu.wire.rtcp.ReportBlock;
import dev.vertxsfu.wire.rtcp.TransportWideCcFeedback;
import dev.vertxsfu.wire.rtcp.TransportWideCcFeedbackBuilder;
import dev.vertxsfu.wire.rtp.RtpPacket;
import dev.vertxsfu.wire.rtp.codec.VideoCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The router's side of congestion control toward a subscriber: transport-wide sequence numbers
 * stamped on what it sends, the subscriber's feedback and REMB read into its estimate, and the
 * allocation applied to its consumers. Synthetic packets, a fake clock (ms for the router, the
 * same in µs for the send times).
 */
@Tag("fast")
class RouterCongestionControlTest {
  static final long PUB_SSRC = 1111;
  static final int VP8 = 96;
  static final long SUB_SSRC = 2222;
  static final int SUB_VP8 = 100;
  static final int SUB_MID_EXT = 9;
  static final int SUB_TCC_EXT = 5;

  final Router router = new Router(new Random(1));
  final RecordingSender publisher = new RecordingSender();
  final RecordingSender subscriber = new RecordingSender();
  final List<Boolean> pauses = new ArrayList<>();
  long now = 10_000;
  int publishedSeq = 100;

  RouterCongestionControlTest() {
    router.microsClock(() -> now * 1000);
    router.onBandwidthPause((consumer, paused) -> pauses.add(paused));
  }

  Producer producer() {
    return router.createProducer(new ProducerParameters("p1", "video", "0", PUB_SSRC, 0,
        Map.of(VP8, 90_000), Map.of(), Map.of(VP8, VideoCodec.VP8), Packets.MID_EXT, 0, false),
        publisher);
  }

  Consumer consumer(Producer producer, int transportCcExtensionId) {
    return router.createConsumer(producer, new ConsumerParameters("c1", SUB_SSRC, 0,
        Map.of(VP8, SUB_VP8), Map.of(), Map.of(), SUB_MID_EXT, "sub-1", transportCcExtensionId),
        subscriber, now);
  }

  /** One packet of ~1 kB from the publisher: every 8 ms that is about 1 Mbit/s. */
  void publish(boolean keyFrame) {
    int seq = publishedSeq++;
    byte[] packet = Packets.vp8(PUB_SSRC, VP8, seq, seq / 4 * 3000L, "0", keyFrame, 1000);
    router.onRtp(publisher, packet, 0, packet.length, now);
  }

  int transportWideSequence(int index) {
    RtpPacket packet = subscriber.rtp(index);
    int at = packet.extensions().valueOffset(SUB_TCC_EXT);
    assertThat(packet.extensions().valueLength(SUB_TCC_EXT)).isEqualTo(2);
    return ((packet.buffer()[at] & 0xFF) << 8) | (packet.buffer()[at + 1] & 0xFF);
  }

  @Test
  void packetsToASubscriberWithTheExtensionCarryConsecutiveTransportWideNumbers() {
    consumer(producer(), SUB_TCC_EXT);
    publish(true);
    publish(false);
    publish(false);

    assertThat(subscriber.rtp).hasSize(3);
    int first = transportWideSequence(0);
    assertThat(transportWideSequence(1)).isEqualTo((first + 1) & 0xFFFF);
    assertThat(transportWideSequence(2)).isEqualTo((first + 2) & 0xFFFF);
    assertThat(subscriber.rtp(0).extensions().valueLength(SUB_MID_EXT)).isEqualTo(5);
  }

  @Test
  void aSubscriberWithoutTheExtensionGetsNoNumberAndNoEstimate() {
    consumer(producer(), 0);
    publish(true);

    assertThat(subscriber.rtp(0).extensions().valueOffset(SUB_TCC_EXT)).isEqualTo(-1);
    assertThat(router.estimateBps(subscriber)).isEqualTo(-1);
  }

  @Test
  void transportWideFeedbackOfAClearPathRaisesTheEstimateWithinTheSendRateAndAllocates() {
    // the ~1 Mbit/s sent whatever the estimate: without RTX no probe could lift a paused track
    router.applyAllocation(false);
    consumer(producer(), SUB_TCC_EXT);
    TransportWideCcFeedbackBuilder feedback = new TransportWideCcFeedbackBuilder(SUB_SSRC, 0, 0);
    int reported = 0;
    int count = 0;
    for (int ms = 0; ms < 15_000; ms += 8) {
      now += 8;
      publish(ms == 0);
      if (ms % 48 == 0) {
        // everything sent so far arrived 20 ms after it left, at the rate it left
        for (; reported < subscriber.rtp.size(); reported++) {
          feedback.addReceivedPacket(transportWideSequence(reported),
              (now - 8L * (subscriber.rtp.size() - 1 - reported) + 20) * 1000);
        }
        if (!feedback.isEmpty()) {
          TransportWideCcFeedback built = feedback.build();
          byte[] bytes = new byte[built.serializedLength() + 20];
          int length = built.write(bytes, 0);
          router.onRtcp(subscriber, bytes, 0, length, now);
          feedback.reset(SUB_SSRC, 0, ++count & 0xFF);
        }
        router.tick(now);
      }
    }

    // from the 300 kbit/s start, some percent a second, never past 1.5x the ~1 Mbit/s acked
    assertThat(router.estimateBps(subscriber)).isBetween(600_000L, 1_600_000L);
    assertThat(router.allocation(subscriber)).isNotNull();
    assertThat(router.allocation(subscriber).estimateBps()).isGreaterThan(500_000L);
    assertThat(router.allocation(subscriber).track("c1")).isNotNull();
  }

  @Test
  void aRembTooLowForTheVideoPausesItAndAHigherOneResumesIt() {
    router.applyAllocation(true);
    consumer(producer(), 0);
    publish(true);
    for (int i = 0; i < 250; i++) { // 2 s at ~1 Mbit/s: the producer's rate is measured
      now += 8;
      publish(false);
    }
    // below a quarter of the ~1 Mbit/s of its only layer (StreamAllocator.SINGLE_LAYER_SHARE)
    remb(200_000);
    router.tick(now);

    assertThat(pauses).containsExactly(true);
    int sent = subscriber.rtp.size();
    now += 8;
    publish(true);
    assertThat(subscriber.rtp).hasSize(sent);

    // the estimate climbs back by some percent a second, and the allocator holds before it
    // resumes: well within 30 s
    for (int i = 0; i < 3_750 && pauses.size() < 2; i++) {
      now += 8;
      publish(i % 25 == 0);
      if (i % 25 == 0) {
        remb(5_000_000);
        receiverReport(0); // no loss: the loss-based part climbs
        router.tick(now);
      }
    }
    assertThat(pauses).containsExactly(true, false);
    now += 8;
    publish(true);
    assertThat(subscriber.rtp).hasSize(sent + 1);
  }

  @Test
  void aScreenShareGetsTheBandwidthBeforeACamera() {
    router.applyAllocation(true);
    List<String> paused = new ArrayList<>();
    router.onBandwidthPause((consumer, isPaused) -> paused.add(consumer.id() + " " + isPaused));
    Producer camera = producer();
    Producer screen = router.createProducer(new ProducerParameters("p2", "video", "1", 4444, 0,
        Map.of(VP8, 90_000), Map.of(), Map.of(VP8, VideoCodec.VP8), Packets.MID_EXT, 0, false),
        publisher);
    screen.screenShare(true);
    router.createConsumer(camera, new ConsumerParameters("a-camera", SUB_SSRC, 0,
        Map.of(VP8, SUB_VP8), Map.of(), Map.of(), SUB_MID_EXT, "sub-1", 0), subscriber, now);
    router.createConsumer(screen, new ConsumerParameters("b-screen", SUB_SSRC + 1, 0,
        Map.of(VP8, SUB_VP8), Map.of(), Map.of(), SUB_MID_EXT, "sub-2", 0), subscriber, now);
    // ~1 Mbit/s each, one layer each; the REMB-only estimate starts at 1 Mbit/s and may climb
    // with clean receiver reports to the REMB's 1.1 Mbit/s: room for one of the two, and less
    // than a quarter of the other left (StreamAllocator.SINGLE_LAYER_SHARE)
    for (int i = 0; i < 3_750 && !paused.stream().anyMatch(e -> e.endsWith("false")); i++) {
      now += 8;
      int seq = publishedSeq++;
      byte[] a = Packets.vp8(PUB_SSRC, VP8, seq, seq / 4 * 3000L, "0", i % 25 == 0, 1000);
      byte[] b = Packets.vp8(4444, VP8, seq, seq / 4 * 3000L, "1", i % 25 == 0, 1000);
      router.onRtp(publisher, a, 0, a.length, now);
      router.onRtp(publisher, b, 0, b.length, now);
      if (i >= 250 && i % 25 == 0) { // after 2 s, when the producers' rates are measured
        remb(1_100_000);
        receiverReport(0);
        router.tick(now);
      }
    }

    // by id the camera ("a-camera") would come first; as a screen share "b-screen" does
    assertThat(paused).containsExactly("a-camera true");
  }

  void receiverReport(int fractionLost) {
    ReceiverReport report = new ReceiverReport(SUB_SSRC + 1,
        List.of(new ReportBlock(SUB_SSRC, fractionLost, 0, 1000, 0, 0, 0)));
    byte[] bytes = new byte[report.serializedLength() + 20];
    int length = report.write(bytes, 0);
    router.onRtcp(subscriber, bytes, 0, length, now);
  }

  void remb(long bps) {
    ReceiverEstimatedMaxBitrate remb = ReceiverEstimatedMaxBitrate.of(SUB_SSRC, bps,
        List.of(SUB_SSRC));
    byte[] bytes = new byte[remb.serializedLength() + 20];
    int length = remb.write(bytes, 0);
    router.onRtcp(subscriber, bytes, 0, length, now);
  }
}
