package dev.vertxsfu.shaped;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The figures read from a Chromium subscriber's getStats lines, on synthetic lines. */
@Tag("fast")
class ChromiumTimelineTest {

  private static JsonObject sample(long t, int width, long frames, long bytes, long audio,
      long audioLost) {
    return new JsonObject().put("event", "sample").put("t", t).put("frameWidth", width)
        .put("frameHeight", width * 9 / 16).put("framesDecoded", frames)
        .put("bytesReceived", bytes).put("audioPacketsReceived", audio)
        .put("audioPacketsLost", audioLost);
  }

  private static JsonObject layer(long t, int spatial) {
    return new JsonObject().put("event", "layer").put("t", t).put("spatial", spatial);
  }

  /** 1280 wide until 2000, 320 from 3000; frames stall from 3000 to 4000; 1 s samples. */
  private static ChromiumTimeline call() {
    List<JsonObject> lines = new ArrayList<>();
    lines.add(layer(500, 2));
    lines.add(sample(1000, 1280, 30, 100_000, 50, 0));
    lines.add(sample(2000, 1280, 60, 300_000, 100, 0));
    lines.add(layer(2500, 0));
    lines.add(sample(3000, 320, 90, 320_000, 150, 0));
    lines.add(sample(4000, 320, 90, 340_000, 190, 10));
    lines.add(sample(5000, 320, 120, 360_000, 240, 10));
    return new ChromiumTimeline(lines);
  }

  @Test
  void theDecodedSizeAtATimeIsTheLastSampleBeforeIt() {
    ChromiumTimeline timeline = call();
    assertThat(timeline.widthAt(500)).isZero();
    assertThat(timeline.widthAt(2999)).isEqualTo(1280);
    assertThat(timeline.widthAt(3000)).isEqualTo(320);
    assertThat(timeline.heightAt(3000)).isEqualTo(180);
    assertThat(timeline.widthRange(1000, 5000)).containsExactly(320, 1280);
  }

  @Test
  void theFirstSmallerDecodedSizeAndLayerAfterATimeAreFound() {
    ChromiumTimeline timeline = call();
    assertThat(timeline.decodedWidth(1500, width -> width < 1280)).hasValue(3000);
    assertThat(timeline.decodedWidth(1500, width -> width > 1280)).isEmpty();
    assertThat(timeline.layerChange(1000, spatial -> spatial < 2)).hasValue(2500);
    assertThat(timeline.layerAt(2000)).isEqualTo(2);
    assertThat(timeline.layerAt(2500)).isZero();
    assertThat(timeline.layerAt(100)).isEqualTo(-1);
  }

  @Test
  void theLastLayerChangeAndTheTimeToldOfNoLayerAreFound() {
    List<JsonObject> lines = new ArrayList<>(List.of(layer(500, 2), layer(1000, 1),
        layer(2000, -1), layer(3500, 0), layer(6000, -1)));
    ChromiumTimeline timeline = new ChromiumTimeline(lines);
    assertThat(timeline.lastLayerChange(900, 5000)).hasValue(3500);
    assertThat(timeline.lastLayerChange(100, 400)).isEmpty();
    assertThat(timeline.pausedMillis(0, 5000)).isEqualTo(1500);
    assertThat(timeline.pausedMillis(2500, 3000)).isEqualTo(500); // paused all along
    assertThat(timeline.pausedMillis(0, 7000)).isEqualTo(2500); // to the window's end
  }

  @Test
  void bitrateAndFramesAreTheCountersDifferenceOverTheWindow() {
    ChromiumTimeline timeline = call();
    assertThat(timeline.bitrateBps(1000, 2000)).isEqualTo(1_600_000);
    assertThat(timeline.bitrateBps(3000, 5000)).isEqualTo(160_000);
    assertThat(timeline.framesBetween(1000, 5000)).isEqualTo(90);
    assertThat(timeline.audioPacketsBetween(3000, 5000)).isEqualTo(90);
  }

  @Test
  void theLongestGapIsTheLongestStretchWithoutGrowth() {
    ChromiumTimeline timeline = call();
    assertThat(timeline.longestVideoGap(1000, 5000)).isEqualTo(2000); // 3000 -> 5000
    assertThat(timeline.longestAudioGap(1000, 5000)).isEqualTo(1000);
    assertThat(timeline.longestVideoGap(3000, 4500)).isEqualTo(1500); // to the window's end
  }

  @Test
  void audioLossIsLostOverReceivedPlusLost() {
    ChromiumTimeline timeline = call();
    assertThat(timeline.audioLossFraction(3000, 5000)).isEqualTo(10.0 / 100);
    assertThat(timeline.audioLossFraction(1000, 2000)).isZero();
  }
}
