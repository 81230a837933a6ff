package dev.vertxsfu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the load harness from rotting: one synthetic publisher replaying the VP8 clip and
 * Opus, two synthetic subscribers, a three-second measurement window, through our SFU (in this
 * JVM, on its own Vert.x and real loopback sockets) and through Janus (the Debian package, as
 * a process, which {@code scripts/test.sh} installs); and a simulcast publisher of three
 * encodings through our SFU; and a publisher paced at 2.5x its bitrate. Asserts that packets flow to both
 * subscribers, with little loss and latency recorded; how fast is not asserted.
 */
class LoadHarnessSmokeTest {

  @Test
  void onePublisherReachesTwoSubscribersThroughTheSfu() throws Exception {
    try (VertxSfuTarget sfu = VertxSfuTarget.inProcess()) {
      onePublisherToTwoSubscribers(sfu);
    }
  }

  @Test
  void onePublisherReachesTwoSubscribersThroughJanus(@TempDir Path out) throws Exception {
    try (JanusTarget janus = new JanusTarget(out)) {
      onePublisherToTwoSubscribers(janus);
    }
  }

  @Test
  void aSimulcastPublisherReachesTwoSubscribersThroughTheSfu() throws Exception {
    try (VertxSfuTarget sfu = VertxSfuTarget.inProcess()) {
      ServerProcess server = sfu.start();
      try (LoadRun run = new LoadRun(sfu, LoadRun.defaultClip(), 1, 1200, 4)) {
        BenchTarget.Publication publisher = run.addPublisher("smoke", true);
        run.addSubscriber("smoke", "sub-0", List.of(publisher));
        run.addSubscriber("smoke", "sub-1", List.of(publisher));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
            run.packetsPerSubscriber()).allSatisfy(n -> assertThat(n).isGreaterThan(50)));
        LoadRun.Window window = run.measure(Duration.ofSeconds(3), server);

        // the largest encoding of three reaches each subscriber, numbered without gaps
        assertThat(window.packets()).isGreaterThan(100);
        assertThat(window.lossPercent()).isLessThan(5.0);
        assertThat(sfu.lastLayers()).containsExactly(null, "2", "2");
      }
    }
  }

  @Test
  void aPacedPublisherReachesTwoSubscribersThroughTheSfu() throws Exception {
    try (VertxSfuTarget sfu = VertxSfuTarget.inProcess()) {
      ServerProcess server = sfu.start();
      try (LoadRun run = new LoadRun(sfu, LoadRun.defaultClip(), 1, 1200, 4).pace(2.5)) {
        BenchTarget.Publication publisher = run.addPublisher("smoke");
        run.addSubscriber("smoke", "sub-0", List.of(publisher));
        run.addSubscriber("smoke", "sub-1", List.of(publisher));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
            run.packetsPerSubscriber()).allSatisfy(n -> assertThat(n).isGreaterThan(50)));
        LoadRun.Window window = run.measure(Duration.ofSeconds(3), server);

        // every video packet waited its turn in the pacer (none overflowed) and arrived
        assertThat(run.pacerOverflows()).isZero();
        assertThat(window.packets()).isGreaterThan(100);
        assertThat(window.lossPercent()).isLessThan(5.0);
      }
    }
  }

  private static void onePublisherToTwoSubscribers(BenchTarget target) throws Exception {
    ServerProcess server = target.start();
    try (LoadRun run = new LoadRun(target, LoadRun.defaultClip(), 1, 1200, 4)) {
      BenchTarget.Publication publisher = run.addPublisher("smoke");
      run.addSubscriber("smoke", "sub-0", List.of(publisher));
      run.addSubscriber("smoke", "sub-1", List.of(publisher));

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(run.packetsPerSubscriber()).allSatisfy(n -> assertThat(n).isGreaterThan(50)));
      List<Long> before = run.packetsPerSubscriber();
      LoadRun.Window window = run.measure(Duration.ofSeconds(3), server);
      List<Long> after = run.packetsPerSubscriber();

      assertThat(after.get(0)).isGreaterThan(before.get(0));
      assertThat(after.get(1)).isGreaterThan(before.get(1));
      assertThat(window.packets()).isGreaterThan(100);
      assertThat(window.lossPercent()).isLessThan(5.0);
      assertThat(window.latency().count()).isEqualTo(window.packets());
      assertThat(window.latency().percentile(50)).isPositive();
    }
  }
}
