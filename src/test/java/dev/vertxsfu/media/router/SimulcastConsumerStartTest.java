package dev.vertxsfu.media.router;

import static dev.vertxsfu.media.router.SimulcastPackets.MID_EXT;
import static dev.vertxsfu.media.router.SimulcastPackets.REPAIRED_RID_EXT;
import static dev.vertxsfu.media.router.SimulcastPackets.RID_EXT;
import static dev.vertxsfu.media.router.SimulcastPackets.RTX;
import static dev.vertxsfu.media.router.SimulcastPackets.VP8;
import static org.assertj.core.api.Assertions.assertThat;

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
  /** Payload bytes per frame: about 50, 360 and 1,900 kbit/s at 30 fps. */
  static final int[] PAYLOAD = {200, 1_500, 8_000};
  static final boolean[] ALL = {true, true, true};
  static final int TCC_EXT = 5;

  final Router router = new Router(new Random(3));
  final RecordingSender publisher = new RecordingSender();
  long now = 10_000;
  int frame;
  Producer producer;

  void frames(int n, boolean key) {
    for (int k = 0; k < n; k++) {
      SimulcastPackets.frame(router, publisher, frame, key, ALL, PAYLOAD, now);
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
