package dev.vertxsfu.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.wire.rtcp.TransportWideCcFeedback;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("fast")
class TransportCcFeedbackGeneratorTest {
  private final TransportCcFeedbackGenerator generator = new TransportCcFeedbackGenerator(77);

  /** Sequence number to receive time (µs), or to null for a packet reported lost. */
  private static Map<Integer, Long> reported(List<TransportWideCcFeedback> feedbacks) {
    Map<Integer, Long> statuses = new TreeMap<>();
    for (TransportWideCcFeedback feedback : feedbacks) {
      byte[] bytes = feedback.toBytes();
      TransportWideCcFeedback.forEachPacket(bytes, 0, bytes.length, (seq, symbol, timeUs) ->
          statuses.put(seq, timeUs == TransportWideCcFeedback.NO_RECEIVE_TIME ? null : timeUs));
    }
    return statuses;
  }

  @Test
  void arrivalsAreReportedInSequenceOrderWithGapsAsLost() {
    generator.onPacket(10, 1_000_000, 5);
    generator.onPacket(12, 1_002_000, 5);
    generator.onPacket(11, 1_003_000, 5); // reordered
    generator.onPacket(12, 1_004_000, 5); // duplicate: the first arrival counts
    generator.onPacket(15, 1_005_000, 5);
    List<TransportWideCcFeedback> feedbacks = generator.feedback();
    assertThat(feedbacks).hasSize(1);
    assertThat(feedbacks.get(0).mediaSsrc()).isEqualTo(5);
    Map<Integer, Long> statuses = reported(feedbacks);
    assertThat(statuses.keySet()).containsExactly(10, 11, 12, 13, 14, 15);
    assertThat(statuses.get(13)).isNull();
    assertThat(statuses.get(14)).isNull();
    assertThat(statuses.get(12) - statuses.get(10)).isEqualTo(2_000);
    assertThat(statuses.get(11) - statuses.get(10)).isEqualTo(3_000);
    assertThat(generator.hasPending()).isFalse();
    assertThat(generator.feedback()).isEmpty();
  }

  @Test
  void feedbackCountsUpAndSequenceNumbersWrap() {
    generator.onPacket(65534, 0, 5);
    generator.onPacket(1, 1_000, 5);
    List<TransportWideCcFeedback> first = generator.feedback();
    generator.onPacket(2, 2_000, 5);
    List<TransportWideCcFeedback> second = generator.feedback();
    assertThat(reported(first).keySet()).containsExactlyInAnyOrder(65534, 65535, 0, 1);
    assertThat(second.get(0).feedbackPacketCount())
        .isEqualTo(first.get(0).feedbackPacketCount() + 1);
  }

  @Test
  void manyArrivalsSpreadOverSeveralFeedbackPackets() {
    List<Integer> sent = new ArrayList<>();
    for (int seq = 0; seq < 1000; seq++) {
      generator.onPacket(seq, seq * 250L, 5);
      sent.add(seq);
    }
    List<TransportWideCcFeedback> feedbacks = generator.feedback();
    assertThat(feedbacks.size()).isGreaterThanOrEqualTo(1);
    assertThat(reported(feedbacks).keySet()).containsExactlyElementsOf(sent);
    assertThat(feedbacks).allMatch(f -> f.toBytes().length <= 1200);
  }

  @Test
  void aCameraBetweenTwoFeedbacksFitsTheInitialStorage() {
    for (int round = 0; round < 50; round++) {
      for (int i = 0; i < 20; i++) { // 100 ms of ~200 packets/s
        int seq = round * 20 + i;
        generator.onPacket(seq, seq * 5_000L, 5);
      }
      generator.feedback();
    }
    assertThat(generator.capacity()).isEqualTo(TransportCcFeedbackGenerator.INITIAL_CAPACITY);
  }

  @Test
  void aBurstGrowsTheStorageUpToMaxPendingAndNoFurther() {
    for (int seq = 0; seq < 1500; seq++) {
      generator.onPacket(seq, seq * 50L, 5);
    }
    assertThat(generator.capacity()).isEqualTo(TransportCcFeedbackGenerator.MAX_PENDING);
    Map<Integer, Long> statuses = reported(generator.feedback());
    assertThat(statuses.keySet()).first().isEqualTo(0);
    assertThat(statuses.keySet()).last().isEqualTo(TransportCcFeedbackGenerator.MAX_PENDING - 1);
  }
}
