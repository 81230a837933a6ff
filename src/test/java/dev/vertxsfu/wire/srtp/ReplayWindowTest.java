package dev.vertxsfu.wire.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;

/** The replay list of RFC 3711 §3.3.2, against a plain set of every accepted index. */
@Tag("fast")
class ReplayWindowTest {
  @Test
  void anEmptyWindowAcceptsAnything() {
    ReplayWindow window = new ReplayWindow(64);
    assertThat(window.highest()).isEqualTo(-1);
    assertThat(window.check(0)).isZero();
    assertThat(window.check(1L << 47)).isZero();
  }

  @Test
  void theLastSizeIndicesAreRememberedAndOlderOnesAreTooOld() {
    ReplayWindow window = new ReplayWindow(64);
    window.accept(1000);
    assertThat(window.check(1000)).isEqualTo(SrtpStatus.REPLAYED);
    assertThat(window.check(937)).isZero();
    assertThat(window.check(936)).isEqualTo(SrtpStatus.TOO_OLD);
    window.accept(937);
    assertThat(window.check(937)).isEqualTo(SrtpStatus.REPLAYED);
    window.accept(1001);
    assertThat(window.check(937)).isEqualTo(SrtpStatus.TOO_OLD);
  }

  @Test
  void aJumpFartherThanTheRingForgetsEverything() {
    ReplayWindow window = new ReplayWindow(128);
    for (long i = 0; i < 100; i++) {
      window.accept(i);
    }
    window.accept(100_000);
    for (long i = 100_000 - 127; i < 100_000; i++) {
      assertThat(window.check(i)).as("index %d", i).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 128, 1000, 1024})
  void randomTrafficAgreesWithASetOfAcceptedIndices(int size) {
    ReplayWindow window = new ReplayWindow(size);
    Set<Long> accepted = new HashSet<>();
    SplittableRandom random = new SplittableRandom(size);
    long top = -1;
    long next = 0;
    for (int i = 0; i < 200_000; i++) {
      int move = random.nextInt(100);
      long index;
      if (move < 70) {
        index = next++;
      } else if (move < 95) {
        index = Math.max(0, next - 1 - random.nextInt(size + 200));
      } else {
        next += random.nextInt(5000);
        index = next++;
      }
      int expected = index > top ? 0
          : top - index >= size ? SrtpStatus.TOO_OLD
          : accepted.contains(index) ? SrtpStatus.REPLAYED : 0;
      assertThat(window.check(index)).as("index %d top %d", index, top).isEqualTo(expected);
      if (expected == 0 && random.nextInt(10) != 0) { // some packets fail authentication
        window.accept(index);
        accepted.add(index);
        top = Math.max(top, index);
      }
    }
  }
}
