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
  }
}
