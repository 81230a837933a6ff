package dev.vertxsfu.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("fast")
class NackGeneratorTest {
  private final NackGenerator nacks = new NackGenerator(20);
  private final int[] out = new int[NackGenerator.MAX_MISSING];

  private int[] due(long now) {
    return Arrays.copyOf(out, nacks.due(now, out));
  }

  @Test
  void aGapIsNackedAtOnceThenRetriedEveryRetryInterval() {
    nacks.onPacket(100, 0);
    assertThat(nacks.onPacket(104, 0)).isEqualTo(NackGenerator.Outcome.GAP);
    assertThat(due(0)).containsExactly(101, 102, 103);
    assertThat(due(19)).isEmpty();
    assertThat(due(20)).containsExactly(101, 102, 103);
  }

  @Test
  void aLatePacketIsRecoveredAndNoLongerNacked() {
    nacks.onPacket(100, 0);
    nacks.onPacket(103, 0);
    assertThat(nacks.onPacket(101, 5)).isEqualTo(NackGenerator.Outcome.RECOVERED);
    assertThat(due(5)).containsExactly(102);
    assertThat(nacks.onPacket(101, 6)).isEqualTo(NackGenerator.Outcome.IN_ORDER); // duplicate
  }

  @Test
  void gapsAcrossTheSequenceWrapAreNackedWith16BitNumbers() {
    nacks.onPacket(65534, 0);
    nacks.onPacket(65537, 0); // extended: 65535 and 65536 (wire 0) are missing
    assertThat(due(0)).containsExactly(65535, 0);
  }

  @Test
  void entriesAreGivenUpAfterMaxRetriesOrMaxAge() {
    nacks.onPacket(1, 0);
    nacks.onPacket(3, 0);
    for (int i = 0; i < NackGenerator.MAX_RETRIES; i++) {
      assertThat(due(i * 20L)).containsExactly(2);
    }
    assertThat(due(NackGenerator.MAX_RETRIES * 20L)).isEmpty();
    assertThat(nacks.missing()).isZero();

    nacks.onPacket(5, 1000);
    assertThat(due(1000 + NackGenerator.MAX_AGE_MILLIS + 1)).isEmpty();
  }

  @Test
  void aHugeGapAsksForAKeyframeInstead() {
    nacks.onPacket(1, 0);
    nacks.onPacket(3, 0);
    assertThat(nacks.onPacket(5000, 0)).isEqualTo(NackGenerator.Outcome.KEYFRAME_NEEDED);
    assertThat(nacks.missing()).isZero();
    assertThat(due(0)).isEmpty();
  }

  @Test
  void aStreamWithoutLossKeepsTheInitialStorage() {
    for (int seq = 0; seq < 10_000; seq++) {
      nacks.onPacket(seq, seq);
    }
    assertThat(nacks.capacity()).isEqualTo(NackGenerator.INITIAL_CAPACITY);
  }

  @Test
  void theStorageGrowsForWideGapsAndKeepsWhatItHad() {
    nacks.onPacket(0, 0);
    nacks.onPacket(5, 0); // 1..4 missing
    nacks.onPacket(306, 0); // 6..305 missing: 304 in all
    assertThat(nacks.missing()).isEqualTo(304);
    assertThat(nacks.capacity()).isBetween(304, NackGenerator.MAX_MISSING);
    int[] asked = due(0);
    assertThat(asked).hasSize(304);
    assertThat(asked).startsWith(1, 2, 3, 4, 6).endsWith(305);
  }

  @Test
  void theStorageNeverGrowsPastMaxMissing() {
    nacks.onPacket(0, 0);
    nacks.onPacket(NackGenerator.MAX_MISSING + 1, 0); // exactly MAX_MISSING missing
    assertThat(nacks.missing()).isEqualTo(NackGenerator.MAX_MISSING);
    assertThat(nacks.capacity()).isEqualTo(NackGenerator.MAX_MISSING);
    assertThat(nacks.onPacket(NackGenerator.MAX_MISSING + 3, 0))
        .isEqualTo(NackGenerator.Outcome.KEYFRAME_NEEDED);
  }

  @Test
  void aRetransmissionIsAwaitedOnlyForAMissingOrNewerPacket() {
    assertThat(nacks.awaits(7)).as("before any packet").isTrue();
    nacks.onPacket(65_534, 0);
    nacks.onPacket(65_536 + 2, 0); // 65535, 0 (65536) and 1 (65537) missing, across the wrap
    assertThat(nacks.awaits(65_535)).isTrue();
    assertThat(nacks.awaits(1)).isTrue();
    assertThat(nacks.awaits(65_534)).as("arrived").isFalse();
    assertThat(nacks.awaits(2)).as("arrived").isFalse();
    assertThat(nacks.awaits(3)).as("newer than any").isTrue();
    assertThat(nacks.missing()).as("asking changes nothing").isEqualTo(3);
    nacks.onPacket(65_536 + 1, 0);
    assertThat(nacks.awaits(1)).as("repaired").isFalse();
  }
}
