package dev.vertxsfu.shaped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shaped-link harness end to end on a wide link: a subscriber process inside the namespace
 * joins through the veth, decodes the publisher's camera and hears its microphone, reports
 * getStats, and the SFU's estimate toward it can be read on the room's loop.
 */
@Tag("shaped")
class ShapedSubscriberTest {

  @Test
  void aSubscriberInsideTheNamespaceDecodesVideoAndAudioAndHasAnEstimate() throws Exception {
    try (ShapedCall call = ShapedCall.start("shaped-smoke", 210, 10_000_000)) {
      call.publish();
      ShapedSubscriberProcess bob = call.shapedSubscriber("smoke-bob");
      String bobId = bob.lines("subscribed").get(0).getString("clientId");
      call.recordEstimate(bobId);
      await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
          .untilAsserted(() -> {
            SubscriberTimeline timeline = new SubscriberTimeline(bob.lines());
            long now = System.currentTimeMillis();
            assertThat(timeline.framesBetween(0, now)).as("frames decoded").isGreaterThan(30);
            assertThat(bob.lines("audio")).as("audio heard").isNotEmpty();
            assertThat(bob.lines("stats")).as("getStats lines").isNotEmpty();
            assertThat(call.estimateAt(now)).as("the SFU's estimate toward bob").isPositive();
          });
      long now = System.currentTimeMillis();
      SubscriberTimeline timeline = new SubscriberTimeline(bob.lines());
      System.out.printf("shaped smoke: %s decoded, %d kbit/s received over the last 2 s, "
          + "estimate %d kbit/s, link %d kbit/s%n", timeline.sizeAt(now),
          timeline.bitrateBps(now - 2000, now) / 1000, call.estimateAt(now) / 1000,
          call.namespace.rateBps() / 1000);
      System.out.println(call.namespace.qdiscStatistics());
      assertThat(call.namespace.qdiscStatistics()).as("the media went through the tbf")
          .doesNotContain("Sent 0 bytes");
    }
  }
}
