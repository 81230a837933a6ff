package dev.vertxsfu.media.router;

import static dev.vertxsfu.media.router.SimulcastPackets.MID_EXT;
import static dev.vertxsfu.media.router.SimulcastPackets.REPAIRED_RID_EXT;
import static dev.vertxsfu.media.router.SimulcastPackets.RID_EXT;
import static dev.vertxsfu.media.router.SimulcastPackets.RTX;
import static dev.vertxsfu.media.router.SimulcastPackets.VP8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.media.router.SimulcastPackets.Vp8;
import dev.vertxsfu.wire.rtcp.PictureLossIndication;
import dev.vertxsfu.wire.rtp.RtpPacket;
import dev.vertxsfu.wire.rtp.codec.VideoCodec;
import dev.vertxsfu.wire.rtp.codec.Vp8PayloadDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A simulcast consumer on synthetic packets of three VP8 layers (320x180, 640x360, 1280x720),
 * one packet per frame at 30 fps, each layer with its own SSRC, sequence numbers, timestamps and
 * PictureIDs; a fake clock.
 */
@Tag("fast")
class SimulcastConsumerTest {
  static final long[] SSRC = {1001, 1002, 1003};
  static final String[] RID = {"q", "h", "f"};
  static final int[] SEQ_BASE = {1000, 30000, 65000};
  static final long[] TS_BASE = {100_000, 7_000_000, 4_000_000_000L};
  static final int[] PICTURE_BASE = {10, 2000, 32000};
  static final int[][] SIZE = {{320, 180}, {640, 360}, {1280, 720}};
  static final long SUB_SSRC = 5555;
  static final int SUB_VP8 = 100;

  final Router router = new Router(new Random(7));
  final RecordingSender publisher = new RecordingSender();
  final RecordingSender subscriber = new RecordingSender();
  final List<ConsumerLayer> changes = new ArrayList<>();
  long now = 10_000;
  int frame;
  Producer producer;
  SimulcastConsumer consumer;

  @BeforeEach
  void setUp() {
    router.onLayerChanged((c, layer) -> changes.add(layer));
    producer = router.createProducer(new ProducerParameters("p1", "video", "0", 0, 0,
        Map.of(VP8, 90_000), Map.of(RTX, VP8), Map.of(VP8, VideoCodec.VP8), MID_EXT, 0, false,
        List.of(new ProducerParameters.Encoding("q", 0, 0),
            new ProducerParameters.Encoding("h", 0, 0),
            new ProducerParameters.Encoding("f", 0, 0)), RID_EXT, REPAIRED_RID_EXT), publisher);
    nextFrame(true, true, true); // every layer shows its size before anyone subscribes
  }

  void subscribe(LayerSelector.Wish wish) {
    consumer = (SimulcastConsumer) router.createConsumer(producer, new ConsumerParameters("c1",
        SUB_SSRC, 0, Map.of(VP8, SUB_VP8), Map.of(), Map.of(), 0, "v"), subscriber, now);
    consumer.applyWish(wish, now);
  }

  /** The next frame on every layer; a key frame on the layers marked. */
  void nextFrame(boolean key0, boolean key1, boolean key2) {
    boolean[] key = {key0, key1, key2};
    for (int layer = 0; layer < 3; layer++) {
      send(layer, key[layer], frame % 4 == 0 ? 0 : frame % 2 == 0 ? 1 : 2);
    }
    frame++;
    now += 33;
  }

  void send(int layer, boolean key, int tid) {
    int pictureId = (PICTURE_BASE[layer] + frame) & 0x7FFF;
    Vp8 vp8 = key ? Vp8.key(pictureId, frame / 4, SIZE[layer][0], SIZE[layer][1])
        : new Vp8(pictureId, frame / 4, tid, false, 0, 0);
    byte[] p = SimulcastPackets.vp8(SSRC[layer], (SEQ_BASE[layer] + frame) & 0xFFFF,
        (TS_BASE[layer] + frame * 3000L) & 0xFFFFFFFFL, "0", RID[layer], vp8, 1000 + layer);
    router.onRtp(publisher, p, 0, p.length, now);
  }

  /** Sender reports of every layer for the same instant (frame {@code at}). */
  void senderReports(int at) {
    long ntp = (3_900_000_000L << 32) + ((long) at << 32) / 30;
    for (int layer = 0; layer < 3; layer++) {
      producer.onSenderReport(SSRC[layer], ntp, (TS_BASE[layer] + at * 3000L) & 0xFFFFFFFFL,
          now);
    }
  }

  /** Which layer a sent packet came from: layer n's payloads are 1,000 + n bytes. */
  static int layerOf(RtpPacket packet) {
    return packet.payloadLength() - 1000;
  }

  /** The next frame on one layer only (the others' packets of that instant come later). */
  void only(int layer, boolean key) {
    send(layer, key, 0);
    frame++;
    now += 33;
  }

  /**
   * Frames without key frames, with the room's timer, until a key-frame request held back by
   * the producer's spacing between requests for different layers has gone out.
   *
   * @return how many frames it took
   */
  int spacingPasses() {
    long until = now + PublisherFeedback.REQUEST_SPACING_MILLIS;
    int frames = 0;
    while (now <= until) {
      nextFrame(false, false, false);
      router.tick(now);
      frames++;
    }
    return frames;
  }

  List<RtpPacket> sent() {
    List<RtpPacket> packets = new ArrayList<>();
    for (int i = 0; i < subscriber.rtp.size(); i++) {
      packets.add(subscriber.rtp(i));
    }
    return packets;
  }

  List<Long> plisFor() {
    return publisher.rtcp(PictureLossIndication.class).stream()
        .map(PictureLossIndication::mediaSsrc).toList();
  }

  static void assertContinuous(List<RtpPacket> packets) {
    assertContinuous(packets, 3000);
  }

  /** Sequence numbers without a gap, timestamps rising by at most {@code maxStep}. */
  static void assertContinuous(List<RtpPacket> packets, long maxStep) {
    for (int i = 1; i < packets.size(); i++) {
      RtpPacket previous = packets.get(i - 1);
      RtpPacket packet = packets.get(i);
      assertThat(packet.ssrc()).isEqualTo(SUB_SSRC);
      assertThat(packet.sequenceNumber()).as("sequence number after %d", i - 1)
          .isEqualTo((previous.sequenceNumber() + 1) & 0xFFFF);
      long step = (packet.timestamp() - previous.timestamp()) & 0xFFFFFFFFL;
      assertThat(step).as("timestamp step after %d", i - 1).isBetween(1L, maxStep);
    }
  }

  static int pictureId(RtpPacket packet) {
    return Vp8PayloadDescriptor.pictureId(packet.buffer(), packet.payloadOffset(),
        packet.payloadLength());
  }

  @Test
  void whenTheLinkShrankTheOldLayerStopsAtItsNextFrameUntilTheLowerLayersKeyFrame() {
    subscribe(new LayerSelector.Wish(1280, 720, false));
    nextFrame(false, false, true);
    nextFrame(false, false, false);
    consumer.onBandwidthAllocation(false, 1, now); // nothing fits: the lowest layer
    consumer.onLinkShrank();
    nextFrame(false, false, false); // layer 2: shed, not sent
    nextFrame(false, false, false);
    nextFrame(true, false, false); // layer 0's key frame: the switch
    nextFrame(false, false, false);

    List<RtpPacket> packets = sent();
    assertThat(packets).extracting(SimulcastConsumerTest::layerOf).containsExactly(2, 2, 0, 0);
    assertContinuous(packets, 4 * 3000);
    assertThat(consumer.currentSpatial()).isZero();
  }

  @Test
  void aStepDownWithoutTheLinkShrinkingSendsTheOldLayerUntilTheSwitch() {
    subscribe(new LayerSelector.Wish(1280, 720, false));
    nextFrame(false, false, true);
    consumer.onBandwidthAllocation(false, 1, now);
    nextFrame(false, false, false);
    nextFrame(true, false, false);

    assertThat(sent()).extracting(SimulcastConsumerTest::layerOf).containsExactly(2, 2, 0);
  }

  @Test
  void aShedLayerThatFitsAgainResumesAtItsOwnKeyFrameOverTheGap() {
    subscribe(new LayerSelector.Wish(1280, 720, false));
    nextFrame(false, false, true);
    consumer.onBandwidthAllocation(false, 1, now);
    consumer.onLinkShrank();
    nextFrame(false, false, false); // shed
    consumer.onBandwidthAllocation(false, LayerSelector.UNLIMITED, now); // back before layer 0's
    assertThat(consumer.keyFrameWanted()).isEqualTo(2);
    nextFrame(true, false, false); // not ours any more
    nextFrame(false, false, false); // still shed: no key frame of layer 2 yet
    nextFrame(false, false, true);
    nextFrame(false, false, false);

    List<RtpPacket> packets = sent();
    assertThat(packets).extracting(SimulcastConsumerTest::layerOf).containsExactly(2, 2, 2);
    assertContinuous(packets, 5 * 3000);
    assertThat(consumer.currentSpatial()).isEqualTo(2);
  }

  @Test
  void waitsForAKeyFrameOfItsTargetLayerAndAsksForOne() {
    subscribe(new LayerSelector.Wish(640, 360, false));
    assertThat(consumer.targetSpatial()).isEqualTo(1);
    spacingPasses(); // the consumer asked for layer 2 as it started
    assertThat(plisFor()).contains(SSRC[1]);

    nextFrame(false, false, false);
    nextFrame(true, false, true); // key frames, but not of layer 1
    assertThat(subscriber.rtp).isEmpty();

    nextFrame(false, true, false);
    nextFrame(false, false, false);

    assertThat(sent()).hasSize(2);
    assertThat(consumer.currentSpatial()).isEqualTo(1);
    assertThat(changes).containsExactly(new ConsumerLayer(1, -1, "h", 640, 360));
  }

  @Test
  void switchingUpKeepsSequenceNumbersAndTimestampsContinuousAndDropsTheOldLayer() {
    subscribe(new LayerSelector.Wish(320, 180, false));
    nextFrame(true, false, false);
    for (int i = 0; i < 5; i++) {
      nextFrame(false, false, false);
    }
    assertThat(sent()).hasSize(6);

    consumer.applyWish(new LayerSelector.Wish(1280, 720, false), now);
    assertThat(plisFor()).contains(SSRC[2]);
    nextFrame(false, false, false); // still layer 0 until layer 2's key frame
    nextFrame(false, false, true); // layer 0's packet of this instant comes first
    int switchedAt = subscriber.rtp.size() - 1;
    for (int i = 0; i < 5; i++) {
      nextFrame(false, false, false);
    }

    List<RtpPacket> packets = sent();
    assertThat(packets).extracting(SimulcastConsumerTest::layerOf)
        .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2);
    assertThat(switchedAt).isEqualTo(8);
    assertContinuous(packets);
    assertThat(consumer.currentSpatial()).isEqualTo(2);
    assertThat(changes).extracting(ConsumerLayer::spatial).containsExactly(0, 2);
  }

  @Test
  void noPacketOfTheOldLayerLeavesAfterTheSwitchPoint() {
    subscribe(new LayerSelector.Wish(1280, 720, false));
    nextFrame(false, false, true);
    nextFrame(false, false, false);
    consumer.applyWish(new LayerSelector.Wish(320, 180, false), now);
    nextFrame(true, false, false); // the switch point
    int switchedAt = subscriber.rtp.size() - 1;
    for (int i = 0; i < 4; i++) {
      nextFrame(false, false, true); // layer 2's key frames must not bring it back
    }

    List<RtpPacket> packets = sent();
    assertThat(packets).extracting(SimulcastConsumerTest::layerOf)
        .containsExactly(2, 2, 0, 0, 0, 0, 0);
    // PictureIDs after the switch continue the sent ones and move as layer 0's do
    for (int i = switchedAt + 1; i < packets.size(); i++) {
      assertThat(pictureId(packets.get(i)))
          .isEqualTo((pictureId(packets.get(i - 1)) + 1) & 0x7FFF);
    }
    assertThat(packets).hasSize(switchedAt + 5);
    assertContinuous(packets);
    assertThat(consumer.currentSpatial()).isZero();
  }

  @Test
  void switchingDownKeepsPictureIdsContinuous() {
    subscribe(LayerSelector.Wish.ANY);
    nextFrame(false, false, true);
    nextFrame(false, false, false);
    consumer.applyWish(new LayerSelector.Wish(640, 360, false), now);
    int frames = spacingPasses(); // layer 2 was asked for as the consumer started
    assertThat(plisFor()).contains(SSRC[1]);
    nextFrame(false, true, false);
    nextFrame(false, false, false);

    List<RtpPacket> packets = sent();
    assertThat(packets).hasSize(2 + frames + 2);
    assertThat(packets.subList(0, 2 + frames)).extracting(SimulcastConsumerTest::layerOf)
        .containsOnly(2);
    assertThat(packets.subList(2 + frames, packets.size()))
        .extracting(SimulcastConsumerTest::layerOf).containsExactly(1, 1);
    for (int i = 1; i < packets.size(); i++) {
      assertThat(pictureId(packets.get(i)))
          .isEqualTo((pictureId(packets.get(i - 1)) + 1) & 0x7FFF);
    }
    assertContinuous(packets);
  }

  @Test
  void theNewLayersTimestampsComeFromTheSenderReportsMapping() {
    subscribe(new LayerSelector.Wish(320, 180, false));
    senderReports(frame);
    nextFrame(true, false, false);
    nextFrame(false, false, false);
    consumer.applyWish(new LayerSelector.Wish(1280, 720, false), now);
    now += 7; // a late packet: the wall clock would say 40 ms, the reports say one frame
    only(2, true);

    List<RtpPacket> packets = sent();
    assertThat(packets).hasSize(3);
    long step = (packets.get(2).timestamp() - packets.get(1).timestamp()) & 0xFFFFFFFFL;
    assertThat(step).isEqualTo(3000);
  }

  @Test
  void withoutSenderReportsTheTimestampMovesOnByTheWallClock() {
    subscribe(new LayerSelector.Wish(320, 180, false));
    nextFrame(true, false, false);
    nextFrame(false, false, false);
    consumer.applyWish(new LayerSelector.Wish(1280, 720, false), now);
    now += 7;
    only(2, true);

    List<RtpPacket> packets = sent();
    long step = (packets.get(2).timestamp() - packets.get(1).timestamp()) & 0xFFFFFFFFL;
    assertThat(step).isEqualTo(40 * 90);
  }

  @Test
  void framesAboveTheTemporalLayerOfTheFrameRateAskedForAreDroppedWithoutAGap() {
    subscribe(new LayerSelector.Wish(320, 180, 8, false));
    nextFrame(true, false, false); // frame 0: key
    for (int i = 0; i < 11; i++) {
      nextFrame(false, false, false); // frames 1..11: TID 2,1,2,0,2,1,2,0,...
    }

    List<RtpPacket> packets = sent();
    assertThat(packets).hasSize(4); // the key frame (frame 1), frames 4, 8 and 12 (TID 0)
    for (int i = 1; i < packets.size(); i++) {
      assertThat(packets.get(i).sequenceNumber())
          .isEqualTo((packets.get(i - 1).sequenceNumber() + 1) & 0xFFFF);
    }
    assertThat(consumer.currentLayer().temporal()).isZero();
  }

  @Test
  void aPausedTrackGetsNoPacketsAndResumesAtAKeyFrame() {
    subscribe(new LayerSelector.Wish(320, 180, false));
    nextFrame(true, false, false);
    consumer.applyWish(new LayerSelector.Wish(320, 180, true), now);
    nextFrame(true, true, true);
    nextFrame(false, false, false);
    assertThat(sent()).hasSize(1);
    assertThat(consumer.currentLayer()).isEqualTo(ConsumerLayer.NONE);
    assertThat(consumer.waitingForKeyFrame()).isFalse();

    consumer.applyWish(new LayerSelector.Wish(320, 180, false), now);
    nextFrame(false, false, false);
    nextFrame(true, false, false);

    List<RtpPacket> packets = sent();
    assertThat(packets).hasSize(2);
    assertContinuous(packets, 5 * 33 * 90); // the time it was paused
    assertThat(changes).extracting(ConsumerLayer::spatial).containsExactly(0, -1, 0);
  }

  @Test
  void whenItsLayerStopsItMovesToOneStillFlowing() {
    subscribe(LayerSelector.Wish.ANY);
    nextFrame(false, false, true);
    long stopped = now;
    while (consumer.targetSpatial() == 2) { // layer 2 stops (the publisher is CPU-limited)
      send(0, false, 0);
      send(1, false, 0);
      frame++;
      now += 33;
      router.tick(now);
    }
    assertThat(now - stopped).isLessThanOrEqualTo(1000);
    assertThat(consumer.targetSpatial()).isEqualTo(1);
    assertThat(plisFor()).contains(SSRC[1]);
    send(1, true, 0);

    assertThat(consumer.currentSpatial()).isEqualTo(1);
    assertThat(sent()).extracting(SimulcastConsumerTest::layerOf).containsExactly(2, 1);
    assertContinuous(sent(), (now - stopped + 33) * 90); // the time layer 2 was missing
  }

  @Test
  void aNackAfterASwitchIsAnsweredFromTheNewLayerWithItsTimestampRewritten() {
    subscribe(new LayerSelector.Wish(320, 180, false));
    nextFrame(true, false, false);
    consumer.applyWish(new LayerSelector.Wish(1280, 720, false), now);
    only(2, true);
    only(2, false);
    RtpPacket lost = sent().get(2);

    consumer.onNack(lost.sequenceNumber(), now);
    consumer.onNack(sent().get(0).sequenceNumber(), now); // before the switch: refused

    assertThat(subscriber.rtp).hasSize(4);
    RtpPacket resent = subscriber.rtp(3);
    assertThat(resent.sequenceNumber()).isEqualTo(lost.sequenceNumber());
    assertThat(resent.timestamp()).isEqualTo(lost.timestamp());
    assertThat(pictureId(resent)).isEqualTo(pictureId(lost));
  }

  @Test
  void theCongestionControllersBudgetAndPauseBoundTheLayerApartFromTheSubscribersPause() {
    subscribe(LayerSelector.Wish.ANY);
    for (int i = 0; i < 40; i++) {
      nextFrame(i == 0, i == 0, i == 0);
    }
    assertThat(consumer.targetSpatial()).isEqualTo(2);

    consumer.onBandwidthAllocation(false, 1, now); // below every layer: still the lowest
    assertThat(consumer.targetSpatial()).isZero();
    consumer.onBandwidthAllocation(true, LayerSelector.UNLIMITED, now);
    assertThat(consumer.targetSpatial()).isEqualTo(LayerSelector.NONE);
    consumer.onBandwidthAllocation(false, LayerSelector.UNLIMITED, now);
    assertThat(consumer.targetSpatial()).isEqualTo(2);

    consumer.setPaused(true, now);
    consumer.onBandwidthAllocation(false, LayerSelector.UNLIMITED, now);
    assertThat(consumer.targetSpatial()).as("the subscriber's own pause holds")
        .isEqualTo(LayerSelector.NONE);
  }
}
