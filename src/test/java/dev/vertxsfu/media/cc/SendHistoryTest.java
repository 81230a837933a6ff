package dev.vertxsfu.media.cc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class SendHistoryTest {

  @Test
  void sequenceNumbersCountFromZeroAndWrapAtSixteenBits() {
    SendHistory history = new SendHistory();
    int last = -1;
    for (int i = 0; i < 70_000; i++) {
      last = history.onPacketSent(100, i, SendHistory.NO_PROBE);
    }
    assertThat(last).isEqualTo((70_000 - 1) & 0xFFFF);
    long seq = history.unwrap(last);
    assertThat(seq).isEqualTo(69_999);
    assertThat(history.sendTimeUs(seq)).isEqualTo(69_999);
  }

  @Test
  void aPacketIsRememberedWithItsTimeSizeAndCluster() {
    SendHistory history = new SendHistory();
    history.onPacketSent(1200, 5_000, SendHistory.NO_PROBE);
    int wire = history.onPacketSent(300, 6_000, 4);
    long seq = history.unwrap(wire);
    assertThat(history.size(seq)).isEqualTo(300);
    assertThat(history.sendTimeUs(seq)).isEqualTo(6_000);
    assertThat(history.probeCluster(seq)).isEqualTo(4);
  }

  @Test
  void packetsOlderThanTheRingAndNeverSentAreUnknown() {
    SendHistory history = new SendHistory();
    assertThat(history.unwrap(0)).isEqualTo(-1);
    for (int i = 0; i < SendHistory.CAPACITY + 10; i++) {
      history.onPacketSent(100, i, SendHistory.NO_PROBE);
    }
    assertThat(history.unwrap(5)).isEqualTo(-1);
    assertThat(history.sendTimeUs(5)).isEqualTo(SendHistory.UNKNOWN);
    assertThat(history.unwrap(10)).isEqualTo(10);
    // a number ahead of the newest is taken as one from 65,536 sends ago: gone
    assertThat(history.unwrap(SendHistory.CAPACITY + 20)).isEqualTo(-1);
  }

  @Test
  void aPacketIsReportedOnce() {
    SendHistory history = new SendHistory();
    long seq = history.unwrap(history.onPacketSent(100, 0, SendHistory.NO_PROBE));
    assertThat(history.markReported(seq)).isTrue();
    assertThat(history.markReported(seq)).isFalse();
  }

  @Test
  void theRingGrowsToHoldTwoSecondsOfSends() {
    SendHistory history = new SendHistory();
    long gapUs = 1_000_000 / 150; // a camera and a microphone, ~150 packets a second
    for (int i = 0; i < 1_500; i++) {
      history.onPacketSent(1000, i * gapUs, SendHistory.NO_PROBE);
    }
    assertThat(history.capacity()).isEqualTo(512);
    long newest = history.sent() - 1;
    long twoSecondsAgo = newest - 2 * 150 + 1;
    assertThat(history.sendTimeUs(twoSecondsAgo)).isEqualTo(twoSecondsAgo * gapUs);
  }

  @Test
  void aSlowSenderKeepsTheInitialRing() {
    SendHistory history = new SendHistory();
    for (int i = 0; i < 2_000; i++) { // 50 packets a second
      history.onPacketSent(100, i * 20_000L, SendHistory.NO_PROBE);
    }
    assertThat(history.capacity()).isEqualTo(SendHistory.INITIAL_CAPACITY);
    assertThat(history.unwrap((int) (history.sent() - SendHistory.INITIAL_CAPACITY - 1) & 0xFFFF))
        .isEqualTo(-1);
  }

  @Test
  void growingKeepsWhatWasSentAndWhetherItWasReported() {
    SendHistory history = new SendHistory();
    long first = history.unwrap(history.onPacketSent(700, 0, 3));
    history.markReported(first);
    for (int i = 1; i < SendHistory.INITIAL_CAPACITY * 4; i++) {
      history.onPacketSent(100, i, SendHistory.NO_PROBE);
    }
    assertThat(history.capacity()).isEqualTo(SendHistory.INITIAL_CAPACITY * 4);
    assertThat(history.size(first)).isEqualTo(700);
    assertThat(history.probeCluster(first)).isEqualTo(3);
    assertThat(history.markReported(first)).isFalse();
  }
}
