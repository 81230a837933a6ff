package dev.vertxsfu.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The sliding-window bitrate of one stream, on a fake clock. */
@Tag("fast")
class BitrateMeterTest {
  final BitrateMeter meter = new BitrateMeter(1000);

  @Test
  void aSteadyStreamReadsItsRate() {
    long now = 5_000;
    for (int i = 0; i < 200; i++, now += 10) { // 1,000 bytes every 10 ms: 800 kbit/s
      meter.onPacket(1000, now);
    }

    assertThat(meter.bitrate(now - 10)).isBetween(790_000L, 810_000L);
  }

  @Test
  void aStreamThatStoppedReadsZeroOnceTheWindowPassed() {
    meter.onPacket(1000, 5_000);

    assertThat(meter.bitrate(5_500)).isEqualTo(8_000);
    assertThat(meter.bitrate(6_000)).isZero();
    assertThat(meter.bitrate(60_000)).isZero();
  }

  @Test
  void bucketsOfAnOlderLapAreNotCountedAgain() {
    meter.onPacket(1000, 5_000);
    meter.onPacket(500, 6_010); // the same slot, one window later

    assertThat(meter.bitrate(6_010)).isEqualTo(4_000);
  }

  @Test
  void aWindowUnderTenMillisecondsIsRefused() {
    assertThatThrownBy(() -> new BitrateMeter(5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BitrateMeter(1000, 500))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BitrateMeter(1000, 5_050))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thePeakIsTheBusiestSecondOfTheHistory() {
    BitrateMeter history = new BitrateMeter(1000, 5000);
    long now = 10_000;
    for (int i = 0; i < 100; i++, now += 10) { // a second at 800 kbit/s
      history.onPacket(1000, now);
    }
    for (int i = 0; i < 300; i++, now += 10) { // three at 400 kbit/s
      history.onPacket(500, now);
    }

    assertThat(history.bitrate(now - 10)).isEqualTo(400_000);
    assertThat(history.peakBitrate(now - 10)).isEqualTo(800_000);
    // the busy second leaves the 5 s history 5 s after its end
    assertThat(history.peakBitrate(15_990)).isEqualTo(400_000);
    assertThat(history.peakBitrate(60_000)).isZero();
  }
}
