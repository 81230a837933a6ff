package dev.vertxsfu.wire.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Extending 16-bit sequence numbers to 64 bits across wraps, reordering and jumps. */
@Tag("fast")
class SeqUnwrapperTest {
  private final SeqUnwrapper unwrapper = new SeqUnwrapper();

  @Test
  void theFirstNumberExtendsToItself() {
    assertThat(unwrapper.started()).isFalse();
    assertThat(unwrapper.unwrap(8010)).isEqualTo(8010);
    assertThat(unwrapper.started()).isTrue();
    assertThat(unwrapper.last()).isEqualTo(8010);
  }

  @Test
  void countingOnAcrossTheWrap() {
    unwrapper.unwrap(0xfffe);

    assertThat(unwrapper.unwrap(0xffff)).isEqualTo(0xffff);
    assertThat(unwrapper.unwrap(0)).isEqualTo(0x1_0000);
    assertThat(unwrapper.unwrap(1)).isEqualTo(0x1_0001);
  }

  @Test
  void manyWrapsKeepCounting() {
    unwrapper.unwrap(0);
    long expected = 0;
    for (int i = 0; i < 5 * 65536; i += 1000) {
      expected += 1000;
      assertThat(unwrapper.unwrap((int) (expected & 0xffff))).isEqualTo(expected);
    }
    assertThat(expected).isGreaterThan(4L * 65536);
  }

  @Test
  void reorderingAcrossTheWrapLandsOnTheRightSide() {
    unwrapper.unwrap(0xfffd);

    assertThat(unwrapper.unwrap(1)).isEqualTo(0x1_0001);
    assertThat(unwrapper.unwrap(0xfffe)).isEqualTo(0xfffe);  // late, from before the wrap
    assertThat(unwrapper.unwrap(0)).isEqualTo(0x1_0000);
    assertThat(unwrapper.unwrap(0xffff)).isEqualTo(0xffff);
    assertThat(unwrapper.unwrap(2)).isEqualTo(0x1_0002);
  }

  @Test
  void aLatePacketFromBeforeTheFirstIsNegative() {
    unwrapper.unwrap(2);

    assertThat(unwrapper.unwrap(0xffff)).isEqualTo(-1);
    assertThat(unwrapper.unwrap(3)).isEqualTo(3);
  }

  @Test
  void largeJumpsUnderHalfTheSpaceGoForward() {
    unwrapper.unwrap(100);

    assertThat(unwrapper.unwrap(100 + 32767)).isEqualTo(100 + 32767);
    assertThat(unwrapper.unwrap((100 + 2 * 32767) & 0xffff)).isEqualTo(100 + 2 * 32767);
    assertThat(unwrapper.unwrap(0)).isEqualTo(0x1_0000);
  }

  @Test
  void aJumpOfHalfTheSpaceOrMoreReadsAsBackwards() {
    unwrapper.unwrap(0x1_0000 - 1);

    assertThat(unwrapper.unwrap(0x7fff)).isEqualTo(0xffff - 0x8000);
    unwrapper.reset();
    unwrapper.unwrap(0);
    assertThat(unwrapper.unwrap(0x8000)).isEqualTo(-0x8000);
    assertThat(unwrapper.unwrap(0x9000)).isEqualTo(-0x7000);
  }

  @Test
  void peekDoesNotMoveTheReference() {
    unwrapper.unwrap(0xfff0);

    assertThat(unwrapper.peek(0x10)).isEqualTo(0x1_0010);
    assertThat(unwrapper.last()).isEqualTo(0xfff0);
    assertThat(unwrapper.peek(0xffe0)).isEqualTo(0xffe0);
  }

  @Test
  void resetForgetsTheStream() {
    unwrapper.unwrap(0xffff);
    unwrapper.unwrap(5);

    unwrapper.reset();

    assertThat(unwrapper.started()).isFalse();
    assertThat(unwrapper.unwrap(5)).isEqualTo(5);
  }

  @Test
  void aShuffledStreamUnwrapsToItsTrueNumbers() {
    // 200,000 packets from 61000 on, each delivered up to 100 places out of order
    SplittableRandom random = new SplittableRandom(3550);
    long start = 61_000;
    int count = 200_000;
    long[] order = new long[count];
    for (int i = 0; i < count; i++) {
      order[i] = start + i;
    }
    for (int i = 0; i < count; i++) {
      int j = Math.min(count - 1, i + random.nextInt(100));
      long swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    for (long truth : order) {
      assertThat(unwrapper.unwrap((int) (truth & 0xffff)) - order[0] + start)
          .isEqualTo(truth - order[0] + start);
    }
  }
}
