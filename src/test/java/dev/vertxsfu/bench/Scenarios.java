package dev.vertxsfu.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The harness's two scenarios, each stepping its load up on one started target until loss
 * passes {@link #MAX_LOSS_PERCENT} or the steps run out. (Machine saturation is reported, not
 * a stop rule: this machine's two cores are shared with other work, so its busy fraction says
 * little about the SFU; the SFU's own CPU and the loss do.)
 *
 * <ul>
 *   <li>{@code fanout}: one publisher, N subscribers of both its tracks;
 *   <li>{@code simulcast}: as {@code fanout}, but the publisher sends its video as three
 *       simulcast encodings (SSRC simulcast) and each subscriber gets the largest: the SFU
 *       receives all three and forwards one, so its CPU per forwarded packet beside
 *       {@code fanout}'s is what simulcast costs;
 *   <li>{@code rooms}: M rooms of four; everyone publishes (one peer) and subscribes to the
 *       other three (a second peer, so the same clients work on Janus, whose subscriptions
 *       are peer connections of their own).
 * </ul>
 *
 * <p>Each step adds clients, lets the load settle for the warm-up, measures one window
 * ({@link LoadRun#measure}), then reads the server's RSS and heap (after a full GC, outside the
 * window). Memory per subscriber stream is the growth since the idle server over the number
 * of subscribed tracks. Threads: the harness's main thread; the waits are the warm-up and the
 * window, which are durations to let pass, not events.
 */
final class Scenarios {
  static final double MAX_LOSS_PERCENT = 1.0;

  /**
   * How a run is configured; {@code pace} is the publishers' pacing factor
   * ({@link LoadRun#pace}, 0: unpaced bursts).
   */
  record Settings(Duration firstWarmUp, Duration warmUp, Duration window, int maxPayload, int loops,
      List<Integer> fanoutSteps, List<Integer> roomSteps, double pace) {
    /** Unpaced publishers. */
    Settings(Duration firstWarmUp, Duration warmUp, Duration window, int maxPayload, int loops,
        List<Integer> fanoutSteps, List<Integer> roomSteps) {
      this(firstWarmUp, warmUp, window, maxPayload, loops, fanoutSteps, roomSteps, 0);
    }
  }

  private final Settings settings;
  private final VideoClip clip;
  private final Consumer<StepResult> report;
  private boolean firstStep;
  /** Where a heap dump is written at the baseline and after each step, or null for none. */
  private java.nio.file.Path heapDumps;

  Scenarios(Settings settings, VideoClip clip, Consumer<StepResult> report) {
    this.settings = settings;
    this.clip = clip;
    this.report = report;
  }

  /**
   * Makes each scenario write a heap dump of the server ({@link ServerProcess#heapDump}) into
   * {@code dir} at its baseline and after each step's heap reading, named
   * {@code <target>-<scenario>-<load>.hprof} ({@code 0} for the idle server).
   */
  Scenarios heapDumps(java.nio.file.Path dir) {
    this.heapDumps = dir;
    return this;
  }

  private void dumpHeap(BenchTarget target, ServerProcess server, String scenario, int load) {
    if (heapDumps != null) {
      java.nio.file.Path file = heapDumps.resolve(target.name() + "-" + scenario + "-" + load
          + ".hprof");
      System.out.println((server.heapDump(file) ? "heap dump: " : "heap dump failed: ") + file);
    }
  }

  void fanout(BenchTarget target, ServerProcess server) throws Exception {
    fanout(target, server, false);
  }

  /** {@code fanout} with a simulcast publisher, reported as scenario {@code simulcast}. */
  void simulcast(BenchTarget target, ServerProcess server) throws Exception {
    fanout(target, server, true);
  }

  private void fanout(BenchTarget target, ServerProcess server, boolean simulcast)
      throws Exception {
    String scenario = simulcast ? "simulcast" : "fanout";
    firstStep = true;
    Baseline baseline = Baseline.of(server);
    dumpHeap(target, server, scenario, 0);
    try (LoadRun run = new LoadRun(target, clip, settings.loops(), settings.maxPayload(), 1)
        .pace(settings.pace())) {
      BenchTarget.Publication publisher = run.addPublisher(scenario, simulcast);
      int subscribers = 0;
      for (int step : settings.fanoutSteps()) {
        while (subscribers < step) {
          run.addSubscriber(scenario, "sub-" + subscribers, List.of(publisher));
          subscribers++;
        }
        if (!measure(target, server, run, scenario, step, baseline)) {
          break;
        }
      }
    }
  }

  void rooms(BenchTarget target, ServerProcess server) throws Exception {
    firstStep = true;
    Baseline baseline = Baseline.of(server);
    dumpHeap(target, server, "rooms", 0);
    int maxRooms = settings.roomSteps().stream().mapToInt(Integer::intValue).max().orElse(1);
    try (LoadRun run = new LoadRun(target, clip, settings.loops(), settings.maxPayload(),
        4 * maxRooms).pace(settings.pace())) {
      int rooms = 0;
      for (int step : settings.roomSteps()) {
        while (rooms < step) {
          String room = "room-" + rooms;
          List<BenchTarget.Publication> publishers = new ArrayList<>();
          for (int i = 0; i < 4; i++) {
            publishers.add(run.addPublisher(room));
          }
          for (int i = 0; i < 4; i++) {
            List<BenchTarget.Publication> others = new ArrayList<>(publishers);
            others.remove(i);
            run.addSubscriber(room, "sub-" + i, others);
          }
          rooms++;
        }
        if (!measure(target, server, run, "rooms", step, baseline)) {
          break;
        }
      }
    }
  }

  /** Measures one step and reports it; false when the scenario should stop. */
  private boolean measure(BenchTarget target, ServerProcess server, LoadRun run, String scenario,
      int load, Baseline baseline) throws Exception {
    // The first step of a fresh server also warms its JIT up.
    TimeUnit.NANOSECONDS.sleep((firstStep ? settings.firstWarmUp() : settings.warmUp()).toNanos());
    firstStep = false;
    LoadRun.Window w = run.measure(settings.window(), server);
    long rss = server.rssBytes();
    long heap = server.heapUsedAfterGc();
    int streams = Math.max(1, run.subscriberStreams());
    double pps = w.packets() / w.seconds();
    StepResult result = new StepResult(target.name(), scenario, load, run.subscriberStreams(),
        pps, w.serverCpuNanos() / 1e9 / w.seconds(), w.machineBusy(),
        w.packets() == 0 ? 0 : w.serverCpuNanos() / 1e3 / w.packets(),
        w.latency().percentile(50) / 1e3, w.latency().percentile(99) / 1e3,
        w.latency().max() / 1e3, w.lossPercent(), rss, heap,
        (rss - baseline.rss) / streams, heap < 0 ? -1 : (heap - baseline.heap) / streams);
    report.accept(result);
    dumpHeap(target, server, scenario, load);
    return result.lossPercent() <= MAX_LOSS_PERCENT;
  }

  /** The idle server's memory, before any client. */
  private record Baseline(long rss, long heap) {
    static Baseline of(ServerProcess server) throws Exception {
      long heap = server.heapUsedAfterGc();
      return new Baseline(server.rssBytes(), heap);
    }
  }
}
