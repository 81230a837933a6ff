package dev.vertxsfu.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load harness's entry point ({@code bench/run.sh}): starts each target's server as a
 * process of its own, runs the scenarios ({@link Scenarios}) against it, and writes
 * {@code results.csv}, {@code plot.png} and {@code summary.txt} into a new folder under
 * {@code bench/results/}, printing the summary table (and, with {@code --target both}, the
 * ratio vertx-sfu / Janus of every figure at equal load).
 *
 * <pre>
 * --target vertx-sfu|vertx-1port|vertx-shards|janus|mediasoup|both|all, or a list
 *                                 (vertx-sfu; vertx-1port is vertx-sfu in single-port mode,
 *                                 vertx-shards with a send shard per room after 32 clients,
 *                                 both is vertx-sfu and janus, all the three)
 * --scenario fanout|simulcast|rooms|all, or a comma-separated list
 *                                 (all; simulcast only on vertx-sfu and vertx-1port)
 * --fanout-steps 1,2,5,10,20,40,80,160
 * --room-steps 1,2,4,8,16,32
 * --first-warmup 10 --warmup 3 --window 10   (seconds; the first step also warms the JIT)
 * --max-payload 1200              (RTP payload bytes per video packet)
 * --bitrate 2500                  (video kbit/s per publisher; default: the clip's own)
 * --pace 2.5                      (publishers pace their video at 2.5x its bitrate, as
 *                                 libwebrtc does; default 0: each frame in one burst)
 * --loops 2                       (load generator threads)
 * --sfu-jvm-opts "-Xmx1g ..."     (options of the SFU's JVM)
 * --server-cpus 0 --harness-cpus 1   (taskset lists: the server under test and the load
 *                                 generator each on cores of their own; default: unpinned)
 * --out bench/results
 * --heap-dumps /tmp/dumps         (a heap dump of the server at the baseline and after each
 *                                 step, into that folder: HeapDumpOwners reads them)
 * --replot bench/results/run-.../results.csv   (only redraws plot.png and summary.txt)
 * </pre>
 *
 * <p>Targets: {@link VertxSfuTarget}, {@link JanusTarget} and {@link MediasoupTarget}. Runs on the main thread; exits
 * when done.
 */
public final class LoadHarness {
  private LoadHarness() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    if (options.containsKey("replot")) {
      replot(Path.of(options.get("replot")));
      return;
    }
    Scenarios.Settings settings = new Scenarios.Settings(
        Duration.ofSeconds(Long.parseLong(options.getOrDefault("first-warmup", "10"))),
        Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "3"))),
        Duration.ofSeconds(Long.parseLong(options.getOrDefault("window", "10"))),
        Integer.parseInt(options.getOrDefault("max-payload", "1200")),
        Integer.parseInt(options.getOrDefault("loops", "2")),
        ints(options.getOrDefault("fanout-steps", "1,2,5,10,20,40,80,160")),
        ints(options.getOrDefault("room-steps", "1,2,4,8,16,32")),
        Double.parseDouble(options.getOrDefault("pace", "0")));
    String targetOption = options.getOrDefault("target", "vertx-sfu");
    List<String> targets = switch (targetOption) {
      case "both" -> List.of("vertx-sfu", "janus");
      case "all" -> List.of("vertx-sfu", "janus", "mediasoup");
      default -> Arrays.stream(targetOption.split(",")).map(String::trim).toList();
    };
    String scenario = options.getOrDefault("scenario", "all");
    Path out = Path.of(options.getOrDefault("out", "bench/results"))
        .resolve("run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Files.createDirectories(out);
    List<String> jvmOptions = Arrays.stream(options.getOrDefault("sfu-jvm-opts", "").split(" "))
        .filter(s -> !s.isBlank()).toList();

    String serverCpus = options.get("server-cpus");
    String harnessCpus = options.get("harness-cpus");
    if (harnessCpus != null) {
      CpuAffinity.pin(ProcessHandle.current().pid(), harnessCpus);
    }

    VideoClip clip = LoadRun.defaultClip();
    if (options.containsKey("bitrate")) {
      clip = clip.atBitrate(Long.parseLong(options.get("bitrate")) * 1000, MediaSource.FPS);
    }
    System.out.printf(Locale.ROOT, "clip: %dx%d, %d frames, %d kbit/s, %s; results in %s%n",
        clip.width(), clip.height(), clip.frames().size(), clip.bitsPerSecond(MediaSource.FPS) / 1000,
        (settings.pace() > 0 ? "paced at " + settings.pace() + "x" : "unpaced")
            + (serverCpus == null ? "" : ", server on CPUs " + serverCpus)
            + (harnessCpus == null ? "" : ", harness on CPUs " + harnessCpus),
        out);
    List<StepResult> results = new ArrayList<>();
    Path csv = out.resolve("results.csv");
    Files.writeString(csv, StepResult.CSV_HEADER + "\n");
    System.out.println(StepResult.TABLE_HEADER);
    Scenarios runner = new Scenarios(settings, clip, result -> {
      results.add(result);
      System.out.println(result.row());
      try {
        Files.writeString(csv, result.csv() + "\n", java.nio.file.StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    if (options.containsKey("heap-dumps")) {
      Path dumps = Path.of(options.get("heap-dumps"));
      Files.createDirectories(dumps);
      runner.heapDumps(dumps);
    }
    for (String name : targets) {
      List<String> scenarios = !scenario.equals("all")
          ? Arrays.stream(scenario.split(",")).map(String::trim).toList()
          : name.startsWith("vertx-") ? List.of("fanout", "simulcast", "rooms")
          : List.of("fanout", "rooms"); // the harness publishes no simulcast to Janus
      for (String which : scenarios) {
        // A fresh server per scenario: every baseline starts from an idle process.
        try (BenchTarget target = target(name, out, jvmOptions)) {
          ServerProcess server = target.start();
          if (serverCpus != null) {
            server.pinTo(serverCpus);
          }
          switch (which) {
            case "fanout" -> runner.fanout(target, server);
            case "simulcast" -> runner.simulcast(target, server);
            case "rooms" -> runner.rooms(target, server);
            default -> throw new IllegalArgumentException(
                "--scenario is fanout, simulcast, rooms or all: " + which);
          }
        } catch (Exception e) {
          System.out.println(name + " " + which + " stopped: " + e);
          e.printStackTrace(System.out);
        }
      }
    }
    PlotWriter.write(results, out.resolve("plot.png"));
    String summary = Summary.of(results);
    Files.writeString(out.resolve("summary.txt"), summary);
    System.out.println();
    System.out.println(summary);
    System.exit(0);
  }

  private static void replot(Path csv) throws IOException {
    List<StepResult> results = Files.readAllLines(csv).stream().skip(1)
        .filter(line -> !line.isBlank()).map(StepResult::parseCsv).toList();
    PlotWriter.write(results, csv.resolveSibling("plot.png"));
    String summary = Summary.of(results);
    Files.writeString(csv.resolveSibling("summary.txt"), summary);
    System.out.println(summary);
  }

  static BenchTarget target(String name, Path out, List<String> jvmOptions) {
    return switch (name) {
      case "vertx-sfu" -> VertxSfuTarget.asProcess(out.resolve("vertx-sfu.log"), jvmOptions);
      case "vertx-1port" -> VertxSfuTarget.asProcessSinglePort(out.resolve("vertx-1port.log"),
          jvmOptions);
      case "vertx-shards" -> VertxSfuTarget.asProcessSendShards(
          out.resolve("vertx-shards.log"), jvmOptions);
      case "janus" -> new JanusTarget(out);
      case "mediasoup" -> new MediasoupTarget(out);
      default -> throw new IllegalArgumentException("--target is vertx-sfu, vertx-1port, "
          + "vertx-shards, janus, mediasoup, both, all or a comma-separated list: " + name);
    };
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException("options are --name value pairs; got " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private static List<Integer> ints(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).map(Integer::parseInt).toList();
  }
}
