package dev.vertxsfu.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Continuity of sequence numbers and timestamps across source switches and drops. */
@Tag("fast")
class RtpMungerTest {
  private final RtpMunger munger = new RtpMunger(1000);

  @Test
  void theFirstSourceStartsAtTheChosenNumberAndTimestamp() {
    munger.switchTo(50_000, 123_456, 9_000);

    assertThat(munger.sequenceNumber(50_000, 0)).isEqualTo(1000);
    assertThat(munger.timestamp(123_456)).isEqualTo(9_000);
    assertThat(munger.sequenceNumber(50_001, 20)).isEqualTo(1001);
    assertThat(munger.timestamp(123_456 + 3000)).isEqualTo(12_000);
  }

  @Test
  void aSwitchContinuesRightAfterTheLastPacketSentWhateverTheNewSourceNumbers() {
    munger.switchTo(10, 1000, 0);
    for (int seq = 10; seq < 20; seq++) {
      munger.sequenceNumber(seq, seq);
    }
    munger.switchTo(65_530, 4_000_000_000L, 30_000); // the new layer, around the wrap

    assertThat(munger.sequenceNumber(65_530, 100)).isEqualTo(1010);
    assertThat(munger.timestamp(4_000_000_000L)).isEqualTo(30_000);
    assertThat(munger.sequenceNumber(65_535, 101)).isEqualTo(1015);
    assertThat(munger.sequenceNumber(3, 102)).isEqualTo(1019); // 65,535 -> 0 wraps too
    long wrapped = (4_000_000_000L + 400_000_000L) & 0xFFFFFFFFL; // the input's 32 bits wrap
    assertThat(munger.timestamp(wrapped)).isEqualTo(400_030_000L);
  }

  @Test
  void nothingFromTheOldSourceAfterTheSwitchPoint() {
    munger.switchTo(10, 0, 0);
    munger.sequenceNumber(10, 0);
    munger.sequenceNumber(11, 0);
    munger.switchTo(500, 0, 3000);
    munger.sequenceNumber(500, 0);

    assertThat(munger.sequenceNumber(12, 0)).isEqualTo(RtpMunger.REFUSED); // old layer, late
    assertThat(munger.sequenceNumber(499, 0)).isEqualTo(RtpMunger.REFUSED); // before the switch
  }

  @Test
  void aDroppedPacketLeavesNoGapAndAReorderedOneBeforeItIsRefused() {
    munger.switchTo(100, 0, 0);
    assertThat(munger.sequenceNumber(100, 0)).isEqualTo(1000);
    assertThat(munger.sequenceNumber(102, 0)).isEqualTo(1002); // 101 is late
    munger.drop(103); // a frame above the temporal layer

    assertThat(munger.sequenceNumber(104, 0)).isEqualTo(1003);
    assertThat(munger.sequenceNumber(101, 0)).isEqualTo(RtpMunger.REFUSED);
  }

  @Test
  void nacksMapBackWithinTheCurrentOffsetOnly() {
    munger.switchTo(100, 0, 0);
    for (int seq = 100; seq <= 105; seq++) {
      munger.sequenceNumber(seq, 0);
    }
    assertThat(munger.input(1003)).isEqualTo(103);
    munger.drop(106);
    munger.sequenceNumber(107, 0);

    assertThat(munger.input(1006)).isEqualTo(107);
    assertThat(munger.input(1003)).isEqualTo(RtpMunger.REFUSED); // sent under the old offset
    assertThat(munger.input(1007)).isEqualTo(RtpMunger.REFUSED); // not sent yet
  }

  @Test
  void withoutSenderReportsTheNewSourceContinuesByWallClock() {
    assertThat(munger.continuedTimestamp(0, 90_000)).isZero();
    munger.switchTo(1, 5000, 5000);
    munger.sequenceNumber(1, 1000);
    munger.timestamp(5000);

    assertThat(munger.continuedTimestamp(1100, 90_000)).isEqualTo(5000 + 9000);
    assertThat(munger.continuedTimestamp(1000, 90_000)).isEqualTo(5001); // at least one tick
  }

  @Test
  void aLongStreamIsPlacedPastManyWrapsAndItsRecentPacketsCanStillBeResent() {
    munger.switchTo(40_000, 0, 0);
    int expected = 1000;
    for (int i = 0; i < 200_000; i++) {
      int output = munger.sequenceNumber((40_000 + i) & 0xFFFF, i);
      assertThat(output).as("packet %d", i).isEqualTo(expected);
      expected = (expected + 1) & 0xFFFF;
    }
    int last = (expected - 1) & 0xFFFF;

    assertThat(munger.input((last - 100) & 0xFFFF)).isEqualTo((40_000 + 199_899) & 0xFFFF);
    assertThat(munger.sequenceNumber((40_000 + 199_900) & 0xFFFF, 0))
        .isEqualTo((last - 99) & 0xFFFF); // a late one, within the window
  }
}
