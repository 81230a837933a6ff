package dev.vertxsfu.media.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The announced set of a three-layer producer (q = bit 0, h = 1, f = 2) on a fake clock. */
@Tag("fast")
class WantedLayersTest {
  static final int Q = 1;
  static final int H = 2;
  static final int F = 4;
  static final int ALL = Q | H | F;

  long now = 50_000;
  final WantedLayers layers = new WantedLayers(3, now);

  @Test
  void startsWithEveryLayerAnnounced() {
    assertThat(layers.announced()).isEqualTo(ALL);
  }

  @Test
  void anUnwantedLayerIsKeptUntilTheDropDelayHasPassed() {
    now += 100;
    assertThat(layers.update(Q, now)).isFalse();
    now += WantedLayers.DROP_AFTER_MILLIS - 200;
    assertThat(layers.update(Q, now)).isFalse();
    assertThat(layers.announced()).isEqualTo(ALL);
    now += 100; // DROP_AFTER_MILLIS since the start, when every layer counted as wanted
    assertThat(layers.update(Q, now)).isTrue();
    assertThat(layers.announced()).isEqualTo(Q);
    assertThat(layers.added()).isZero();
  }

  @Test
  void aLayerWantedAgainIsAddedAtOnce() {
    now += WantedLayers.DROP_AFTER_MILLIS;
    layers.update(Q, now);
    assertThat(layers.announced()).isEqualTo(Q);
    now += 20;
    assertThat(layers.update(Q | F, now)).isTrue();
    assertThat(layers.announced()).isEqualTo(Q | F);
    assertThat(layers.added()).isEqualTo(F);
  }

  @Test
  void aLayerWantedNowAndThenIsNeverDropped() {
    for (int i = 0; i < 20; i++) {
      now += WantedLayers.DROP_AFTER_MILLIS / 2;
      assertThat(layers.update(i % 2 == 0 ? Q | F : Q | H | F, now)).isFalse();
    }
    now += WantedLayers.DROP_AFTER_MILLIS / 2;
    layers.update(Q, now);
    assertThat(layers.announced()).isEqualTo(ALL); // h and f were wanted 1.5 s ago
  }

  @Test
  void theDelayCountsFromTheLastTimeALayerWasWanted() {
    now += WantedLayers.DROP_AFTER_MILLIS;
    layers.update(Q | H, now); // f dropped, h wanted now
    now += 1000;
    layers.update(Q, now);
    now += WantedLayers.DROP_AFTER_MILLIS - 1000 - 1;
    assertThat(layers.update(Q, now)).isFalse();
    assertThat(layers.announced()).isEqualTo(Q | H);
    now += 1;
    assertThat(layers.update(Q, now)).isTrue();
    assertThat(layers.announced()).isEqualTo(Q);
  }

  @Test
  void nothingWantedEndsWithNothingAnnounced() {
    now += WantedLayers.DROP_AFTER_MILLIS;
    assertThat(layers.update(0, now)).isTrue();
    assertThat(layers.announced()).isZero();
    now += 10;
    assertThat(layers.update(H, now)).isTrue();
    assertThat(layers.added()).isEqualTo(H);
  }

  @Test
  void bitsBeyondTheProducersLayersAreIgnored() {
    now += WantedLayers.DROP_AFTER_MILLIS;
    layers.update(Q | 8 | 16, now);
    assertThat(layers.announced()).isEqualTo(Q);
  }

  @Test
  void anAnnouncementThatChangesNothingSaysSo() {
    now += 10;
    assertThat(layers.update(ALL, now)).isFalse();
    assertThat(layers.added()).isZero();
  }

  @Test
  void aLayerCountOutsideTheBoundsIsRefused() {
    assertThatThrownBy(() -> new WantedLayers(0, now))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WantedLayers(WantedLayers.MAX_LAYERS + 1, now))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
