package dev.vertxsfu.bench.janus;

import dev.vertxsfu.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Janus process on loopback for the benchmark and its tests: started with a configuration
 * generated for free ports ({@link JanusWorkDir}), with the {@code getifaddrs} shim preloaded so
 * it gathers its ICE candidate on 127.0.0.1 (bench/janus/README.md), its output captured in a
 * log file, ready once its WebSocket answers {@code info} with the VideoRoom plugin loaded.
 * {@link #pid()} is there for CPU and memory sampling from {@code /proc/<pid>}.
 *
 * <p>Launched as {@code janus -F <conf> -P <plugins> -o} (the folders of transports, loggers
 * and events have no command-line option and are in the generated {@code janus.jcfg}).
 *
 * <p>Threads: {@link #start} and {@link #stop()} may be called from any thread; the blocking
 * parts (files, gcc, process start, deletion) run on Vert.x worker threads, the readiness probe
 * on an event loop. Owns the process (a JVM shutdown hook kills it if {@link #stop()} was never
 * called) and its work folder (deleted at stop, except the log).
 */
public final class JanusProcess {
  private static final long READY_TIMEOUT_MILLIS = 15_000;
  private static final long PROBE_INTERVAL_MILLIS = 100;
  private static final long STOP_TIMEOUT_SECONDS = 10;

  private final Vertx vertx;
  private final Process process;
  private final JanusWorkDir dir;
  private final int webSocketPort;
  private final int rtpPortMin;
  private final int rtpPortMax;
  private final Thread killAtExit;

  private JanusProcess(Vertx vertx, Process process, JanusWorkDir dir, int webSocketPort,
      int rtpPortMin, int rtpPortMax) {
    this.vertx = vertx;
    this.process = process;
    this.dir = dir;
    this.webSocketPort = webSocketPort;
    this.rtpPortMin = rtpPortMin;
    this.rtpPortMax = rtpPortMax;
    this.killAtExit = new Thread(process::destroyForcibly, "janus-kill-at-exit");
    Runtime.getRuntime().addShutdownHook(killAtExit);
  }

  /** Starts Janus; completes when its WebSocket API answers, or fails with its log's end. */
  public static Future<JanusProcess> start(Vertx vertx, JanusOptions options) {
    return vertx.executeBlocking(() -> launch(vertx, options), false)
        .compose(janus -> janus.awaitReady().transform(ready -> ready.succeeded()
            ? Future.succeededFuture(janus)
            : janus.stop().transform(stopped -> Future.failedFuture(ready.cause()))));
  }

  private static JanusProcess launch(Vertx vertx, JanusOptions options)
      throws IOException, InterruptedException {
    JanusInstallation janus = JanusInstallation.find();
    int webSocketPort = options.webSocketPort() != 0 ? options.webSocketPort() : FreePorts.tcp();
    int rtpMin = options.rtpPortMin();
    int rtpMax = options.rtpPortMax();
    if (rtpMin == 0 && rtpMax == 0) {
      rtpMin = FreePorts.udpBlock(JanusOptions.DEFAULT_RTP_PORTS);
      rtpMax = rtpMin + JanusOptions.DEFAULT_RTP_PORTS - 1;
    }
    JanusWorkDir dir = JanusWorkDir.create(janus, options, webSocketPort, rtpMin, rtpMax);
    ProcessBuilder builder = new ProcessBuilder(List.of(janus.binary().toString(),
        "-F", dir.conf().toString(), "-P", dir.plugins().toString(), "-o"))
        .directory(dir.root().toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.log().toFile());
    builder.environment().put("LD_PRELOAD", dir.shim().toString());
    return new JanusProcess(vertx, builder.start(), dir, webSocketPort, rtpMin, rtpMax);
  }

  /** The process id, for {@code /proc/<pid>/stat} (CPU) and {@code /proc/<pid>/status} (RSS). */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The port of Janus's WebSocket API on 127.0.0.1 ({@link JanusVideoRoom#connect}). */
  public int webSocketPort() {
    return webSocketPort;
  }

  public int rtpPortMin() {
    return rtpPortMin;
  }

  public int rtpPortMax() {
    return rtpPortMax;
  }

  /** Janus's standard output and error; it stays after {@link #stop()}. */
  public Path logFile() {
    return dir.log();
  }

  /** Stops Janus (SIGTERM, then SIGKILL after 10 s) and deletes its folder but the log. */
  public Future<Void> stop() {
    process.destroy();
    return vertx.executeBlocking(() -> {
      if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(killAtExit);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is exiting already; the hook kills nothing that is still alive.
      }
      dir.deleteAllButLog();
      return null;
    }, false);
  }

  private Future<Void> awaitReady() {
    Promise<Void> ready = Promise.promise();
    probe(ready, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS));
    return ready.future();
  }

  /** Asks {@code info}; retries every 100 ms until it answers, Janus exits or time is up. */
  private void probe(Promise<Void> ready, long deadline) {
    if (!process.isAlive()) {
      ready.fail(new IllegalStateException("Janus exited with " + process.exitValue()
          + "; its log ends with:\n" + logTail()));
      return;
    }
    JanusConnection.open(vertx, "127.0.0.1", webSocketPort)
        .compose(connection -> connection.onContext(() -> connection.info()
            .eventually(connection::close)))
        .onSuccess(info -> {
          JsonObject plugins = info.getJsonObject("plugins", new JsonObject());
          if (plugins.containsKey(JanusVideoRoom.PLUGIN)) {
            ready.complete();
          } else {
            ready.fail(new IllegalStateException("Janus answers without the VideoRoom plugin: "
                + info.encode()));
          }
        })
        .onFailure(notYet -> {
          if (System.nanoTime() > deadline) {
            ready.fail(new IllegalStateException("Janus's WebSocket did not answer in "
                + READY_TIMEOUT_MILLIS + " ms; its log ends with:\n" + logTail(), notYet));
          } else {
            vertx.setTimer(PROBE_INTERVAL_MILLIS, id -> probe(ready, deadline));
          }
        });
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(dir.log(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
