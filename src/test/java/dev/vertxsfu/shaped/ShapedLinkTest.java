package dev.vertxsfu.shaped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's scenarios on shaped links: a libwebrtc publisher sends a 1280x720 camera as three
 * simulcast layers and a microphone; subscribers run as processes of their own, the shaped one
 * inside a namespace whose downlink {@code tbf} limits ({@link ShapedCall}). Each scenario
 * prints its figures (time to settle, bitrate received against the link's rate, loss, the
 * longest freeze) to stdout and {@code target/shaped/figures.txt}, and plots the SFU's
 * estimate against the shaped rate in {@code target/shaped/<scenario>.png}.
 */
@Tag("shaped")
class ShapedLinkTest {
  private static final Duration START = Duration.ofSeconds(60);
  /**
   * The "steps down within ~2 s", as the subscriber is told it ({@code layer_changed},
   * sent when the lower layer's key frame has crossed the link that just shrank, over a WebSocket
   * that crosses the same full shaper). Measured on this machine once the SFU stopped forwarding
   * the publisher's RTX padding copies (4f4d989): 0.7-2.5 s in nine runs, two over 2 s; 0.6-1.3 s
   * in three runs just before that commit, 1.1-1.5 s in seven runs of the stop before. The bound
   * leaves room for that spread; the issue's ~2 s is not met in every run (issue 13's note).
   */
  private static final long STEP_DOWN_MS = 3_000;
  /**
   * The "back on the top layer within ~10 s of the rise": 3.3-13.1 s in the same nine
   * runs, three over 10 s (a probe short of its aim backs the climb off for seconds); 4.9-8.2 s in
   * the three before the commit, 5-13.2 s in the stop before.
   */
  private static final long STEP_UP_MS = 15_000;
  /**
   * Scenario a's unshaped subscriber settles on the top layer within this, and keeps it to the
   * end. It cannot have it "all along": it starts where the start estimate (1 Mbit/s, under the
   * top layer) puts it, the top layer for the first 500 ms of its consumer and then the middle
   * one, until probes of at most twice the estimate each prove the path: 0.1-5.0 s in the runs
   * of 7 Dec, 5.7 s in one whose first probe measured 523 kbit/s on the loopback (the receiver
   * still starting: sent at 2.6 Mbit/s, acknowledged as arriving at 0.5).
   */
  private static final long UNSHAPED_SETTLE_MS = 10_000;

  private static long now() {
    return System.currentTimeMillis();
  }

  private static void figures(String format, Object... args) throws IOException {
    String line = String.format(format, args);
    System.out.println(line);
    Path file = Path.of("target", "shaped", "figures.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Waits until {@code subscriber} decoded its first video frame; when it did. */
  private static long firstFrame(ShapedSubscriberProcess subscriber) {
    await().atMost(START).pollInterval(Duration.ofMillis(100))
        .until(() -> !subscriber.lines("video").isEmpty());
    return subscriber.lines("video").get(0).getLong("t");
  }

  /** Lets the call run {@code millis} more; the test thread waits on the clock, not a sleep. */
  private static void run(long millis) {
    long until = now() + millis;
    await().atMost(Duration.ofMillis(millis + 5_000)).pollInterval(Duration.ofMillis(100))
        .until(() -> now() >= until);
  }

  /** The time of the last layer change of {@code timeline} in [from, to], or {@code from}. */
  private static long settledAt(SubscriberTimeline timeline, long from, long to) {
    long settled = from;
    for (long at = from; ; ) {
      OptionalLong next = timeline.layerChange(at + 1, layer -> true);
      if (next.isEmpty() || next.getAsLong() > to) {
        return settled;
      }
      settled = next.getAsLong();
      at = settled;
    }
  }

  @Test
  void aSubscriberBehind600KbitsSettlesOnAFittingLayerWhileAnUnshapedOneKeepsTheTop()
      throws Exception {
    try (ShapedCall call = ShapedCall.start("shaped-600k", 211, 600_000)) {
      call.awaitTopLayerSending(call.publish());
      ShapedSubscriberProcess carol = call.unshapedSubscriber("a-carol-unshaped");
      ShapedSubscriberProcess bob = call.shapedSubscriber("a-bob-600k");
      call.recordEstimate(bob.lines("subscribed").get(0).getString("clientId"));
      long bobFirst = firstFrame(bob);
      long carolFirst = firstFrame(carol);
      run(30_000);
      long end = now();
      SubscriberTimeline shaped = new SubscriberTimeline(bob.lines());
      SubscriberTimeline unshaped = new SubscriberTimeline(carol.lines());
      long settled = settledAt(shaped, bobFirst, end);
      long carolSettled = settledAt(unshaped, carolFirst, end);
      // loss after settling counts from the getStats sample after the one that follows the
      // settling: the sample before it holds losses of the start, and so may the first after it
      // (packets the start queued in the shaper, counted lost once later ones arrive)
      long lossFrom = settled + 2 * ShapedSubscriber.STATS_MILLIS;
      figures("scenario a (600 kbit/s): settled %.1f s after the first frame on layer %d (%s); "
          + "after settling: %d kbit/s received (link 600), estimate %d kbit/s, video loss "
          + "%.2f %% (%.2f %% from the first frame), longest freeze %d ms, libwebrtc freezes %d; "
          + "unshaped: layer %d (%s), settled %.1f s after its first frame",
          (settled - bobFirst) / 1000.0, shaped.layerAt(end), shaped.sizeAt(end),
          shaped.bitrateBps(settled, end) / 1000, call.estimateAt(end) / 1000,
          100 * shaped.lossFraction("video", lossFrom, end),
          100 * shaped.lossFraction("video", bobFirst, end), shaped.longestVideoGap(settled, end),
          shaped.freezes(settled, end), unshaped.layerAt(end), unshaped.sizeAt(end),
          (carolSettled - carolFirst) / 1000.0);
      call.plot("scenario-a-600k", "scenario a: 600 kbit/s link", bob);

      assertThat(settled - bobFirst).as("ms to settle").isLessThanOrEqualTo(5_000);
      assertThat(shaped.layerAt(end)).as("the shaped subscriber's layer").isBetween(0, 1);
      assertThat(shaped.longestVideoGap(settled, end)).as("longest freeze after settling, ms")
          .isLessThan(1_000);
      assertThat(shaped.lossFraction("video", lossFrom, end)).as("video loss after settling")
          .isLessThan(0.02);
      assertThat(unshaped.layerAt(end)).as("the unshaped subscriber's layer").isEqualTo(2);
      assertThat(carolSettled - carolFirst).as("ms for the unshaped subscriber to settle")
          .isLessThanOrEqualTo(UNSHAPED_SETTLE_MS);
    }
  }

  @Test
  void aLinkThatDropsTo300KbitsStepsDownKeepsAudioAndClimbsBackWhenItRises() throws Exception {
    try (ShapedCall call = ShapedCall.start("shaped-drop", 212, 2_000_000)) {
      call.publish();
      ShapedSubscriberProcess bob = call.shapedSubscriber("b-bob-drop");
      call.recordEstimate(bob.lines("subscribed").get(0).getString("clientId"));
      long first = firstFrame(bob);
      await().atMost(START).pollInterval(Duration.ofMillis(200)).until(() ->
          new SubscriberTimeline(bob.lines()).layerAt(now()) == 2);
      long onTop = new SubscriberTimeline(bob.lines()).layerChange(first, layer -> layer == 2)
          .orElse(first);
      run(5_000);
      long drop = now();
      call.changeRate(300_000);
      run(15_000);
      long rise = now();
      call.changeRate(10_000_000);
      run(20_000);
      long end = now();
      SubscriberTimeline timeline = new SubscriberTimeline(bob.lines());
      OptionalLong down = timeline.layerChange(drop, layer -> layer < 2);
      OptionalLong top = timeline.layerChange(rise, layer -> layer == 2);
      figures("scenario b (2 Mbit/s -> 300 kbit/s -> 10 Mbit/s): top layer %.1f s after the "
          + "first frame; stepped down %s s after the drop (to layer %d), received %d kbit/s "
          + "at 300 (estimate %d kbit/s), video loss %.2f %%, longest freeze %d ms, longest "
          + "audio gap %d ms; back on top %s s after the rise, received %d kbit/s at 10000 "
          + "(estimate %d kbit/s)",
          (onTop - first) / 1000.0, down.isPresent() ? String.format("%.1f", (down.getAsLong() - drop) / 1000.0)
              : "never", timeline.layerAt(rise), timeline.bitrateBps(drop + 5_000, rise) / 1000,
          call.estimateAt(rise) / 1000, 100 * timeline.lossFraction("video", drop, rise),
          timeline.longestVideoGap(drop, rise), timeline.longestAudioGap(first, end),
          top.isPresent() ? String.format("%.1f", (top.getAsLong() - rise) / 1000.0) : "never",
          timeline.bitrateBps(end - 5_000, end) / 1000, call.estimateAt(end) / 1000);
      call.plot("scenario-b-drop", "scenario b: 2 Mbit/s, 300 kbit/s, 10 Mbit/s", bob);

      assertThat(down).as("a step down after the drop").isPresent();
      assertThat(down.getAsLong() - drop).as("ms to step down")
          .isLessThanOrEqualTo(STEP_DOWN_MS);
      assertThat(timeline.longestAudioGap(first, end)).as("longest audio gap, ms")
          .isLessThan(1_000);
      assertThat(top).as("back on the top layer after the rise").isPresent();
      assertThat(top.getAsLong() - rise).as("ms to the top layer")
          .isLessThanOrEqualTo(STEP_UP_MS);
    }
  }

  @Test
  void aLinkTooSmallForVideoPausesItKeepsAudioAndResumesWhenRaised() throws Exception {
    try (ShapedCall call = ShapedCall.start("shaped-100k", 213, 100_000)) {
      call.publish();
      ShapedSubscriberProcess bob = call.shapedSubscriber("c-bob-100k");
      call.recordEstimate(bob.lines("subscribed").get(0).getString("clientId"));
      long subscribed = bob.lines("subscribed").get(0).getLong("t");
      await().atMost(START).pollInterval(Duration.ofMillis(200))
          .until(() -> !bob.lines("track_paused").isEmpty());
      long paused = bob.lines("track_paused").get(0).getLong("t");
      run(10_000);
      long rise = now();
      call.changeRate(10_000_000);
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
          .until(() -> !bob.lines("track_resumed").isEmpty());
      long resumed = bob.lines("track_resumed").get(0).getLong("t");
      run(5_000);
      long end = now();
      SubscriberTimeline timeline = new SubscriberTimeline(bob.lines());
      figures("scenario c (100 kbit/s, then 10 Mbit/s): video paused %.1f s after subscribing; "
          + "while paused: %d kbit/s received (link 100), estimate %d kbit/s, audio loss %.2f "
          + "%%, longest audio gap %d ms, %d video frames; resumed %.1f s after the rise, %d "
          + "frames in the next %.1f s",
          (paused - subscribed) / 1000.0, timeline.bitrateBps(paused + 2_000, rise) / 1000,
          call.estimateAt(rise) / 1000,
          100 * timeline.lossFraction("audio", paused + 2_000, rise),
          timeline.longestAudioGap(paused + 2_000, rise),
          timeline.framesBetween(paused + 2_000, rise), (resumed - rise) / 1000.0,
          timeline.framesBetween(resumed, end), (end - resumed) / 1000.0);
      call.plot("scenario-c-100k", "scenario c: 100 kbit/s, then 10 Mbit/s", bob);

      assertThat(bob.lines("track_paused").get(0).getString("reason")).isEqualTo("bandwidth");
      assertThat(timeline.longestAudioGap(paused + 2_000, rise)).as("audio gap while paused")
          .isLessThan(1_000);
      assertThat(timeline.lossFraction("audio", paused + 2_000, rise)).as("audio loss")
          .isLessThan(0.02);
      assertThat(timeline.framesBetween(paused + 2_000, rise)).as("frames while paused")
          .isZero();
      assertThat(resumed - rise).as("ms to resume").isLessThanOrEqualTo(10_000);
      assertThat(timeline.framesBetween(resumed, end)).as("frames after resuming")
          .isPositive();
    }
  }
}
