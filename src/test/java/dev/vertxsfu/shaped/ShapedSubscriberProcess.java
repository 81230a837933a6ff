package dev.vertxsfu.shaped;

import static org.awaitility.Awaitility.await;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ShapedSubscriber} JVM, inside a {@link NetworkNamespace} or (for the unshaped one)
 * beside the test, with the test's class path; its JSON lines collected as they come (a reader
 * thread of its own) and copied to {@code target/shaped/<name>.jsonl}, its stderr in
 * {@code target/shaped/<name>.log}. {@link #close()} closes
 * its stdin (it leaves the room and exits) and kills it if it does not. Used from the test
 * thread; {@link #lines} may be read any time.
 */
final class ShapedSubscriberProcess implements AutoCloseable {
  private static final int MAX_SECONDS = 600;

  private final String name;
  private final Process process;
  private final Path log;
  private final List<JsonObject> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private ShapedSubscriberProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.reader = new Thread(this::read, "shaped-subscriber-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts subscriber {@code name} of {@code publisher}'s tracks in {@code room} on the SFU at
   * {@code host:port}, inside {@code namespace} (null: in the root namespace, unshaped).
   */
  static ShapedSubscriberProcess start(NetworkNamespace namespace, String host, int port,
      String room, String name, String publisher) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ShapedSubscriber.class.getName());
    command.addAll(List.of(host, Integer.toString(port), room, name, publisher,
        Integer.toString(MAX_SECONDS)));
    Path logs = Path.of("target", "shaped");
    Files.createDirectories(logs);
    Path log = logs.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(
        namespace == null ? command : namespace.command(command))
        .redirectError(log.toFile());
    return new ShapedSubscriberProcess(name, builder.start(), log);
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        java.io.Writer copy = Files.newBufferedWriter(
            Path.of(log.toString().replaceFirst("\\.log$", ".jsonl")), StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        copy.write(line);
        copy.write('\n');
        try {
          lines.add(new JsonObject(line));
        } catch (DecodeException notJson) {
          // a stray line of a library that wrote to stdout before ours took it
        }
      }
    } catch (IOException closed) {
      // the process ended
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

  /** Waits for {@code subscribed}; its client id. Fails early if the process dies. */
  String awaitSubscribed(Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
      if (!lines("error").isEmpty() || !process.isAlive() && lines("subscribed").isEmpty()) {
        throw new IllegalStateException(name + " failed: " + lines("error") + "; see " + log);
      }
      return !lines("subscribed").isEmpty();
    });
    return lines("subscribed").get(0).getString("clientId");
  }

  String name() {
    return name;
  }

  @Override
  public void close() throws Exception {
    try {
      process.getOutputStream().close();
    } catch (IOException gone) {
      // exited already
    }
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    reader.join(TimeUnit.SECONDS.toMillis(5));
  }

  @Override
  public String toString() {
    return name + " (" + log + File.separator + ")";
  }
}
