package dev.vertxsfu.media.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.media.cc.StreamAllocator;
import dev.vertxsfu.media.cc.TrackAllocation;
import dev.vertxsfu.media.cc.TrackDemand;
import dev.vertxsfu.media.cc.TrackKind;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class TrackDemandsTest {
  private static final List<LayerSelector.Layer> LAYERS = List.of(
      new LayerSelector.Layer(0, 320, 180, true, 150_000),
      new LayerSelector.Layer(1, 640, 360, true, 500_000),
      new LayerSelector.Layer(2, 1280, 720, true, 1_500_000));

  @Test
  void aTileSizeBecomesTheHighestLayerAskedAndItsArea() {
    TrackDemand demand = TrackDemands.video("t", TrackKind.CAMERA, LAYERS,
        new LayerSelector.Wish(640, 360, false));
    assertThat(demand.layerBitrates()).containsExactly(150_000, 500_000, 1_500_000);
    assertThat(demand.maxLayer()).isEqualTo(1);
    assertThat(demand.tileArea()).isEqualTo(640 * 360);

    TrackDemand any = TrackDemands.video("t", TrackKind.SCREEN, LAYERS, LayerSelector.Wish.ANY);
    assertThat(any.maxLayer()).isEqualTo(2);
    assertThat(any.tileArea()).isZero();
  }

  @Test
  void aStoppedLayerLowersTheHighestLayerItMayHaveButNotTheOneItWished() {
    TrackDemand noTop = TrackDemands.video("t", TrackKind.CAMERA, flowing(true, false),
        LayerSelector.Wish.ANY);
    assertThat(noTop.maxLayer()).isEqualTo(1);
    assertThat(noTop.wishedLayer()).isEqualTo(2);
    // the layer covering the tile stopped: the next one up may be had, the wish is the same
    TrackDemand noMiddle = TrackDemands.video("t", TrackKind.CAMERA, flowing(false, true),
        new LayerSelector.Wish(640, 360, false));
    assertThat(noMiddle.maxLayer()).isEqualTo(2);
    assertThat(noMiddle.wishedLayer()).isEqualTo(1);
    TrackDemand hidden = TrackDemands.video("t", TrackKind.CAMERA, LAYERS,
        new LayerSelector.Wish(0, 0, true));
    assertThat(hidden.wishedLayer()).isEqualTo(-1);
  }

  @Test
  void aStepUpCostsTheLayersBusiestSecondAndNeverLessThanItsRate() {
    List<LayerSelector.Layer> noMiddle = List.of(LAYERS.get(0),
        new LayerSelector.Layer(1, 640, 360, false, 0), LAYERS.get(2));
    TrackDemand demand = TrackDemands.video("t", TrackKind.CAMERA, noMiddle,
        new long[] {100_000, 600_000, 1_800_000}, LayerSelector.Wish.ANY);

    assertThat(demand.upgradeBitrates()).containsExactly(
        LAYERS.get(0).bitrate(), 0, 1_800_000);
    assertThat(demand.layerBitrates()[2]).isEqualTo(LAYERS.get(2).bitrate());
  }

  @Test
  void aLayerNotFlowingCostsNothingAndAHiddenTileAsksForNone() {
    List<LayerSelector.Layer> noMiddle = List.of(LAYERS.get(0),
        new LayerSelector.Layer(1, 640, 360, false, 0), LAYERS.get(2));
    TrackDemand demand = TrackDemands.video("t", TrackKind.CAMERA, noMiddle,
        LayerSelector.Wish.ANY);
    assertThat(demand.layerBitrates()).containsExactly(150_000, 0, 1_500_000);

    TrackDemand hidden = TrackDemands.video("t", TrackKind.CAMERA, LAYERS,
        new LayerSelector.Wish(0, 0, true));
    assertThat(hidden.maxLayer()).isEqualTo(-1);
  }

  @Test
  void theAllocatedBitrateIsABudgetUnderWhichTheSelectorPicksTheSameLayer() {
    LayerSelector.Wish wish = LayerSelector.Wish.ANY;
    TrackDemand demand = TrackDemands.video("t", TrackKind.CAMERA, LAYERS, wish);
    for (long estimate : new long[] {100_000, 200_000, 700_000, 2_000_000}) {
      TrackAllocation allocation = new StreamAllocator("s")
          .allocate(estimate, List.of(demand), 0).track("t");
      int selected = LayerSelector.select(LAYERS, wish, allocation.bitrate());
      assertThat(selected).as("estimate %d", estimate).isEqualTo(allocation.layer());
    }
  }

  private static List<LayerSelector.Layer> flowing(boolean middle, boolean top) {
    return List.of(LAYERS.get(0),
        new LayerSelector.Layer(1, 640, 360, middle, middle ? 500_000 : 0),
        new LayerSelector.Layer(2, 1280, 720, top, top ? 1_500_000 : 0));
  }

  private static int camera(StreamAllocator allocator, long estimate,
      List<LayerSelector.Layer> layers, LayerSelector.Wish wish, long now) {
    TrackDemand demand = TrackDemands.video("cam", TrackKind.CAMERA, layers, wish);
    return allocator.allocate(estimate, List.of(demand), now).track("cam").layer();
  }

  @Test
  void aLayerThatResumesIsNoWishAndItsStepUpWaitsTheHold() {
    StreamAllocator allocator = new StreamAllocator("s");
    LayerSelector.Wish any = LayerSelector.Wish.ANY;
    assertThat(camera(allocator, 3_000_000, flowing(true, true), any, 0)).isEqualTo(2);
    assertThat(camera(allocator, 400_000, flowing(true, true), any, 100)).isZero();
    // the middle layer fits with its margin from here: due after the hold, at 2,200
    assertThat(camera(allocator, 900_000, flowing(true, true), any, 200)).isZero();
    // the publisher pauses its top layer and resumes it (its own estimate dipped): the
    // highest layer flowing falls and rises, the subscriber asked for nothing new
    assertThat(camera(allocator, 900_000, flowing(true, false), any, 400)).isZero();
    assertThat(camera(allocator, 900_000, flowing(true, true), any, 1_400)).isZero();
    assertThat(camera(allocator, 900_000, flowing(true, true), any, 2_199)).isZero();
    assertThat(camera(allocator, 900_000, flowing(true, true), any, 2_200)).isEqualTo(1);
  }

  @Test
  void aTileThatGrowsGetsTheLayerItNeedsAtOnceWhenDynacastRestartsIt() {
    StreamAllocator allocator = new StreamAllocator("s");
    LayerSelector.Wish small = new LayerSelector.Wish(160, 90, false);
    LayerSelector.Wish big = new LayerSelector.Wish(1280, 720, false);
    // only small tiles watch: the publisher sends the lowest layer alone
    assertThat(camera(allocator, 3_000_000, flowing(false, false), small, 0)).isZero();
    assertThat(camera(allocator, 3_000_000, flowing(false, false), small, 1_000)).isZero();
    // the tile grows; the layers it needs flow again a few hundred ms later: no hold
    assertThat(camera(allocator, 3_000_000, flowing(false, false), big, 1_100)).isZero();
    assertThat(camera(allocator, 3_000_000, flowing(true, true), big, 1_400)).isEqualTo(2);
  }
}
