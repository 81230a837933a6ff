package dev.vertxsfu;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An SFU node as a JVM process of its own: {@code dev.vertxsfu.app.Main} on this JVM's class
 * path (test classes left out, as in production), configured by environment variables, its
 * output in a log file. Used by the cluster tests and the load harness, from their own thread.
 */
public final class SfuNodeProcess {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();

  private SfuNodeProcess() {}

  /** Starts a node with {@code env} (e.g. {@code SFU_HTTP_PORT}) and JVM options. */
  public static Process launch(Map<String, String> env, List<String> jvmOptions, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+ExitOnOutOfMemoryError"); // as in production (Dockerfile, scripts/run.sh)
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes"))
        .collect(Collectors.joining(File.pathSeparator)));
    command.add("dev.vertxsfu.app.Main");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Waits until the node on {@code httpPort} answers {@code /ready}; fails if it exits. */
  public static void awaitReady(Process process, int httpPort, Path log, Duration timeout) {
    HttpRequest ready = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + httpPort + "/ready")).timeout(Duration.ofSeconds(2)).build();
    await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("the SFU node exited at start-up; see " + log);
      }
      try {
        return HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false; // not listening yet
      }
    });
  }
}
