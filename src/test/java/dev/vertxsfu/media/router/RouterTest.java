package dev.vertxsfu.media.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.wire.rtcp.GenericNack;
import dev.vertxsfu.wire.rtcp.PictureLossIndication;
import dev.vertxsfu.wire.rtcp.ReceiverReport;
import dev.vertxsfu.wire.rtcp.SenderReport;
import dev.vertxsfu.wire.rtp.RtpPacket;
import dev.vertxsfu.wire.rtp.RtxPacket;
import dev.vertxsfu.wire.rtp.codec.VideoCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The router between one publisher and one subscriber, on synthetic packets and a fake clock. */
@Tag("fast")
class RouterTest {
  static final long PUB_SSRC = 1111;
  static final long PUB_RTX_SSRC = 1112;
  static final int VP8 = 96;
  static final int RTX = 97;
  static final long SUB_SSRC = 2222;
  static final long SUB_RTX_SSRC = 2223;
  static final int SUB_VP8 = 100;
  static final int SUB_RTX = 101;
  static final int SUB_MID_EXT = 9;
  static final int SUB_ABS_EXT = 3;

  final Router router = new Router(new Random(1));
  final RecordingSender publisher = new RecordingSender();
  final RecordingSender subscriber = new RecordingSender();
  long now = 10_000;

  Producer producer(long ssrc) {
    return router.createProducer(new ProducerParameters("p1", "video", "0", ssrc, PUB_RTX_SSRC,
        Map.of(VP8, 90_000), Map.of(RTX, VP8), Map.of(VP8, VideoCodec.VP8), Packets.MID_EXT, 0, false),
        publisher);
  }

  Consumer consumer(Producer producer) {
    return router.createConsumer(producer, new ConsumerParameters("c1", SUB_SSRC, SUB_RTX_SSRC,
        Map.of(VP8, SUB_VP8), Map.of(SUB_VP8, SUB_RTX),
        Map.of(Packets.ABS_SEND_TIME_EXT, SUB_ABS_EXT), SUB_MID_EXT, "sub-7"), subscriber, now);
  }

  void publish(int seq, boolean keyFrame) {
    byte[] packet = Packets.vp8(PUB_SSRC, VP8, seq, seq * 3000L, "0", keyFrame, 200);
    router.onRtp(publisher, packet, 0, packet.length, now);
  }

  @Test
  void aConsumerStartsAtAKeyFrameWithEverythingRewritten() {
    Producer producer = producer(PUB_SSRC);
    consumer(producer);
    assertThat(publisher.rtcp(PictureLossIndication.class)).singleElement()
        .satisfies(pli -> assertThat(pli.mediaSsrc()).isEqualTo(PUB_SSRC));

    publish(500, false);
    assertThat(subscriber.rtp).isEmpty();
    publish(501, true);
    publish(502, false);

    assertThat(subscriber.rtp).hasSize(2);
    RtpPacket first = subscriber.rtp(0);
    RtpPacket second = subscriber.rtp(1);
    assertThat(first.ssrc()).isEqualTo(SUB_SSRC);
    assertThat(first.payloadType()).isEqualTo(SUB_VP8);
    assertThat(first.timestamp()).isEqualTo(501 * 3000L);
    assertThat(second.sequenceNumber()).isEqualTo((first.sequenceNumber() + 1) & 0xFFFF);
    int mid = first.extensions().valueOffset(SUB_MID_EXT);
    assertThat(new String(first.buffer(), mid, first.extensions().valueLength(SUB_MID_EXT),
        StandardCharsets.US_ASCII)).isEqualTo("sub-7");
    assertThat(first.extensions().valueLength(SUB_ABS_EXT)).isEqualTo(3);
    assertThat(first.extensions().valueOffset(Packets.MID_EXT)).isEqualTo(-1);
    assertThat(first.payloadLength()).isEqualTo(200);
  }

  @Test
  void aSubscribersNackIsAnsweredFromTheBufferAsRtx() {
    consumer(producer(PUB_SSRC));
    publish(10, true);
    publish(11, false);
    RtpPacket sent = subscriber.rtp(1);
    int lostSeq = sent.sequenceNumber();

    GenericNack nack = GenericNack.of(SUB_SSRC ^ 1, SUB_SSRC, lostSeq);
    byte[] bytes = nack.toBytes();
    router.onRtcp(subscriber, bytes, 0, bytes.length, now + 50);

    assertThat(subscriber.rtp).hasSize(3);
    RtpPacket rtx = subscriber.rtp(2);
    assertThat(rtx.ssrc()).isEqualTo(SUB_RTX_SSRC);
    assertThat(rtx.payloadType()).isEqualTo(SUB_RTX);
    assertThat(RtxPacket.originalSequenceNumber(rtx)).isEqualTo(lostSeq);
    assertThat(rtx.payloadLength()).isEqualTo(sent.payloadLength() + 2);
    assertThat(router.consumer("c1").nacksAnswered()).isEqualTo(1);
  }

  @Test
  void aGapFromThePublisherIsNackedAndTheRtxRepairIsForwarded() {
    consumer(producer(PUB_SSRC));
    publish(100, true);
    publish(103, false);
    router.tick(now);
    GenericNack nack = publisher.rtcp(GenericNack.class).get(0);
    assertThat(nack.mediaSsrc()).isEqualTo(PUB_SSRC);
    assertThat(nack.lostSequenceNumbers()).containsExactly(101, 102);

    byte[] original = Packets.vp8(PUB_SSRC, VP8, 101, 101 * 3000L, "0", false, 200);
    RtpPacket view = new RtpPacket().wrap(original, 0, original.length);
    byte[] rtx = new byte[original.length + 2];
    int length = RtxPacket.wrap(view, PUB_RTX_SSRC, RTX, 7, rtx, 0);
    router.onRtp(publisher, rtx, 0, length, now + 40);

    assertThat(subscriber.rtp).hasSize(3);
    assertThat(subscriber.rtp(2).ssrc()).isEqualTo(SUB_SSRC);
    assertThat(subscriber.rtp(2).timestamp()).isEqualTo(101 * 3000L);
    assertThat(router.producer("p1").packetsRetransmitted()).isEqualTo(1);
    router.tick(now + 100);
    assertThat(publisher.rtcp(GenericNack.class).get(1).lostSequenceNumbers()).containsExactly(102);
  }

  /** libwebrtc pads and probes with RTX copies of packets it sent: nothing to forward. */
  @Test
  void anRtxCopyOfAPacketThatArrivedIsDroppedNotForwarded() {
    consumer(producer(PUB_SSRC));
    publish(100, true);
    publish(101, false);
    byte[] original = Packets.vp8(PUB_SSRC, VP8, 101, 101 * 3000L, "0", false, 200);
    RtpPacket view = new RtpPacket().wrap(original, 0, original.length);
    for (int i = 0; i < 8; i++) {
      byte[] rtx = new byte[original.length + 2];
      int length = RtxPacket.wrap(view, PUB_RTX_SSRC, RTX, 20 + i, rtx, 0);
      router.onRtp(publisher, rtx, 0, length, now + 10 + i);
    }

    assertThat(subscriber.rtp).hasSize(2);
    assertThat(router.producer("p1").duplicatesDropped()).isEqualTo(8);
    assertThat(router.producer("p1").packetsRetransmitted()).isZero();
    assertThat(router.producer("p1").packetsReceived(0)).isEqualTo(2);
    publish(102, false);
    assertThat(subscriber.rtp).hasSize(3);
    assertThat(subscriber.rtp(2).sequenceNumber())
        .isEqualTo((subscriber.rtp(1).sequenceNumber() + 1) & 0xFFFF);
  }

  @Test
  void subscribersKeyFrameRequestsReachThePublisherAtMostOnceASecond() {
    consumer(producer(PUB_SSRC));
    byte[] pli = new PictureLossIndication(5, SUB_SSRC).toBytes();
    now += 2000;
    router.onRtcp(subscriber, pli, 0, pli.length, now);
    router.onRtcp(subscriber, pli, 0, pli.length, now + 10);
    router.onRtcp(subscriber, pli, 0, pli.length, now + 20);
    assertThat(publisher.rtcp(PictureLossIndication.class)).hasSize(2); // creation + one
    router.tick(now + 999);
    assertThat(publisher.rtcp(PictureLossIndication.class)).hasSize(2);
    router.tick(now + 1000);
    assertThat(publisher.rtcp(PictureLossIndication.class)).hasSize(3); // the deferred one
  }

  @Test
  void thePublishersSenderReportReachesTheSubscriberUnderTheConsumersSsrc() {
    consumer(producer(PUB_SSRC));
    publish(1, true);
    byte[] sr = new SenderReport(PUB_SSRC, 0x1234_5678_9ABC_DEF0L, 777, 10, 1000, List.of())
        .toBytes();
    router.onRtcp(publisher, sr, 0, sr.length, now);
    SenderReport forwarded = subscriber.rtcp(SenderReport.class).get(0);
    assertThat(forwarded.senderSsrc()).isEqualTo(SUB_SSRC);
    assertThat(forwarded.ntpTimestamp()).isEqualTo(0x1234_5678_9ABC_DEF0L);
    assertThat(forwarded.rtpTimestamp()).isEqualTo(777);
    assertThat(forwarded.packetCount()).isEqualTo(1);

    router.tick(now + 500);
    ReceiverReport rr = publisher.rtcp(ReceiverReport.class).get(0);
    assertThat(rr.reportBlocks().get(0).sourceSsrc()).isEqualTo(PUB_SSRC);
    assertThat(rr.reportBlocks().get(0).lastSr()).isEqualTo(0x5678_9ABCL);
    assertThat(rr.reportBlocks().get(0).delaySinceLastSr()).isEqualTo(500 * 65536 / 1000);
  }

  @Test
  void anUnsignalledSsrcIsLearnedFromTheMidExtension() {
    consumer(producer(0));
    publish(1, true);
    assertThat(router.producer("p1").ssrc()).isEqualTo(PUB_SSRC);
    assertThat(subscriber.rtp).hasSize(1);
    byte[] other = Packets.vp8(4444, VP8, 1, 0, "9", true, 10);
    router.onRtp(publisher, other, 0, other.length, now);
    assertThat(router.unknownPackets()).isEqualTo(1);
  }

  @Test
  void malformedPacketsAreCountedAndNothingElseHappens() {
    consumer(producer(PUB_SSRC));
    byte[] garbage = {(byte) 0x80, 96, 0, 1};
    router.onRtp(publisher, garbage, 0, garbage.length, now);
    byte[] badRtcp = {(byte) 0x80, (byte) 200, 0, 50};
    router.onRtcp(publisher, badRtcp, 0, badRtcp.length, now);
    assertThat(router.malformedPackets()).isEqualTo(2);
    assertThat(subscriber.rtp).isEmpty();
  }

  @Test
  void closingTheProducerClosesItsConsumers() {
    consumer(producer(PUB_SSRC));
    assertThat(router.closeProducer("p1")).containsExactly("c1");
    assertThat(router.consumer("c1")).isNull();
    publish(1, true);
    assertThat(subscriber.rtp).isEmpty();
  }
}
