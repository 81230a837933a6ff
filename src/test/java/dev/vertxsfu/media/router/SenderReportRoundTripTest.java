package dev.vertxsfu.media.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class SenderReportRoundTripTest {
  /** 2026-12-06 12:00:00.5 UTC in NTP format: seconds since 1900 and half a second. */
  private static final long NTP = (3_974_112_000L << 32) | 0x8000_0000L;
  private static final long COMPACT = (NTP >>> 16) & 0xFFFFFFFFL;

  @Test
  void aBlockNamingAnSrGivesNowMinusSentMinusTheReceiversDelay() {
    SenderReportRoundTrip rtt = new SenderReportRoundTrip();
    rtt.onSent(NTP, 10_000);
    // the receiver held the SR 0.5 s (32768/65536) and its report arrived 580 ms after the SR left
    assertThat(rtt.onReportBlock(COMPACT, 32_768, 10_580)).isEqualTo(80);
    assertThat(rtt.rttMillis()).isEqualTo(80);
  }

  @Test
  void aBlockWithoutAnSrOrNamingAnUnknownOneChangesNothing() {
    SenderReportRoundTrip rtt = new SenderReportRoundTrip();
    rtt.onSent(NTP, 10_000);
    assertThat(rtt.onReportBlock(0, 0, 10_100)).isEqualTo(-1);
    assertThat(rtt.onReportBlock(COMPACT + 1, 0, 10_100)).isEqualTo(-1);
    assertThat(rtt.rttMillis()).isEqualTo(-1);
  }

  @Test
  void anOlderSrStillKeptIsMatchedAndOneFourReportsBackIsForgotten() {
    SenderReportRoundTrip rtt = new SenderReportRoundTrip();
    for (int i = 0; i < SenderReportRoundTrip.KEPT + 1; i++) {
      rtt.onSent(NTP + ((long) i << 32), 10_000 + i * 1_000L);
    }
    // the first SR was pushed out of the ring; the second is still there
    assertThat(rtt.onReportBlock(COMPACT, 0, 20_000)).isEqualTo(-1);
    long second = ((NTP + (1L << 32)) >>> 16) & 0xFFFFFFFFL;
    assertThat(rtt.onReportBlock(second, 0, 11_040)).isEqualTo(40);
  }

  @Test
  void aDelayLongerThanTheElapsedTimeGivesZeroNotANegativeTime() {
    SenderReportRoundTrip rtt = new SenderReportRoundTrip();
    rtt.onSent(NTP, 10_000);
    assertThat(rtt.onReportBlock(COMPACT, 65_536, 10_500)).isZero();
  }
}
