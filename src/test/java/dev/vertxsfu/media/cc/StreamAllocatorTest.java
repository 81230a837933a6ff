package dev.vertxsfu.media.cc;

import static dev.vertxsfu.media.cc.TrackAllocation.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.media.cc.TrackAllocation.State;
import dev.vertxsfu.media.cc.TrackAllocation.Transition;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("fast")
class StreamAllocatorTest {
  /** Three simulcast layers as the publisher sends them. */
  private static final long[] CAMERA = {150_000, 500_000, 1_500_000};
  private static final long[] SCREEN = {200_000, 1_200_000};
  private static final long HD = 1280 * 720;
  private static final long THUMB = 320 * 180;

  private static TrackDemand camera(String id, long tile, int maxLayer) {
    return new TrackDemand(id, TrackKind.CAMERA, tile, CAMERA, maxLayer);
  }

  private static final TrackDemand AUDIO = TrackDemand.audio("mic", 40_000);

  /** One subscriber: mic, a screen share, a large and a small camera tile; first allocation. */
  @ParameterizedTest(name = "estimate {0}: screen {1}, big camera {2}, small camera {3}")
  @CsvSource({
      "10000000, 1, 2, 2",
      "3000000,  1, 2, 0",
      "2000000,  1, 1, 0",
      "1500000,  0, 1, 1",
      "1000000,  0, 1, 0",
      "800000,   0, 0, 0",
      "540000,   0, 0, 0",
      "400000,   0, 0, -1",
      "250000,   0, -1, -1",
      "100000,  -1, -1, -1",
  })
  void screenSharesBeforeCamerasLargerTilesBeforeSmaller(long estimate, int screen, int big,
      int small) {
    StreamAllocator allocator = new StreamAllocator("s");
    StreamAllocation result = allocator.allocate(estimate, List.of(AUDIO,
        camera("small", THUMB, 2), new TrackDemand("screen", TrackKind.SCREEN, HD, SCREEN, 1),
        camera("big", HD, 2)), 0);

    assertThat(result.track("mic").state()).isEqualTo(State.FORWARDING);
    assertThat(result.track("screen").layer()).isEqualTo(screen);
    assertThat(result.track("big").layer()).isEqualTo(big);
    assertThat(result.track("small").layer()).isEqualTo(small);
    assertThat(result.allocatedBps()).isLessThanOrEqualTo(Math.max(estimate, 40_000));
    assertThat(result.desiredBps()).isEqualTo(40_000 + 1_200_000 + 1_500_000 + 1_500_000);
  }

  @Test
  void aStepUpTheSubscriberJustAskedForGoesAtOnceWhenItFits() {
    StreamAllocator allocator = new StreamAllocator("s");
    assertThat(layer(allocator, 3_000_000, List.of(AUDIO, camera("cam", HD, 2)), 0)).isEqualTo(2);
    // the tile shrinks: down at once; it grows again: up at once, the estimate carrying it
    assertThat(layer(allocator, 3_000_000, List.of(AUDIO, camera("cam", THUMB, 0)), 100)).isZero();
    assertThat(layer(allocator, 3_000_000, List.of(AUDIO, camera("cam", HD, 2)), 200))
        .isEqualTo(2);
    // asked for but not carried: the lower layer that is, and the rest waits as any step up
    assertThat(layer(allocator, 3_000_000, List.of(AUDIO, camera("cam", THUMB, 0)), 300)).isZero();
    assertThat(layer(allocator, 800_000, List.of(AUDIO, camera("cam", HD, 2)), 400)).isEqualTo(1);
    assertThat(layer(allocator, 3_000_000, List.of(AUDIO, camera("cam", HD, 2)), 500))
        .isEqualTo(1);
  }

  /** A camera with every layer at its CAMERA rate but those not flowing (0). */
  private static TrackDemand camera(long[] layers, int maxLayer, int wishedLayer) {
    return new TrackDemand("cam", TrackKind.CAMERA, HD, layers, maxLayer, wishedLayer, layers);
  }

  @Test
  void aLayerThePublisherResumedIsNoAskAndItsStepUpWaitsTheHold() {
    StreamAllocator allocator = new StreamAllocator("s");
    long[] all = CAMERA;
    long[] noTop = {150_000, 500_000, 0};
    assertThat(layer(allocator, 400_000, List.of(AUDIO, camera(all, 2, 2)), 0)).isZero();
    // the middle layer fits with its margin: due at 2,100
    assertThat(layer(allocator, 900_000, List.of(AUDIO, camera(all, 2, 2)), 100)).isZero();
    // the top layer stops and resumes: the highest layer it may have falls and rises
    assertThat(layer(allocator, 900_000, List.of(AUDIO, camera(noTop, 1, 2)), 300)).isZero();
    assertThat(layer(allocator, 900_000, List.of(AUDIO, camera(all, 2, 2)), 1_300)).isZero();
    assertThat(layer(allocator, 900_000, List.of(AUDIO, camera(all, 2, 2)), 2_099)).isZero();
    assertThat(layer(allocator, 900_000, List.of(AUDIO, camera(all, 2, 2)), 2_100))
        .isEqualTo(1);
  }

  @Test
  void aStepUpAskedForWaitsForItsLayerToFlowOnlySoLong() {
    long[] lowest = {150_000, 0, 0};
    StreamAllocator soon = new StreamAllocator("s");
    assertThat(layer(soon, 3_000_000, List.of(AUDIO, camera(lowest, 0, 0)), 0)).isZero();
    // the tile grows while only the lowest layer flows: no step yet, the ask is kept...
    assertThat(layer(soon, 3_000_000, List.of(AUDIO, camera(lowest, 0, 2)), 100)).isZero();
    // ... until the layer asked for flows: up at once
    assertThat(layer(soon, 3_000_000, List.of(AUDIO, camera(CAMERA, 2, 2)), 400)).isEqualTo(2);
    // and once only: a later stop and resume of the top layer waits the hold
    assertThat(layer(soon, 3_000_000, List.of(AUDIO, camera(lowest, 0, 2)), 500)).isZero();
    assertThat(layer(soon, 3_000_000, List.of(AUDIO, camera(CAMERA, 2, 2)), 600)).isZero();

    StreamAllocator late = new StreamAllocator("s");
    assertThat(layer(late, 3_000_000, List.of(AUDIO, camera(lowest, 0, 0)), 0)).isZero();
    assertThat(layer(late, 3_000_000, List.of(AUDIO, camera(lowest, 0, 2)), 100)).isZero();
    // the layers flow again after the wait: the publisher's doing, the step up waits the hold
    long flows = 100 + StreamAllocator.ASKED_FLOW_WAIT_MS;
    assertThat(layer(late, 3_000_000, List.of(AUDIO, camera(CAMERA, 2, 2)), flows)).isZero();
    assertThat(layer(late, 3_000_000, List.of(AUDIO, camera(CAMERA, 2, 2)),
        flows + StreamAllocator.UPGRADE_HOLD_MS)).isEqualTo(2);
  }

  @Test
  void aProbeThatSucceededLetsTheNextAllocationUpgradeWithoutTheHold() {
    StreamAllocator allocator = new StreamAllocator("s");
    List<TrackDemand> tracks = List.of(AUDIO, camera("cam", HD, 2));
    assertThat(allocator.allocate(300_000, tracks, 0).track("cam").layer()).isZero();
    // the estimate rose without a probe: the step up waits the hold
    assertThat(allocator.allocate(800_000, tracks, 100).track("cam").layer()).isZero();
    // a probe measured 900k: the next allocation takes the step at once...
    allocator.onProbeSucceeded(900_000);
    assertThat(allocator.allocate(900_000, tracks, 200).track("cam").layer()).isEqualTo(1);
    // ... once: the next step up waits the hold again
    assertThat(allocator.allocate(2_000_000, tracks, 300).track("cam").layer()).isEqualTo(1);
    // and a probe below the estimate confirms nothing
    allocator.onProbeSucceeded(1_000_000);
    assertThat(allocator.allocate(2_000_000, tracks, 400).track("cam").layer()).isEqualTo(1);
    assertThat(allocator.allocate(2_000_000, tracks, 400 + StreamAllocator.UPGRADE_HOLD_MS)
        .track("cam").layer()).isEqualTo(2);
  }

  @Test
  void audioIsKeptWhenNothingElseFitsAndAPausedVideoIsAnnounced() {
    StreamAllocator allocator = new StreamAllocator("s");
    StreamAllocation result = allocator.allocate(30_000, List.of(AUDIO, camera("cam", HD, 2)), 0);

    assertThat(result.track("mic").layer()).isZero();
    assertThat(result.track("mic").bitrate()).isEqualTo(40_000);
    assertThat(result.track("cam")).isEqualTo(new TrackAllocation("cam", NONE, 0,
        State.PAUSED_BANDWIDTH, Transition.PAUSED));
    // the pause is told once
    StreamAllocation again = allocator.allocate(30_000, List.of(AUDIO, camera("cam", HD, 2)), 50);
    assertThat(again.track("cam").transition()).isEqualTo(Transition.NONE);
  }

  @Test
  void aVideoOfOneLayerIsKeptShortOfItsBitrateAndPausedOnlyFarBelowIt() {
    TrackDemand single = new TrackDemand("cam", TrackKind.CAMERA, HD, new long[] {1_200_000}, 0);
    // 500k left after audio: short of 1.2M but above a quarter of it; kept, unlike a simulcast
    // track whose lowest layer did not fit
    StreamAllocation kept = new StreamAllocator("s").allocate(540_000, List.of(AUDIO, single), 0);
    assertThat(kept.track("cam").state()).isEqualTo(State.FORWARDING);
    assertThat(kept.track("cam").layer()).isZero();
    TrackDemand simulcast = new TrackDemand("sim", TrackKind.CAMERA, HD,
        new long[] {1_200_000, 2_500_000}, 1);
    assertThat(new StreamAllocator("s").allocate(540_000, List.of(AUDIO, simulcast), 0)
        .track("sim").state()).isEqualTo(State.PAUSED_BANDWIDTH);
    // 200k left: below a quarter of 1.2M, paused
    StreamAllocation paused = new StreamAllocator("s").allocate(240_000, List.of(AUDIO, single),
        0);
    assertThat(paused.track("cam").state()).isEqualTo(State.PAUSED_BANDWIDTH);
  }

  @Test
  void theLayerTheSubscriberAskedIsTheCeilingAndItsOwnPauseCostsNothing() {
    StreamAllocator allocator = new StreamAllocator("s");
    StreamAllocation result = allocator.allocate(10_000_000, List.of(camera("a", THUMB, 0),
        camera("b", HD, 1), camera("hidden", HD, -1)), 0);

    assertThat(result.track("a").layer()).isZero();
    assertThat(result.track("b").layer()).isEqualTo(1);
    assertThat(result.track("hidden")).isEqualTo(new TrackAllocation("hidden", NONE, 0,
        State.PAUSED_SUBSCRIBER, Transition.NONE));
    assertThat(result.allocatedBps()).isEqualTo(650_000);
    assertThat(result.desiredBps()).isEqualTo(650_000);
    assertThat(result.nextStepBps()).isZero();
  }

  @Test
  void aLayerThatIsNotFlowingIsSkipped() {
    StreamAllocator allocator = new StreamAllocator("s");
    TrackDemand noMiddle = new TrackDemand("c", TrackKind.CAMERA, HD,
        new long[] {150_000, 0, 1_500_000}, 2);
    assertThat(allocator.allocate(1_000_000, List.of(noMiddle), 0).track("c").layer()).isZero();
    TrackDemand noLow = new TrackDemand("d", TrackKind.CAMERA, HD,
        new long[] {0, 500_000, 1_500_000}, 2);
    assertThat(new StreamAllocator("s").allocate(600_000, List.of(noLow), 0).track("d").layer())
        .isEqualTo(1);
  }

  @Test
  void anUpgradeWaitsForTheMarginAndTheHoldWhileADowngradeIsImmediate() {
    StreamAllocator allocator = new StreamAllocator("s");
    List<TrackDemand> tracks = List.of(AUDIO, camera("cam", HD, 2));
    assertThat(layer(allocator, 700_000, tracks, 0)).isEqualTo(1);

    // 1.9 Mbit/s fits 1.5 + 0.04 but not with the 25 % margin: no upgrade however long
    assertThat(layer(allocator, 1_900_000, tracks, 1_000)).isEqualTo(1);
    assertThat(layer(allocator, 1_900_000, tracks, 10_000)).isEqualTo(1);
    // 2.0 fits 1.875 + 0.04: the upgrade is taken 2 s after it first fits
    assertThat(layer(allocator, 2_000_000, tracks, 11_000)).isEqualTo(1);
    assertThat(layer(allocator, 2_000_000, tracks, 12_999)).isEqualTo(1);
    assertThat(layer(allocator, 2_000_000, tracks, 13_000)).isEqualTo(2);
    // a dip below what the top layer needs: down at once
    assertThat(layer(allocator, 1_500_000, tracks, 13_050)).isEqualTo(1);
  }

  @Test
  void aStepUpIsPricedAtTheLayersBusiestRecentSecondWhileItsCurrentLayerCostsItsRate() {
    StreamAllocator allocator = new StreamAllocator("s");
    // the middle layer in a quiet second (395 kbit/s) after busy ones (530 kbit/s)
    List<TrackDemand> tracks = List.of(AUDIO, new TrackDemand("cam", TrackKind.CAMERA, HD,
        new long[] {150_000, 395_000, 1_500_000}, 2,
        new long[] {150_000, 530_000, 1_500_000}));
    assertThat(layer(allocator, 300_000, tracks, 0)).isZero();

    // 536 kbit/s carries 1.25 x 395 + 40 but not 1.25 x 530 + 40: no step up however long
    assertThat(layer(allocator, 536_000, tracks, 1_000)).isZero();
    assertThat(layer(allocator, 536_000, tracks, 10_000)).isZero();
    StreamAllocation held = allocator.allocate(536_000, tracks, 10_100);
    assertThat(held.nextStepBps()).isEqualTo(40_000 + 662_500);
    // 710 kbit/s carries it: taken after the hold; kept at the rate it costs now
    layer(allocator, 710_000, tracks, 11_000);
    assertThat(layer(allocator, 710_000, tracks, 13_000)).isEqualTo(1);
    assertThat(layer(allocator, 440_000, tracks, 13_200)).isEqualTo(1);
  }

  @Test
  void aPausedVideoResumesAtItsLowestLayersRateNotItsBusiestSecond() {
    StreamAllocator allocator = new StreamAllocator("s");
    // the lowest layer's busiest second holds the key frame of the switch to it
    List<TrackDemand> tracks = List.of(AUDIO, new TrackDemand("cam", TrackKind.CAMERA, HD,
        new long[] {150_000, 500_000, 1_500_000}, 2,
        new long[] {346_000, 500_000, 1_500_000}));
    layer(allocator, 1_000_000, tracks, 0);
    assertThat(layer(allocator, 100_000, tracks, 100)).isEqualTo(NONE);

    // 210 kbit/s carries 1.10 x 150 + 40, far from 1.25 x 346 + 40: resumed after the hold
    assertThat(layer(allocator, 210_000, tracks, 1_000)).isEqualTo(NONE);
    assertThat(allocator.allocate(210_000, tracks, 1_100).nextStepBps())
        .isEqualTo(40_000 + 165_000);
    assertThat(layer(allocator, 210_000, tracks, 3_000)).isZero();
  }

  @Test
  void anUpgradeThatStopsFittingStartsItsHoldAgain() {
    StreamAllocator allocator = new StreamAllocator("s");
    List<TrackDemand> tracks = List.of(camera("cam", HD, 2));
    layer(allocator, 600_000, tracks, 0);
    layer(allocator, 2_000_000, tracks, 1_000);
    layer(allocator, 1_000_000, tracks, 2_500); // no longer fits: the wait is forgotten
    assertThat(layer(allocator, 2_000_000, tracks, 3_100)).isEqualTo(1);
    assertThat(layer(allocator, 2_000_000, tracks, 5_000)).isEqualTo(1);
    assertThat(layer(allocator, 2_000_000, tracks, 5_100)).isEqualTo(2);
  }

  @Test
  void anEstimateWobblingAroundALayerDoesNotFlap() {
    StreamAllocator allocator = new StreamAllocator("s");
    List<TrackDemand> tracks = List.of(AUDIO, camera("cam", HD, 2));
    int changes = 0;
    int last = layer(allocator, 1_450_000, tracks, 0);
    // GCC near capacity: 1.45 - 1.75 Mbit/s every 250 ms, for 30 s
    for (long t = 250; t <= 30_000; t += 250) {
      long estimate = (t / 250) % 2 == 0 ? 1_450_000 : 1_750_000;
      int now = layer(allocator, estimate, tracks, t);
      changes += now != last ? 1 : 0;
      last = now;
    }
    System.out.printf("wobble 1.45-1.75 Mbit/s over 30 s: %d layer changes%n", changes);
    assertThat(changes).isZero();
    assertThat(last).isEqualTo(1);
  }

  @Test
  void aForwardedVideoIsPausedOnlyWhenItsLowestLayerHasNotFittedForThePauseHold() {
    StreamAllocator allocator = new StreamAllocator("s");
    List<TrackDemand> tracks = List.of(AUDIO, camera("cam", HD, 2));
    assertThat(layer(allocator, 300_000, tracks, 0)).isZero();
    // a key frame lifts the lowest layer's measured bitrate for a second: no pause
    List<TrackDemand> keyFrame = List.of(AUDIO, new TrackDemand("cam", TrackKind.CAMERA, HD,
        new long[] {300_000, 500_000, 1_500_000}, 2));
    assertThat(layer(allocator, 300_000, keyFrame, 200)).isZero();
    assertThat(layer(allocator, 300_000, keyFrame, 1_200)).isZero();
    assertThat(layer(allocator, 300_000, tracks, 1_400)).isZero();
    // a link that stays a little too small: paused once the hold has passed, and announced
    allocator.allocate(150_000, tracks, 5_000);
    assertThat(allocator.allocate(150_000, tracks, 6_000).track("cam").state())
        .isEqualTo(State.FORWARDING);
    StreamAllocation paused = allocator.allocate(150_000, tracks, 6_500);
    assertThat(paused.track("cam").state()).isEqualTo(State.PAUSED_BANDWIDTH);
    assertThat(paused.track("cam").transition()).isEqualTo(Transition.PAUSED);
  }

  @Test
  void aLinkFarBelowTheLowestLayerPausesAtOnce() {
    StreamAllocator allocator = new StreamAllocator("s");
    List<TrackDemand> tracks = List.of(AUDIO, camera("cam", HD, 2));
    assertThat(layer(allocator, 300_000, tracks, 0)).isZero();
    // 100 kbit/s leaves 60 for a 150 kbit/s layer: under half of it, no hold
    StreamAllocation paused = allocator.allocate(100_000, tracks, 200);
    assertThat(paused.track("cam").state()).isEqualTo(State.PAUSED_BANDWIDTH);
    assertThat(paused.track("cam").transition()).isEqualTo(Transition.PAUSED);
  }

  @Test
  void aPausedVideoResumesAfterTheHoldAndIsAnnounced() {
    StreamAllocator allocator = new StreamAllocator("s");
    List<TrackDemand> tracks = List.of(AUDIO, camera("cam", HD, 2));
    allocator.allocate(100_000, tracks, 0);

    StreamAllocation early = allocator.allocate(1_000_000, tracks, 1_000);
    assertThat(early.track("cam").state()).isEqualTo(State.PAUSED_BANDWIDTH);
    assertThat(early.nextStepBps()).isEqualTo(40_000 + 165_000);
    StreamAllocation resumed = allocator.allocate(1_000_000, tracks, 3_000);
    assertThat(resumed.track("cam").layer()).isEqualTo(1);
    assertThat(resumed.track("cam").transition()).isEqualTo(Transition.RESUMED);
  }

  @Test
  void aStepDownItsOwnLayerAsksForWaitsWhileTheEstimateStandsOneAfterAFallDoesNot() {
    StreamAllocator allocator = new StreamAllocator("s");
    TrackDemand steady = camera("cam", HD, 2);
    // the middle layer's key frame lifts its measured bitrate for a second
    TrackDemand jumped = new TrackDemand("cam", TrackKind.CAMERA, HD,
        new long[] {150_000, 700_000, 1_500_000}, 2);
    assertThat(layer(allocator, 700_000, List.of(AUDIO, steady), 0)).isEqualTo(1);
    assertThat(layer(allocator, 700_000, List.of(AUDIO, jumped), 100)).isEqualTo(1);
    assertThat(layer(allocator, 700_000, List.of(AUDIO, jumped), 100 + 1_400)).isEqualTo(1);
    // still above it after the hold: down
    assertThat(layer(allocator, 700_000, List.of(AUDIO, jumped), 100 + 1_500)).isZero();

    StreamAllocator fell = new StreamAllocator("s");
    assertThat(layer(fell, 700_000, List.of(AUDIO, steady), 0)).isEqualTo(1);
    // the estimate fell under the layer: down at once, even within half of it
    assertThat(layer(fell, 500_000, List.of(AUDIO, steady), 100)).isZero();
  }

  @Test
  void beforeAnyFeedbackAStepDownALayersGrowthAsksForWaitsWhileHalfOfItFits() {
    StreamAllocator allocator = new StreamAllocator("s");
    TrackDemand young = new TrackDemand("cam", TrackKind.CAMERA, HD,
        new long[] {150_000, 500_000, 800_000}, 2);
    TrackDemand grown = camera("cam", HD, 2);
    assertThat(allocator.allocate(1_200_000, List.of(AUDIO, young), 0, false).track("cam")
        .layer()).isEqualTo(2);
    // the publisher's top layer ramps up to 1.5 Mbit/s: held, the start estimate unmeasured
    assertThat(allocator.allocate(1_200_000, List.of(AUDIO, grown), 100, false).track("cam")
        .layer()).isEqualTo(2);
    assertThat(allocator.allocate(1_200_000, List.of(AUDIO, grown), 5_000, false).track("cam")
        .layer()).isEqualTo(2);
    // measured, the hold runs out as usual
    assertThat(allocator.allocate(1_200_000, List.of(AUDIO, grown), 5_100, true).track("cam")
        .layer()).isEqualTo(1);
  }

  @Test
  void aWaitingUpgradeLeavesItsBudgetToTheOthers() {
    StreamAllocator allocator = new StreamAllocator("s");
    List<TrackDemand> tracks = List.of(camera("big", HD, 2), camera("small", THUMB, 2));
    // both on the middle layer
    allocator.allocate(1_100_000, tracks, 0);
    // enough for big on top only if small drops to its lowest; big waits, small keeps its layer
    StreamAllocation waiting = allocator.allocate(2_100_000, tracks, 100);
    assertThat(waiting.track("big").layer()).isEqualTo(1);
    assertThat(waiting.track("small").layer()).isEqualTo(1);
    // once due, the priority holds: big up, small down
    StreamAllocation due = allocator.allocate(2_100_000, tracks, 2_100);
    assertThat(due.track("big").layer()).isEqualTo(2);
    assertThat(due.track("small").layer()).isZero();
  }

  @Test
  void nextStepIsWhatTheFirstHeldBackUpgradeNeeds() {
    StreamAllocator allocator = new StreamAllocator("s");
    StreamAllocation result = allocator.allocate(700_000, List.of(AUDIO, camera("cam", HD, 2)),
        0);
    assertThat(result.track("cam").layer()).isEqualTo(1);
    assertThat(result.allocatedBps()).isEqualTo(540_000);
    assertThat(result.nextStepBps()).isEqualTo(40_000 + 1_875_000);
  }

  @Test
  void aTrackThatLeftIsForgottenAndStartsFreshWhenItComesBack() {
    StreamAllocator allocator = new StreamAllocator("s");
    layer(allocator, 600_000, List.of(camera("cam", HD, 2)), 0);
    allocator.allocate(600_000, List.of(AUDIO), 100);
    // fresh: no hold, no margin
    assertThat(layer(allocator, 1_600_000, List.of(camera("cam", HD, 2)), 200)).isEqualTo(2);
  }

  private static int layer(StreamAllocator allocator, long estimate, List<TrackDemand> tracks,
      long now) {
    StreamAllocation result = allocator.allocate(estimate, tracks, now);
    return result.track("cam") == null ? NONE : result.track("cam").layer();
  }
}
