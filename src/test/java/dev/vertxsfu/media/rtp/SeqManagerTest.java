package dev.vertxsfu.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("fast")
class SeqManagerTest {

  @Test
  void outputStartsWhereChosenRunsWithTheInputAndMapsBack() {
    SeqManager seq = new SeqManager(1000);
    assertThat(seq.output(40000)).isEqualTo(1000);
    assertThat(seq.output(40001)).isEqualTo(1001);
    assertThat(seq.output(40005)).isEqualTo(1005); // the publisher's own gap stays a gap
    assertThat(seq.input(1005)).isEqualTo(40005);
  }

  @Test
  void bothSidesWrapIndependently() {
    SeqManager seq = new SeqManager(65535);
    assertThat(seq.output(10)).isEqualTo(65535);
    assertThat(seq.output(11)).isEqualTo(0);
    assertThat(seq.input(0)).isEqualTo(11);
    SeqManager other = new SeqManager(5);
    assertThat(other.output(65535)).isEqualTo(5);
    assertThat(other.output(0)).isEqualTo(6);
    assertThat(other.input(6)).isEqualTo(0);
  }
}
