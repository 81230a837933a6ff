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
}
