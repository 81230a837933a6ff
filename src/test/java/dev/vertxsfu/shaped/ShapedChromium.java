package dev.vertxsfu.shaped;

import static org.awaitility.Awaitility.await;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A headless Chromium subscriber inside a {@link NetworkNamespace}: {@code ip netns exec <ns>
 * node src/test/js/shaped-chromium.mjs}, which launches Debian's Chromium (as root, so with
 * {@code --no-sandbox}) with a profile of its own under {@code target/shaped/}, joins the room
 * through the JS SDK at the SFU's root-side address and prints its {@code getStats} as JSON
 * lines. The DevTools pipe between the script and Chromium stays inside the namespace; the
 * page and the media come through the shaped veth.
 *
 * <p>The lines are collected by a reader thread of its own (and copied to
 * {@code target/shaped/<name>.jsonl}, the script's stderr to {@code <name>.log}).
 * {@link #close()} closes the script's stdin (it closes Chromium and exits), kills it and its
 * descendants if it does not, then kills any process still naming the profile (a Chromium
 * helper orphaned by a harder kill) and deletes the profile; a JVM shutdown hook does the same
 * when the test JVM is stopped. Used from the test thread; {@link #lines} may be read any time.
 */
final class ShapedChromium implements AutoCloseable {
  private static final Path SCRIPT = Path.of("src", "test", "js", "shaped-chromium.mjs");
  private static final Path NODE_MODULES = Path.of("src", "test", "js", "node_modules");
  private static final Path OUT = Path.of("target", "shaped");

  private final String name;
  private final Process process;
  private final Path profile;
  private final Path log;
  private final List<JsonObject> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;
  private final Thread shutdownHook;
  private boolean closed;

  private ShapedChromium(String name, Process process, Path profile, Path log) {
    this.name = name;
    this.process = process;
    this.profile = profile;
    this.log = log;
    this.reader = new Thread(this::read, "shaped-chromium-" + name);
    reader.setDaemon(true);
    reader.start();
    this.shutdownHook = new Thread(this::kill, "shaped-chromium-cleanup-" + name);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts Chromium subscriber {@code name} inside {@code namespace}, joining {@code room} on
   * the SFU at {@code http://host:port/}.
   */
  static ShapedChromium start(NetworkNamespace namespace, String host, int port, String room,
      String name) throws IOException, InterruptedException {
    Files.createDirectories(OUT);
    ensureHarness();
    Path profile = OUT.resolve("chromium-profile-" + name).toAbsolutePath();
    deleteTree(profile);
    Files.createDirectories(profile);
    Path log = OUT.resolve(name + ".log");
    List<String> command = namespace.command(List.of("node", SCRIPT.toString(),
        "--url", "http://" + host + ":" + port + "/", "--room", room,
        "--profile", profile.toString()));
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    return new ShapedChromium(name, process, profile, log);
  }

  /** {@code npm ci} in the harness when playwright-core is missing (as the browser tests do). */
  private static void ensureHarness() throws IOException, InterruptedException {
    if (Files.isDirectory(NODE_MODULES.resolve("playwright-core"))) {
      return;
    }
    Path npmLog = OUT.resolve("npm-ci.log");
    Process npm = new ProcessBuilder("npm", "ci", "--prefix", SCRIPT.getParent().toString(),
        "--no-audit", "--no-fund").redirectErrorStream(true).redirectOutput(npmLog.toFile())
        .start();
    if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
      npm.destroyForcibly();
      throw new IOException("npm ci in " + SCRIPT.getParent() + " failed; see " + npmLog);
    }
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer copy = Files.newBufferedWriter(OUT.resolve(name + ".jsonl"),
            StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        copy.write(line);
        copy.write('\n');
        copy.flush();
        try {
          lines.add(new JsonObject(line));
        } catch (DecodeException notJson) {
          // a stray line of a library
        }
      }
    } catch (IOException closed) {
      // the script ended
    }
  }

  /** Every line so far, in order. */
  List<JsonObject> lines() {
    return List.copyOf(lines);
  }

  /** The lines of one {@code event} so far, in order. */
  List<JsonObject> lines(String event) {
    return lines.stream().filter(line -> event.equals(line.getString("event"))).toList();
  }

  /** Waits until the SDK joined; its client id. Fails early when the script reports an error. */
  String awaitJoined(Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
      failOnError();
      return !lines("joined").isEmpty();
    });
    return lines("joined").get(0).getString("clientId");
  }

  /** Throws when the script reported an error or died; for the test's polls. */
  void failOnError() {
    if (!lines("error").isEmpty() || !process.isAlive()) {
      throw new IllegalStateException(name + " failed: " + lines("error") + "; see " + log);
    }
  }

  Path log() {
    return log;
  }

  @Override
  public void close() throws Exception {
    if (closed) {
      return;
    }
    closed = true;
    try {
      try {
        process.getOutputStream().close();
      } catch (IOException gone) {
        // exited already
      }
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        kill();
      }
      reader.join(TimeUnit.SECONDS.toMillis(5));
    } finally {
      kill();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs kill() anyway
      }
    }
  }

  /**
   * Kills the script, its descendants and any process whose command line names this profile
   * (all started by this test: the profile's path is its own), then deletes the profile.
   */
  private void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    String marker = profile.toString();
    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false))
        .forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      deleteTree(profile);
    } catch (IOException | java.io.UncheckedIOException e) {
      // a helper still writing: retried by the next start of the same name
    }
  }

  /** Whether a process naming this profile is still alive; for the test's clean-up check. */
  boolean anyProcessLeft() {
    String marker = profile.toString();
    return process.isAlive() || ProcessHandle.allProcesses()
        .anyMatch(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false));
  }

  /** Whether the profile directory is still there. */
  boolean profileLeft() {
    return Files.exists(profile);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  @Override
  public String toString() {
    return name + " (" + log + ")";
  }
}
