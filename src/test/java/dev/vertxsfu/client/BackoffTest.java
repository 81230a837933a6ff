package dev.vertxsfu.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("fast")
class BackoffTest {

  @Test
  void delaysDoubleFrom250MillisUpTo5SecondsWithin20PercentJitter() {
    SplittableRandom random = new SplittableRandom(7);
    long[] bases = {250, 500, 1000, 2000, 4000, 5000, 5000, 5000};
    for (int attempt = 0; attempt < bases.length; attempt++) {
      for (int i = 0; i < 1000; i++) {
        long delay = Backoff.delayMillis(attempt, random);
        assertThat(delay).as("attempt %d", attempt)
            .isBetween(Math.round(bases[attempt] * 0.8), Math.round(bases[attempt] * 1.2));
      }
    }
  }

  @Test
  void theJitterSpreadsClientsOut() {
    SplittableRandom random = new SplittableRandom(11);
    long distinct = java.util.stream.IntStream.range(0, 100)
        .mapToLong(i -> Backoff.delayMillis(0, random)).distinct().count();
    assertThat(distinct).isGreaterThan(50);
  }
}
