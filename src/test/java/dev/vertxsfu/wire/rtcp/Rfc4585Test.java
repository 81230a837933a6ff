package dev.vertxsfu.wire.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** RFC 4585 §6: the feedback common format, Generic NACK and PLI. */
@Tag("fast")
class Rfc4585Test {

  @Test
  void genericNackPairsAndTheirExpansion() {
    byte[] bytes = RtcpVectors.genericNack();
    GenericNack nack = GenericNack.parse(bytes, 0, bytes.length);
    assertThat(nack.senderSsrc()).isEqualTo(1);
    assertThat(nack.mediaSsrc()).isEqualTo(2);
    assertThat(nack.pairs()).containsExactly(new NackPair(1000, 5), new NackPair(65535, 0x8000));
    assertThat(nack.lostSequenceNumbers()).containsExactly(1000, 1001, 1003, 65535, 15);
    List<Integer> walked = new ArrayList<>();
    GenericNack.forEachLost(bytes, 0, bytes.length, walked::add);
    assertThat(walked).containsExactly(1000, 1001, 1003, 65535, 15);
    assertThat(nack.toBytes()).isEqualTo(bytes);
  }

  @Test
  void pictureLossIndication() {
    byte[] bytes = RtcpVectors.pictureLossIndication();
    PictureLossIndication pli = PictureLossIndication.parse(bytes, 0, bytes.length);
    assertThat(pli).isEqualTo(new PictureLossIndication(1, 0x11223344L));
    assertThat(pli.toBytes()).isEqualTo(bytes);
  }

  @Test
  void feedbackSsrcsAreReadInPlace() {
    byte[] bytes = RtcpVectors.genericNack();
    assertThat(FeedbackMessage.senderSsrc(bytes, 0, bytes.length)).isEqualTo(1);
    assertThat(FeedbackMessage.mediaSsrc(bytes, 0, bytes.length)).isEqualTo(2);
    byte[] pli = RtcpVectors.pictureLossIndication();
    assertThat(FeedbackMessage.mediaSsrc(pli, 0, pli.length)).isEqualTo(0x11223344L);
  }

  @Test
  void nackFromLostUsesBitmasksAcrossTheWrap() {
    List<NackPair> pairs = NackPair.fromLost(1, 20, 65534, 0, 65535);
    assertThat(pairs).containsExactly(new NackPair(65534, 0b111), new NackPair(20, 0));
  }

  @Test
  void nackFromLostIgnoresDuplicatesAndOrder() {
    assertThat(NackPair.fromLost(17, 1, 17, 2, 1)).containsExactly(new NackPair(1, 0x8001));
    assertThat(NackPair.fromLost()).isEmpty();
    assertThat(NackPair.fromLost(70000)).containsExactly(new NackPair(70000 & 0xFFFF, 0));
  }

  @Test
  void nackBuildExpandRoundTripWithRandomLossesAroundTheWrap() {
    SplittableRandom random = new SplittableRandom(4585);
    for (int round = 0; round < 2000; round++) {
      int start = random.nextInt(65536);
      int span = 1 + random.nextInt(round % 3 == 0 ? 40 : 3000);
      TreeSet<Integer> lost = new TreeSet<>();
      int n = 1 + random.nextInt(Math.min(span, 200));
      for (int i = 0; i < n; i++) {
        lost.add((start + random.nextInt(span)) & 0xFFFF);
      }
      int[] input = lost.stream().mapToInt(Integer::intValue).toArray();
      GenericNack nack = GenericNack.of(5, 6, input);
      byte[] bytes = nack.toBytes();
      TreeSet<Integer> expanded = new TreeSet<>();
      GenericNack.forEachLost(bytes, 0, bytes.length, expanded::add);
      assertThat(expanded).as("round %d", round).isEqualTo(lost);
      // Minimal: no pair could have covered the next one's PID.
      List<NackPair> pairs = nack.pairs();
      for (int i = 1; i < pairs.size(); i++) {
        int distance = (pairs.get(i).pid() - pairs.get(i - 1).pid()) & 0xFFFF;
        assertThat(distance).as("round %d pair %d", round, i).isGreaterThan(16);
      }
      assertThat(pairs.stream().mapToInt(NackPair::lostCount).sum()).isEqualTo(lost.size());
    }
  }
}
