package dev.vertxsfu.media.router;

import static dev.vertxsfu.media.router.SimulcastPackets.MID_EXT;
import static dev.vertxsfu.media.router.SimulcastPackets.REPAIRED_RID_EXT;
import static dev.vertxsfu.media.router.SimulcastPackets.RID_EXT;
import static dev.vertxsfu.media.router.SimulcastPackets.RTX;
import static dev.vertxsfu.media.router.SimulcastPackets.VP8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.media.router.SimulcastPackets.Vp8;
import dev.vertxsfu.wire.rtcp.GenericNack;
import dev.vertxsfu.wire.rtcp.PictureLossIndication;
import dev.vertxsfu.wire.rtcp.ReceiverReport;
import dev.vertxsfu.wire.rtcp.ReportBlock;
import dev.vertxsfu.wire.rtp.codec.VideoCodec;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A producer of three simulcast layers: one receive stream each, on a fake clock. */
@Tag("fast")
class ProducerSimulcastTest {
  static final long[] SSRC = {1001, 1002, 1003};
  static final long[] RTX_SSRC = {2001, 2002, 2003};
  static final String[] RID = {"q", "h", "f"};

  final Router router = new Router(new Random(1));
  final RecordingSender publisher = new RecordingSender();
  long now = 10_000;

  Producer byRid() {
    return router.createProducer(new ProducerParameters("p1", "video", "0", 0, 0,
        Map.of(VP8, 90_000), Map.of(RTX, VP8), Map.of(VP8, VideoCodec.VP8), MID_EXT, 0, true,
        List.of(new ProducerParameters.Encoding("q", 0, 0),
            new ProducerParameters.Encoding("h", 0, 0),
            new ProducerParameters.Encoding("f", 0, 0)), RID_EXT, REPAIRED_RID_EXT), publisher);
  }

  void send(int layer, int seq, boolean withRid, Vp8 vp8) {
    byte[] p = SimulcastPackets.vp8(SSRC[layer], seq, seq * 3000L, "0",
        withRid ? RID[layer] : null, vp8);
    router.onRtp(publisher, p, 0, p.length, now);
  }

  void send(int layer, int seq) {
    send(layer, seq, true, Vp8.delta(seq, 0, 0));
  }

  @Test
  void eachLayersSsrcIsLearnedFromItsRidAndCountedApart() {
    Producer producer = byRid();

    send(0, 100);
    send(1, 200);
    send(2, 300);
    send(2, 301, false, Vp8.delta(1, 0, 0)); // later packets need no rid

    assertThat(producer.streamCount()).isEqualTo(3);
    assertThat(new long[] {producer.ssrc(0), producer.ssrc(1), producer.ssrc(2)})
        .containsExactly(SSRC);
    assertThat(new long[] {producer.packetsReceived(0), producer.packetsReceived(1),
        producer.packetsReceived(2)}).containsExactly(1, 1, 2);
    assertThat(router.unknownPackets()).isZero();
  }

  @Test
  void aSimulcastPacketWithoutRidIsNotMixedIntoALayerUntilItsRidComes() {
    Producer producer = byRid();

    send(1, 200, false, Vp8.delta(1, 0, 0));
    assertThat(router.unknownPackets()).isEqualTo(1);
    assertThat(producer.packetsReceived()).isZero();

    send(1, 201);
    assertThat(producer.ssrc(1)).isEqualTo(SSRC[1]);
    assertThat(producer.ssrc(0)).isZero();
  }

  @Test
  void rtxIsLearnedFromTheRepairedRidAndRepairsItsOwnLayer() {
    Producer producer = byRid();
    send(1, 200);
    send(1, 202); // 201 lost

    byte[] rtx = SimulcastPackets.rtx(RTX_SSRC[1], 7, 201 * 3000L, "0", "h", 201);
    router.onRtp(publisher, rtx, 0, rtx.length, now);

    assertThat(producer.packetsRetransmitted()).isEqualTo(1);
    assertThat(producer.packetsReceived(1)).isEqualTo(3);
    assertThat(producer.packetsReceived(0)).isZero();
  }

  @Test
  void ssrcsOfAnSsrcGroupSimMapToTheirLayersWithoutExtensions() {
    Producer producer = router.createProducer(new ProducerParameters("p1", "video", "0", 0, 0,
        Map.of(VP8, 90_000), Map.of(RTX, VP8), Map.of(VP8, VideoCodec.VP8), MID_EXT, 0, true,
        List.of(new ProducerParameters.Encoding(null, SSRC[0], RTX_SSRC[0]),
            new ProducerParameters.Encoding(null, SSRC[1], RTX_SSRC[1]),
            new ProducerParameters.Encoding(null, SSRC[2], RTX_SSRC[2])), 0, 0), publisher);

    send(2, 300, false, Vp8.delta(1, 0, 0));
    send(0, 100, false, Vp8.delta(1, 0, 0));

    assertThat(producer.packetsReceived(2)).isEqualTo(1);
    assertThat(producer.packetsReceived(0)).isEqualTo(1);
    assertThat(producer.packetsReceived(1)).isZero();
  }

  @Test
  void keyFrameRequestsAreThrottledPerLayer() {
    Producer producer = byRid();
    for (int layer = 0; layer < 3; layer++) {
      send(layer, 100 * (layer + 1));
    }

    producer.requestKeyFrame(0, now);
    producer.requestKeyFrame(2, now + PublisherFeedback.REQUEST_SPACING_MILLIS);
    producer.requestKeyFrame(0, now + 500); // inside layer 0's second: deferred

    assertThat(publisher.rtcp(PictureLossIndication.class))
        .extracting(PictureLossIndication::mediaSsrc).containsExactly(SSRC[0], SSRC[2]);
  }

  @Test
  void aRequestForAnotherLayerJustAfterOneIsSpacedAsLibwebrtcWantsNotLeftForASecond() {
    Producer producer = byRid();
    for (int layer = 0; layer < 3; layer++) {
      send(layer, 100 * (layer + 1));
    }

    producer.requestKeyFrame(0, now); // a subscriber switches down to q...
    producer.requestKeyFrame(1, now + 120); // ...and up to h again: libwebrtc would ignore it
    router.tick(now + PublisherFeedback.REQUEST_SPACING_MILLIS - 1);
    assertThat(publisher.rtcp(PictureLossIndication.class))
        .extracting(PictureLossIndication::mediaSsrc).containsExactly(SSRC[0]);

    router.tick(now + PublisherFeedback.REQUEST_SPACING_MILLIS);
    assertThat(publisher.rtcp(PictureLossIndication.class))
        .extracting(PictureLossIndication::mediaSsrc).containsExactly(SSRC[0], SSRC[1]);
  }

  @Test
  void aRequestForEveryLayerSendsOneAndTheKeyFramesOfAllLayersAnswerTheRest() {
    Producer producer = byRid();
    for (int layer = 0; layer < 3; layer++) {
      send(layer, 100 * (layer + 1));
    }

    producer.requestKeyFrame(now); // a new subscriber of the track
    for (int layer = 0; layer < 3; layer++) { // libwebrtc answers with key frames on all layers
      send(layer, 100 * (layer + 1) + 1, true, Vp8.key(1, 0, 320 << layer, 180 << layer));
    }
    router.tick(now + PublisherFeedback.REQUEST_SPACING_MILLIS);
    router.tick(now + 2 * PublisherFeedback.REQUEST_SPACING_MILLIS);

    assertThat(publisher.rtcp(PictureLossIndication.class))
        .extracting(PictureLossIndication::mediaSsrc).containsExactly(SSRC[0]);
  }

  @Test
  void aLayerThatStopsIsNoticedWithinASecondAndOneThatResumesAtOnce() {
    Producer producer = byRid();
    int seq = 0;
    for (int i = 0; i < 10; i++, now += 33) {
      for (int layer = 0; layer < 3; layer++) {
        send(layer, 100 * layer + seq);
      }
      seq++;
      router.tick(now);
    }
    assertThat(producer.flowing(2)).isTrue();
    long stoppedAt = now;
    while (producer.flowing(2)) { // layer 2 stops, the others go on
      now += 33;
      send(0, seq);
      send(1, 100 + seq);
      seq++;
      router.tick(now);
    }

    assertThat(now - stoppedAt).isLessThanOrEqualTo(1000);
    assertThat(producer.flowing(0)).isTrue();
    assertThat(producer.flowing(1)).isTrue();
    send(2, 200 + seq);
    assertThat(producer.flowing(2)).isTrue();
  }

  @Test
  void eachLayersBitrateIsMeasuredOverTheLastSecond() {
    Producer producer = byRid();
    for (int i = 0; i < 100; i++, now += 10) { // 100 packets a second on layer 2 only
      send(2, i);
    }
    int length = SimulcastPackets.vp8(SSRC[2], 0, 0, "0", "f", Vp8.delta(0, 0, 0)).length;

    assertThat(producer.bitrate(2, now)).isBetween(90L * length * 8, 100L * length * 8);
    assertThat(producer.bitrate(0, now)).isZero();
    assertThat(producer.bitrate(2, now + 1100)).isZero();
  }

  @Test
  void gapsAreNackedAndReportedPerLayer() {
    byRid();
    send(0, 100);
    send(1, 200);
    send(1, 203);
    router.tick(now += 50);

    assertThat(publisher.rtcp(GenericNack.class)).singleElement()
        .satisfies(nack -> assertThat(nack.mediaSsrc()).isEqualTo(SSRC[1]));
    assertThat(publisher.rtcp(ReceiverReport.class)).singleElement()
        .satisfies(rr -> assertThat(rr.reportBlocks()).extracting(ReportBlock::sourceSsrc)
            .containsExactly(SSRC[0], SSRC[1]));
  }

  @Test
  void aVp8KeyFrameTellsItsLayersSize() {
    Producer producer = byRid();

    send(1, 200, true, Vp8.key(5, 0, 640, 360));

    assertThat(producer.layers(now).get(1))
        .isEqualTo(new LayerSelector.Layer(1, 640, 360, true, producer.bitrate(1, now)));
  }
}
