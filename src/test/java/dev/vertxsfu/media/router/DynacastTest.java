package dev.vertxsfu.media.router;

import static dev.vertxsfu.media.router.SimulcastPackets.MID_EXT;
import static dev.vertxsfu.media.router.SimulcastPackets.REPAIRED_RID_EXT;
import static dev.vertxsfu.media.router.SimulcastPackets.RID_EXT;
import static dev.vertxsfu.media.router.SimulcastPackets.RTX;
import static dev.vertxsfu.media.router.SimulcastPackets.VP8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.media.router.SimulcastPackets.Vp8;
import dev.vertxsfu.wire.rtcp.PictureLossIndication;
import dev.vertxsfu.wire.rtp.codec.VideoCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Which layers a simulcast publisher is told to encode, through a {@link Router} fed synthetic
 * packets of three VP8 layers (q 320x180, h 640x360, f 1280x720) at 30 fps on a fake clock, the
 * room's timer ticking every frame.
 */
@Tag("fast")
class DynacastTest {
  static final long[] SSRC = SimulcastPackets.LAYER_SSRC;
  static final String[] RID = SimulcastPackets.LAYER_RID;
  /** Payload bytes per frame: about 50, 130 and 270 kbit/s at 30 fps. */
  static final int[] PAYLOAD = {200, 500, 1100};
  static final LayerSelector.Wish SMALL = new LayerSelector.Wish(320, 180, false);
  static final LayerSelector.Wish BIG = new LayerSelector.Wish(1280, 720, false);
  static final LayerSelector.Wish HIDDEN = new LayerSelector.Wish(320, 180, true);

  final Router router = new Router(new Random(7));
  final RecordingSender publisher = new RecordingSender();
  final List<List<String>> told = new ArrayList<>();
  /** Which layers the publisher sends: it applies what it is told, as the SDK does. */
  final boolean[] sending = {true, true, true};
  long now = 10_000;
  int frame;
  int consumers;
  Producer producer;

  @BeforeEach
  void setUp() {
    router.onLayersWanted((p, spatial) -> {
      assertThat(p).isSameAs(producer);
      told.add(spatial.stream().map(layer -> p.rid(layer)).toList());
    });
    producer = router.createProducer(new ProducerParameters("p1", "video", "0", 0, 0,
        Map.of(VP8, 90_000), Map.of(RTX, VP8), Map.of(VP8, VideoCodec.VP8), MID_EXT, 0, false,
        List.of(new ProducerParameters.Encoding("q", 0, 0),
            new ProducerParameters.Encoding("h", 0, 0),
            new ProducerParameters.Encoding("f", 0, 0)), RID_EXT, REPAIRED_RID_EXT), publisher);
    frames(1, true);
  }

  SimulcastConsumer subscribe(LayerSelector.Wish wish) {
    consumers++;
    SimulcastConsumer consumer = (SimulcastConsumer) router.createConsumer(producer,
        new ConsumerParameters("c" + consumers, 5000 + consumers, 0, Map.of(VP8, 100), Map.of(),
            Map.of(), 0, "v"), new RecordingSender(), now);
    consumer.applyWish(wish, now);
    return consumer;
  }

  /** {@code n} frames on every layer being sent (key frames when {@code key}), ticking. */
  void frames(int n, boolean key) {
    for (int k = 0; k < n; k++) {
      SimulcastPackets.frame(router, publisher, frame, key, sending, PAYLOAD, now);
      frame++;
      now += 33;
      router.tick(now);
    }
  }

  /** Frames (no key frames) for {@code millis}. */
  void run(long millis) {
    frames((int) (millis / 33) + 1, false);
  }

  /** The publisher does what it was last told. */
  void apply() {
    List<String> rids = told.get(told.size() - 1);
    for (int layer = 0; layer < 3; layer++) {
      sending[layer] = rids.contains(RID[layer]);
    }
  }

  List<String> last() {
    return told.isEmpty() ? null : told.get(told.size() - 1);
  }

  List<Long> plis() {
    return publisher.rtcp(PictureLossIndication.class).stream()
        .map(PictureLossIndication::mediaSsrc).toList();
  }

  @Test
  void aTrackNobodySubscribesToKeepsEveryLayer() {
    run(10_000);
    assertThat(told).isEmpty();
    assertThat(router.layersAnnounced(producer)).isEqualTo(0b111);
  }

  @Test
  void smallTilesOnlyLeaveTheSmallLayerAfterTheDropDelay() {
    subscribe(SMALL);
    subscribe(SMALL);
    frames(1, true);
    run(WantedLayers.DROP_AFTER_MILLIS - 500);
    assertThat(told).isEmpty();
    run(1000);
    assertThat(told).containsExactly(List.of("q"));
  }

  @Test
  void aBigTileBringsTheTopLayerBackAtOnceWithAKeyFrameRequest() {
    subscribe(SMALL);
    SimulcastConsumer other = subscribe(SMALL);
    frames(1, true);
    run(WantedLayers.DROP_AFTER_MILLIS + 500);
    apply();
    run(1500); // h and f stop flowing at the SFU
    assertThat(producer.flowing(2)).isFalse();
    int plisBefore = plis().size();

    other.applyWish(BIG, now);
    run(Dynacast.INTERVAL_MILLIS + 100);

    assertThat(last()).containsExactly("q", "f");
    assertThat(plis().subList(plisBefore, plis().size())).doesNotContain(SSRC[2]);
    apply();
    frames(1, false); // the encoder restarts without a key frame: one is asked for
    run(Dynacast.INTERVAL_MILLIS + 100);
    assertThat(plis().subList(plisBefore, plis().size())).contains(SSRC[2]);
    frames(1, true);
    run(500);
    assertThat(other.currentSpatial()).isEqualTo(2);
  }

  @Test
  void theLayerLeftAfterASwitchIsDroppedOnceUnused() {
    SimulcastConsumer consumer = subscribe(BIG);
    frames(1, true);
    run(WantedLayers.DROP_AFTER_MILLIS + 500);
    assertThat(last()).containsExactly("f");
    consumer.applyWish(SMALL, now);
    run(300);
    assertThat(last()).containsExactly("q", "f"); // f forwarded until q's key frame
    frames(1, true);
    assertThat(consumer.currentSpatial()).isZero();
    run(WantedLayers.DROP_AFTER_MILLIS + 300);
    assertThat(last()).containsExactly("q");
  }

  @Test
  void hiddenTilesEverywhereLeaveNoLayer() {
    subscribe(HIDDEN);
    subscribe(HIDDEN);
    run(WantedLayers.DROP_AFTER_MILLIS + 500);
    assertThat(last()).isEmpty();
  }

  @Test
  void oneVisibleTileKeepsItsLayerAmongHiddenOnes() {
    subscribe(HIDDEN);
    subscribe(new LayerSelector.Wish(640, 360, false));
    frames(1, true);
    run(WantedLayers.DROP_AFTER_MILLIS + 500);
    assertThat(last()).containsExactly("h");
  }

  @Test
  void aConsumerPausedForBandwidthKeepsTheLayerItsTileAsksFor() {
    SimulcastConsumer consumer = subscribe(BIG);
    frames(1, true);
    consumer.onBandwidthAllocation(true, 0, now);
    run(WantedLayers.DROP_AFTER_MILLIS + 500);
    assertThat(last()).containsExactly("f");
  }

  @Test
  void aConsumerHeldBelowALayerByItsBudgetStillWantsIt() {
    SimulcastConsumer consumer = subscribe(BIG);
    frames(1, true);
    run(1500); // the layers' bitrates are measured
    long between = (producer.bitrate(1, now) + producer.bitrate(2, now)) / 2;
    consumer.onBandwidthAllocation(false, between * 4 / 5, now); // its headroom: * 5 / 4
    frames(1, true);
    assertThat(consumer.currentSpatial()).isEqualTo(1);
    run(WantedLayers.DROP_AFTER_MILLIS + 500);
    // the allocator prices only flowing layers: were f stopped, it could never be given back
    assertThat(last()).containsExactly("h", "f");
  }

  @Test
  void ssrcSimulcastWithoutRidsIsTrackedByIndex() {
    Router sim = new Router(new Random(7));
    List<List<Integer>> spatial = new ArrayList<>();
    sim.onLayersWanted((p, layers) -> spatial.add(layers));
    RecordingSender simPublisher = new RecordingSender();
    Producer simProducer = sim.createProducer(new ProducerParameters("p2", "video", "0", 0, 0,
        Map.of(VP8, 90_000), Map.of(RTX, VP8), Map.of(VP8, VideoCodec.VP8), MID_EXT, 0, false,
        List.of(new ProducerParameters.Encoding(null, SSRC[0], 0),
            new ProducerParameters.Encoding(null, SSRC[1], 0),
            new ProducerParameters.Encoding(null, SSRC[2], 0)), 0, 0), simPublisher);
    SimulcastConsumer consumer = (SimulcastConsumer) sim.createConsumer(simProducer,
        new ConsumerParameters("c", 6000, 0, Map.of(VP8, 100), Map.of(), Map.of(), 0, "v"),
        new RecordingSender(), now);
    consumer.applyWish(SMALL, now);
    for (int k = 0; k < (WantedLayers.DROP_AFTER_MILLIS + 500) / 33; k++) {
      for (int layer = 0; layer < 3; layer++) {
        Vp8 vp8 = k == 0 ? Vp8.key(k, 0, SimulcastPackets.LAYER_SIZE[layer][0],
            SimulcastPackets.LAYER_SIZE[layer][1])
            : new Vp8(k, 0, 0, false, 0, 0);
        byte[] p = SimulcastPackets.vp8(SSRC[layer], k, k * 3000L, "0", null, vp8,
            PAYLOAD[layer]);
        sim.onRtp(simPublisher, p, 0, p.length, now);
      }
      now += 33;
      sim.tick(now);
    }
    assertThat(simProducer.rid(0)).isNull();
    assertThat(spatial).containsExactly(List.of(0));
  }

  @Test
  void aClosedProducerIsForgotten() {
    subscribe(SMALL);
    router.closeProducer("p1");
    assertThat(router.layersAnnounced(producer)).isEqualTo(-1);
    run(WantedLayers.DROP_AFTER_MILLIS + 500);
    assertThat(told).isEmpty();
  }
}
