package dev.vertxsfu.soak;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.FreePorts;
import dev.vertxsfu.SfuNodeProcess;
import dev.vertxsfu.client.SfuWebSocketClient;
import dev.vertxsfu.client.TrackInfo;
import dev.vertxsfu.testpeer.DecodedMedia;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The churn soak of issue 11: one real node ({@code app.Main} in a process of its own, on its
 * default settings but a free HTTP port) and real libwebrtc clients
 * ({@link SfuWebSocketClient}, in the test's JVM) that, over and over for
 * {@code -Dsoak.minutes} (default 30): connect, join, publish camera and microphone (the
 * publisher), subscribe to both and decode them (the subscriber), leave and close. Between
 * rounds, every {@code SAMPLE_EVERY}, {@link NodeProbe} reads the node process's heap after
 * GC, resident memory, fds, threads, UDP sockets and SEVERE lines. The node runs apart so that
 * what the clients hold is not counted: webrtc-java 0.14.0 keeps two native threads
 * ("rtc-low-prio", "AudioDeviceBuffer") of every factory it disposed, so in one JVM the clients
 * alone add thousands of threads (and gigabytes of resident memory) in half an hour.
 *
 * <p>The node must come back to where it was: heap after GC does not grow (the mean of the last
 * quarter of the readings is at most 1.25 times that of the first quarter), fds, threads and UDP
 * sockets return to the first reading within a small tolerance once the last clients are gone,
 * and nothing was logged at SEVERE. The first reading is taken after {@value #WARMUP_ROUNDS}
 * warm-up rounds, since Vert.x, the JIT and the node's pools set up at first use. The clients
 * share one Vert.x of their own. Prints the table.
 *
 * <p>Tagged {@code soak}, left out of the default run: {@code mvn -o test -Dgroups=soak
 * -Dsoak.minutes=30 -Dtest=ChurnSoakTest}.
 */
@Tag("soak")
class ChurnSoakTest {
  private static final Duration STEP = Duration.ofSeconds(30);
  private static final double HEAP_GROWTH = 1.25;
  private static final int FD_TOLERANCE = 10;
  private static final int THREAD_TOLERANCE = 10;
  private static final int UDP_TOLERANCE = 2;
  private static final int ROOMS = 3;
  /**
   * Rounds before the first reading: Vert.x's worker pool (20 threads) starts a thread for each
   * task until it is full, and each round hands it two DTLS handshakes; JIT and pools settle.
   */
  private static final int WARMUP_ROUNDS = 10;
  /** Readings between rounds, at most this often: each runs jcmd twice (a JVM each). */
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(15);

  @Test
  void joinPublishSubscribeLeaveForMinutesLeavesTheNodeAsItWas() throws Exception {
    double minutes = Double.parseDouble(System.getProperty("soak.minutes", "30"));
    Path log = Files.createTempFile("churn-soak-node", ".log");
    int port = FreePorts.tcp();
    Process node = SfuNodeProcess.launch(Map.of("SFU_HTTP_PORT", String.valueOf(port)),
        List.of("-XX:+UseG1GC"), log);
    Vertx clients = Vertx.vertx();
    List<NodeProbe.Sample> samples = new ArrayList<>();
    int rounds = 0;
    try {
      SfuNodeProcess.awaitReady(node, port, log, Duration.ofSeconds(60));
      NodeProbe probe = new NodeProbe(node.pid(), log);
      for (int i = 0; i < WARMUP_ROUNDS; i++) {
        round(clients, port, "soak-warmup");
      }
      NodeProbe.Sample start = probe.sample();
      samples.add(start);
      long end = System.nanoTime() + (long) (minutes * 60e9);
      long nextSample = System.nanoTime() + SAMPLE_EVERY.toNanos();
      while (System.nanoTime() < end) {
        round(clients, port, "soak-" + (rounds % ROOMS));
        rounds++;
        if (System.nanoTime() >= nextSample) {
          samples.add(probe.sample());
          nextSample = System.nanoTime() + SAMPLE_EVERY.toNanos();
        }
      }
      // the last clients are gone: what they held goes back (sockets close asynchronously)
      NodeProbe.Sample[] last = {probe.sample()};
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3))
          .until(() -> {
            last[0] = probe.sample();
            return Math.abs(last[0].fds() - start.fds()) <= FD_TOLERANCE
                && Math.abs(last[0].threads() - start.threads()) <= THREAD_TOLERANCE
                && Math.abs(last[0].udpSockets() - start.udpSockets()) <= UDP_TOLERANCE;
          });
      samples.add(last[0]);
      print(samples, rounds);

      double firstQuarter = meanHeap(samples.subList(0, Math.max(1, samples.size() / 4)));
      double lastQuarter = meanHeap(samples.subList(samples.size() - Math.max(1,
          samples.size() / 4), samples.size()));
      System.out.printf("start: %s%nend:   %s%nmax:   heap %.1f MB, rss %.1f MB, fds %d, "
              + "threads %d, udp %d%nheap after GC, mean of first quarter %.1f MB, of last "
              + "quarter %.1f MB (%.3f)%n",
          start, last[0],
          samples.stream().mapToLong(NodeProbe.Sample::heapAfterGcBytes).max().orElse(0)
              / 1048576.0,
          samples.stream().mapToLong(NodeProbe.Sample::rssBytes).max().orElse(0) / 1048576.0,
          samples.stream().mapToInt(NodeProbe.Sample::fds).max().orElse(0),
          samples.stream().mapToInt(NodeProbe.Sample::threads).max().orElse(0),
          samples.stream().mapToInt(NodeProbe.Sample::udpSockets).max().orElse(0),
          firstQuarter / 1048576.0, lastQuarter / 1048576.0, lastQuarter / firstQuarter);
      assertThat(rounds).as("rounds").isPositive();
      assertThat(lastQuarter).as("mean heap after GC, last quarter vs first quarter (bytes)")
          .isLessThanOrEqualTo(firstQuarter * HEAP_GROWTH);
      assertThat(last[0].severe()).as("SEVERE lines: %s", probe.severeLines()).isZero();
    } finally {
      clients.close().toCompletionStage().toCompletableFuture().get(30, SECONDS);
      node.destroy();
      node.waitFor(30, SECONDS);
    }
  }

  /** One publisher, one subscriber: both negotiate, media flows and decodes, both leave. */
  private static void round(Vertx clients, int port, String room) throws Exception {
    try (SfuWebSocketClient publisher = client(clients, port);
        SfuWebSocketClient subscriber = client(clients, port)) {
      get(publisher.connect());
      CompletableFuture<?> camera = publisher.publishCamera(320, 240);
      CompletableFuture<?> microphone = publisher.publishMicrophone();
      get(publisher.join(room, "publisher"));
      get(camera);
      get(microphone);
      get(publisher.events().peerConnected());
      get(subscriber.connect());
      get(subscriber.join(room, "subscriber"));
      get(subscriber.firstNegotiation());
      await().atMost(STEP).until(() -> subscriber.events().available().size() == 2);
      get(subscriber.subscribeAll());
      TrackInfo video = track(subscriber, "video");
      TrackInfo audio = track(subscriber, "audio");
      await().atMost(STEP).until(() -> subscriber.decoded(video).isPresent()
          && subscriber.decoded(audio).isPresent());
      DecodedMedia videoDecoded = subscriber.decoded(video).orElseThrow();
      DecodedMedia audioDecoded = subscriber.decoded(audio).orElseThrow();
      await().atMost(STEP).until(() -> videoDecoded.frames() >= 5
          && audioDecoded.audioFrames() > 0);
      assertThat(get(subscriber.leave()).getString("type")).isEqualTo("left");
      assertThat(get(publisher.leave()).getString("type")).isEqualTo("left");
      assertThat(publisher.events().errors()).isEmpty();
      assertThat(subscriber.events().errors()).isEmpty();
    }
  }

  private static SfuWebSocketClient client(Vertx clients, int port) {
    return new SfuWebSocketClient(clients, "127.0.0.1", port, 320, 240);
  }

  private static TrackInfo track(SfuWebSocketClient client, String kind) {
    return client.events().available().stream().filter(t -> t.kind().equals(kind))
        .findFirst().orElseThrow();
  }

  private static double meanHeap(List<NodeProbe.Sample> samples) {
    return samples.stream().mapToLong(NodeProbe.Sample::heapAfterGcBytes).average().orElse(0);
  }

  private static void print(List<NodeProbe.Sample> samples, int rounds) {
    StringBuilder table = new StringBuilder(String.format(
        "churn soak: %d rounds (join, publish camera+microphone, subscribe, decode, leave)%n"
            + "%8s %14s %10s %6s %8s %5s %7s%n", rounds, "minute", "heap-after-gc", "rss",
        "fds", "threads", "udp", "severe"));
    int every = Math.max(1, samples.size() / 40);
    for (int i = 0; i < samples.size(); i++) {
      if (i % every == 0 || i == samples.size() - 1) {
        NodeProbe.Sample s = samples.get(i);
        table.append(String.format("%8.2f %11.1f MB %7.1f MB %6d %8d %5d %7d%n", s.minutes(),
            s.heapAfterGcBytes() / 1048576.0, s.rssBytes() / 1048576.0, s.fds(), s.threads(),
            s.udpSockets(), s.severe()));
      }
    }
    System.out.print(table);
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(STEP.toSeconds(), SECONDS);
  }
}
