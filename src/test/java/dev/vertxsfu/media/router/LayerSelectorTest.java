package dev.vertxsfu.media.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.media.router.LayerSelector.Layer;
import dev.vertxsfu.media.router.LayerSelector.Wish;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;

/** The layer table: asked size × available layers × flowing × budget. */
@Tag("fast")
class LayerSelectorTest {

  /** q 320x180 at 150 kbit/s, h 640x360 at 500, f 1280x720 at 1,500: flowing as marked. */
  private static List<Layer> layers(String flowing) {
    return List.of(
        new Layer(0, 320, 180, flowing.charAt(0) == '1', 150_000),
        new Layer(1, 640, 360, flowing.charAt(1) == '1', 500_000),
        new Layer(2, 1280, 720, flowing.charAt(2) == '1', 1_500_000));
  }

  @ParameterizedTest(name = "{0}x{1} paused={2} flowing={3} budget={4} -> {5}")
  @CsvSource({
      // the smallest layer that covers the tile
      "320, 180, false, 111, -1, 0",
      "160, 90, false, 111, -1, 0",
      "321, 180, false, 111, -1, 1",
      "640, 360, false, 111, -1, 1",
      "800, 450, false, 111, -1, 2",
      // no limit, or a tile larger than every layer: the largest
      "0, 0, false, 111, -1, 2",
      "1920, 1080, false, 111, -1, 2",
      // a layer that stopped is skipped: the next up, else the largest still flowing
      "320, 180, false, 011, -1, 1",
      "640, 360, false, 101, -1, 2",
      "1920, 1080, false, 110, -1, 1",
      "0, 0, false, 000, -1, -1",
      // paused: nothing, whatever flows
      "1280, 720, true, 111, -1, -1",
      // a budget steps down until a layer fits, and below the smallest there is nothing
      "0, 0, false, 111, 1000000, 1",
      "0, 0, false, 111, 500000, 1",
      "0, 0, false, 111, 499999, 0",
      "0, 0, false, 111, 100000, -1",
      "320, 180, false, 111, 2000000, 0",
      "0, 0, false, 101, 1000000, 0",
  })
  void selects(int width, int height, boolean paused, String flowing, long budget,
      int expected) {
    long limit = budget < 0 ? LayerSelector.UNLIMITED : budget;

    assertThat(LayerSelector.select(layers(flowing), new Wish(width, height, paused), limit))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "sizes unknown, {0}x{1} -> {2}")
  @CsvSource({"320, 180, 2", "0, 0, 2"})
  void layersOfUnknownSizeCoverNothingSoTheLargestFlowingOneIsTaken(int width, int height,
      int expected) {
    List<Layer> unknown = List.of(new Layer(0, 0, 0, true, 0), new Layer(1, 0, 0, true, 0),
        new Layer(2, 0, 0, true, 0));

    assertThat(LayerSelector.select(unknown, new Wish(width, height, false),
        LayerSelector.UNLIMITED)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "maxFps {0} -> TID {1}")
  @CsvSource({"0, -1", "1, 0", "8, 0", "9, 1", "16, 1", "17, -1", "30, -1", "60, -1"})
  void theFrameRateAskedForGivesTheHighestTemporalLayer(int maxFps, int expected) {
    assertThat(LayerSelector.temporal(maxFps)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}x{1} at {2} fps -> {3}")
  @CsvSource({"320, 180, 8, 0", "640, 360, 15, 1", "0, 0, 30, 2"})
  void aFrameRateLimitDoesNotChangeTheSpatialChoice(int width, int height, int fps,
      int expected) {
    assertThat(LayerSelector.select(layers("111"), new Wish(width, height, fps, false),
        LayerSelector.UNLIMITED)).isEqualTo(expected);
  }

  /** What the subscriber wished for does not follow the layers that flow, unlike select. */
  @ParameterizedTest(name = "{0}x{1} paused={2} flowing={3} -> wished {4}")
  @CsvSource({
      "320, 180, false, 111, 0",
      "320, 180, false, 011, 0",
      "640, 360, false, 101, 1",
      "0, 0, false, 110, 2",
      "0, 0, false, 000, 2",
      "1920, 1080, false, 100, 2",
      "1280, 720, true, 111, -1",
  })
  void theWishedLayerIsWhatTheWishPicksWereEveryLayerFlowing(int width, int height,
      boolean paused, String flowing, int expected) {
    assertThat(LayerSelector.wished(layers(flowing), new Wish(width, height, paused)))
        .isEqualTo(expected);
  }
}
