package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("fast")
class BadFrameLimiterTest {

  @Test
  void twentyInTheWindowPassAndTheTwentyFirstIsTooMany() {
    BadFrameLimiter limiter = new BadFrameLimiter();
    for (int i = 0; i < 20; i++) {
      assertThat(limiter.recordAndCheck(5_000 + i)).as("frame %d", i + 1).isFalse();
    }
    assertThat(limiter.recordAndCheck(5_020)).isTrue();
  }

  @Test
  void theWindowSlides() {
    BadFrameLimiter limiter = new BadFrameLimiter(3, 10_000);
    assertThat(limiter.recordAndCheck(0)).isFalse();
    assertThat(limiter.recordAndCheck(4_000)).isFalse();
    assertThat(limiter.recordAndCheck(9_999)).isFalse();
    // The frame at 0 leaves the window at 10 000: three frames in the last 10 s, not four.
    assertThat(limiter.recordAndCheck(10_000)).isFalse();
    assertThat(limiter.recordAndCheck(13_999)).isTrue();
  }

  @Test
  void aQuietSpellEmptiesTheWindow() {
    BadFrameLimiter limiter = new BadFrameLimiter(2, 10_000);
    limiter.recordAndCheck(0);
    limiter.recordAndCheck(1);
    assertThat(limiter.recordAndCheck(60_000)).isFalse();
    assertThat(limiter.recordAndCheck(60_001)).isFalse();
    assertThat(limiter.recordAndCheck(60_002)).isTrue();
  }
}
