package dev.vertxsfu.media.router;

import static dev.vertxsfu.media.router.SimulcastPackets.MID_EXT;
import static dev.vertxsfu.media.router.SimulcastPackets.REPAIRED_RID_EXT;
import static dev.vertxsfu.media.router.SimulcastPackets.RID_EXT;
import static dev.vertxsfu.media.router.SimulcastPackets.RTX;
import static dev.vertxsfu.media.router.SimulcastPackets.VP8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.media.router.SimulcastPackets.Vp8;
import dev.vertxsfu.wire.rtp.codec.VideoCodec;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A subscriber with congestion control that subscribes to a simulcast producer already sending:
 * its consumer starts on the layer the subscriber's start estimate (1 Mbit/s) gives it, before
 * the room's next tick, so the first key frame it locks on is that layer's and not the top
 * one's.
 */
@Tag("fast")
class SimulcastConsumerStartTest {
  static final long[] SSRC = {1001, 1002, 1003};
  static final String[] RID = {"q", "h", "f"};
  static final int[][] SIZE = {{320, 180}, {640, 360}, {1280, 720}};
  /** Payload bytes per frame: about 50, 360 and 1,900 kbit/s at 30 fps. */
  static final int[] PAYLOAD = {200, 1_500, 8_000};
  static final int TCC_EXT = 5;

  final Router router = new Router(new Random(3));
  final RecordingSender publisher = new RecordingSender();
  long now = 10_000;
  int frame;
  Producer producer;

  void frames(int n, boolean key) {
    for (int k = 0; k < n; k++) {
      for (int layer = 0; layer < 3; layer++) {
        Vp8 vp8 = key ? Vp8.key(frame & 0x7FFF, frame / 4, SIZE[layer][0], SIZE[layer][1])
            : new Vp8(frame & 0x7FFF, frame / 4, 0, false, 0, 0);
        byte[] p = SimulcastPackets.vp8(SSRC[layer], (1000 * layer + frame) & 0xFFFF,
            frame * 3000L, "0", RID[layer], vp8, PAYLOAD[layer]);
        router.onRtp(publisher, p, 0, p.length, now);
      }
      frame++;
      now += 33;
      router.tick(now);
    }
  }

  SimulcastConsumer subscribe(String id, int transportCcExtension) {
    return (SimulcastConsumer) router.createConsumer(producer,
        new ConsumerParameters(id, 5000 + id.hashCode() % 100, 0, Map.of(VP8, 100), Map.of(),
            Map.of(), 0, "v-" + id, transportCcExtension), new RecordingSender(), now);
  }

  @Test
  void aConsumerOfAFlowingProducerStartsOnTheLayerItsEstimateGives() {
    producer = router.createProducer(new ProducerParameters("p1", "video", "0", 0, 0,
        Map.of(VP8, 90_000), Map.of(RTX, VP8), Map.of(VP8, VideoCodec.VP8), MID_EXT, 0, false,
        List.of(new ProducerParameters.Encoding("q", 0, 0),
            new ProducerParameters.Encoding("h", 0, 0),
            new ProducerParameters.Encoding("f", 0, 0)), RID_EXT, REPAIRED_RID_EXT), publisher);
    frames(1, true);
    frames(60, false);

    SimulcastConsumer estimated = subscribe("c1", TCC_EXT);
    SimulcastConsumer unestimated = subscribe("c2", 0);

    System.out.printf("at creation: with congestion control target layer %d, without %d%n",
        estimated.targetSpatial(), unestimated.targetSpatial());
    // 1.9 Mbit/s does not fit 1 Mbit/s; 360 kbit/s does
    assertThat(estimated.targetSpatial()).isEqualTo(1);
    assertThat(unestimated.targetSpatial()).isEqualTo(2);
  }
}
