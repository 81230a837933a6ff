package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class NewRoomLimiterTest {

  @Test
  void aKeyMayAskForAsManyRoomsAsTheLimitInAWindowAndAgainForTheSameOnes() {
    NewRoomLimiter limiter = new NewRoomLimiter(2, 60_000, 10);
    assertThat(limiter.allow("a", "r1", 0)).isTrue();
    assertThat(limiter.allow("a", "r2", 1)).isTrue();
    assertThat(limiter.allow("a", "r3", 2)).isFalse();
    assertThat(limiter.allow("a", "r1", 3)).as("one already counted").isTrue();
    assertThat(limiter.allow("b", "r3", 4)).as("another key").isTrue();
  }

  @Test
  void roomsLeaveTheWindowOneByOne() {
    NewRoomLimiter limiter = new NewRoomLimiter(2, 60_000, 10);
    limiter.allow("a", "r1", 0);
    limiter.allow("a", "r2", 30_000);
    assertThat(limiter.allow("a", "r3", 59_999)).isFalse();
    assertThat(limiter.allow("a", "r3", 60_000)).isTrue();
    assertThat(limiter.allow("a", "r4", 60_001)).isFalse();
  }

  @Test
  void theKeysTrackedAreBoundedAndExpire() {
    NewRoomLimiter limiter = new NewRoomLimiter(5, 1_000, 3);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.allow("k" + i, "r", 0)).isTrue();
    }
    assertThat(limiter.allow("k3", "r", 10)).as("a fourth key while three are tracked").isFalse();
    assertThat(limiter.trackedKeys()).isEqualTo(3);
    assertThat(limiter.allow("k3", "r", 1_000)).as("once the others expired").isTrue();
    assertThat(limiter.trackedKeys()).isEqualTo(1);
    limiter.expire(5_000);
    assertThat(limiter.trackedKeys()).isZero();
  }
}
