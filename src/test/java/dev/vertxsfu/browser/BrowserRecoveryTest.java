package dev.vertxsfu.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vertxsfu.app.SfuNode;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser SDK's recovery (docs/protocol.md), in headless Chromium through the
 * demo page, with two SFU nodes started here in-process (each in a Vert.x of its own, not
 * clustered). Two pages that know both nodes' URLs publish their cameras on the first node
 * and decode each other; then this test moves their room ({@link SfuNode#moveRoom}:
 * {@code room_moved}), closes every socket of the first node ({@link SfuNode#closeConnections}:
 * close code 1012; the pages go on to the second node), and at last stops both nodes and
 * starts the first again once both pages have failed a reconnection attempt. After each, both
 * pages must decode the other's same camera track again by themselves, on a new receiver,
 * after the trigger, on the node expected. Page 1 mutes its microphone first: after the move
 * and after the sockets closed, its sender still carries no track and page 2 shows it muted
 * (the SDK tells the new room, which never heard of the mute).
 *
 * <p>The browser side is {@code src/test/js/browser-recovery.mjs}. It asks for each trigger on
 * its stdout ({@code {"request": "moveRoom", "node": "first"}}); this test performs it, answers
 * on the harness's stdin with the trigger's wall-clock time, and in the end reads the harness's
 * JSON summary. It prints the measured time from each trigger to each page's first frame. Runs
 * on the JUnit thread; the harness's stdout is read by one thread of its own into a queue.
 */
class BrowserRecoveryTest {
  private static final String ROOM = "browser-recovery";
  /** The harness stops itself after 150 s; this is the backstop. */
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(200);
  private static final Duration TRIGGER_TIMEOUT = Duration.ofSeconds(10);
  /** The first reconnection waits 250 ms ±20% (docs/protocol.md). */
  private static final int FIRST_DELAY_MIN_MS = 200;
  private static final int FIRST_DELAY_MAX_MS = 300;
  /** The close code of a draining node (docs/protocol.md). */
  private static final int SERVICE_RESTART = 1012;

  /** A whole node in a Vert.x of its own (not clustered). */
  private record RunningNode(Vertx vertx, SfuNode node) {
    /** Two signaling fronts, as Main runs them on this machine. */
    static Future<RunningNode> start(int httpPort) {
      SfuConfig config = SfuConfig.load(Map.of("SFU_HTTP_PORT", String.valueOf(httpPort)));
      DtlsCertificate certificate =
          DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
      Vertx vertx = Vertx.vertx();
      return SfuNode.start(vertx, config, certificate, 2).map(node -> new RunningNode(vertx, node));
    }
  }

  /** The nodes that run, by the harness's names ({@code first}, {@code second}). */
  private static final Map<String, RunningNode> nodes = new HashMap<>();
  /** Each node's HTTP port, kept when it stops so that it restarts there. */
  private static final Map<String, Integer> ports = new HashMap<>();

  @BeforeAll
  static void startNodes() {
    for (String name : List.of("first", "second")) {
      RunningNode running = RunningNode.start(0).await();
      nodes.put(name, running);
      ports.put(name, running.node().httpPort());
    }
  }

  @AfterAll
  static void stopNodes() {
    nodes.values().forEach(running -> running.vertx().close().await());
    nodes.clear();
  }

  @Test
  void pagesDecodeEachOtherAgainByThemselvesAfterTheRoomMovesAndAfterTheirSocketsClose()
      throws Exception {
    BrowserHarness.ensureInstalled();
    Files.createDirectories(BrowserHarness.OUT);
    Path log = BrowserHarness.OUT.resolve("browser-recovery.log");
    List<String> command = List.of("node",
        BrowserHarness.HARNESS.resolve("browser-recovery.mjs").toString(),
        "--url", "http://127.0.0.1:" + ports.get("first") + "/",
        "--second-url", "http://127.0.0.1:" + ports.get("second") + "/", "--room", ROOM,
        "--out", BrowserHarness.OUT.toString());
    Process harness;
    try {
      harness = new ProcessBuilder(command).redirectError(log.toFile()).start();
    } catch (IOException e) {
      throw BrowserHarness.cannotRun(command, e);
    }
    JsonObject summary;
    try {
      summary = converse(harness, log);
      assertThat(harness.waitFor(30, TimeUnit.SECONDS)).as("the harness exits").isTrue();
    } finally {
      if (harness.isAlive()) {
        BrowserHarness.kill(harness);
      }
    }
    Files.writeString(BrowserHarness.OUT.resolve("recovery-summary.json"),
        summary.encodePrettily());
    String diagnosis = "summary: " + summary.encode() + "\nharness log (" + log + "):\n"
        + BrowserHarness.tail(log);
    assertThat(harness.exitValue()).as(diagnosis).isZero();
    assertThat(summary.getBoolean("ok")).as(diagnosis).isTrue();

    JsonObject cameras = summary.getJsonObject("cameras");
    checkRecovered(summary, "move", "moved", "first", cameras, diagnosis);
    checkRecovered(summary, "close", "reconnecting", "second", cameras, diagnosis);
    checkRecovered(summary, "failover", "reconnecting", "first", cameras, diagnosis);
    for (String scenario : List.of("move", "close")) {
      JsonObject kept = summary.getJsonObject("checks").getJsonObject(scenario)
          .getJsonObject("muteKept");
      assertThat(kept).as(scenario + ": the muted microphone after recovery, " + diagnosis)
          .isNotNull();
      assertThat(kept.getValue("senderTrack")).as(scenario + ": nothing on the muted sender")
          .isNull();
      assertThat(kept.getString("micOnOtherPage")).as(scenario).isEqualTo("muted");
    }
  }

  /**
   * Both pages of one scenario: the other's same camera track decoded again after the
   * trigger, the old session's tracks ended with {@code reason}, the SDK's events as specified,
   * the session rejoined through node {@code endsOn}.
   */
  private static void checkRecovered(JsonObject summary, String scenario, String reason,
      String endsOn, JsonObject cameras, String diagnosis) {
    for (String page : List.of("alice", "bob")) {
      String other = page.equals("alice") ? "bob" : "alice";
      JsonObject result = summary.getJsonObject("checks").getJsonObject(scenario)
          .getJsonObject(page);
      String what = scenario + "/" + page + " in " + diagnosis;
      assertThat(result.getString("trackId")).as(what).isEqualTo(cameras.getString(other));
      assertThat(result.getInteger("framesSeen")).as(what).isGreaterThanOrEqualTo(10);
      assertThat(result.getLong("triggerToFirstFrameMs")).as(what).isPositive();
      assertThat(result.getJsonArray("removedReasons").getList()).as(what).contains(reason);
      List<JsonObject> events = objects(result.getJsonArray("events"));
      assertThat(events).as(what).isNotEmpty();
      JsonObject first = events.get(0);
      if (scenario.equals("move")) {
        assertThat(first.getString("type")).as(what).isEqualTo("moved");
        assertThat(first.getString("reason")).as(what).isEqualTo("drain");
      } else {
        assertThat(first.getString("type")).as(what).isEqualTo("reconnecting");
        assertThat(first.getInteger("attempt")).as(what).isOne();
        assertThat(first.getInteger("delayMs")).as(what)
            .isBetween(FIRST_DELAY_MIN_MS, FIRST_DELAY_MAX_MS);
      }
      if (scenario.equals("close")) {
        assertThat(first.getInteger("code")).as(what).isEqualTo(SERVICE_RESTART);
      }
      if (scenario.equals("failover")) {
        for (int attempt = 2; attempt <= 3; attempt++) {
          int n = attempt;
          JsonObject next = events.stream().filter(e -> e.getInteger("attempt", 0) == n)
              .findFirst().orElseThrow(() -> new AssertionError("no attempt " + n + ": " + what));
          int factor = 1 << (attempt - 1);
          assertThat(next.getInteger("delayMs")).as(what)
              .isBetween(factor * FIRST_DELAY_MIN_MS, factor * FIRST_DELAY_MAX_MS);
          assertThat(next.getString("error")).as(what).isNotBlank();
        }
      }
      assertThat(events.stream().map(e -> e.getString("type")))
          .as(what).contains("reconnecting", "rejoined").doesNotContain("disconnected");
      JsonObject rejoined = events.stream().filter(e -> "rejoined".equals(e.getString("type")))
          .reduce((a, b) -> b).orElseThrow();
      assertThat(rejoined.getString("url")).as(what).contains(":" + ports.get(endsOn) + "/");
      System.out.printf("browser recovery, %s: %s decodes %s's camera %d ms after the trigger "
          + "(its track arrived after %d ms)%n", scenario, page, other,
          result.getLong("triggerToFirstFrameMs"), result.getLong("triggerToRemoteTrackMs"));
      System.out.printf("  events: %s%n", result.getJsonArray("events").encode());
    }
  }

  private static List<JsonObject> objects(JsonArray array) {
    return array.stream().map(JsonObject.class::cast).toList();
  }

  /**
   * Performs what the harness asks for until it prints its summary (a line without
   * {@code request}), and returns that summary.
   */
  private static JsonObject converse(Process harness, Path log) throws Exception {
    BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> readLines(harness, lines), "browser-recovery-stdout");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    try (BufferedWriter toHarness = harness.outputWriter(StandardCharsets.UTF_8)) {
      for (;;) {
        Optional<String> line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (line == null) {
          fail("no summary from the harness within " + RUN_TIMEOUT + "\n"
              + BrowserHarness.tail(log));
        }
        if (line.isEmpty()) {
          fail("the harness ended without a summary\n" + BrowserHarness.tail(log));
        }
        JsonObject message = new JsonObject(line.get());
        String request = message.getString("request");
        if (request == null) {
          return message;
        }
        toHarness.write(perform(request, message.getString("node")).encode());
        toHarness.newLine();
        toHarness.flush();
      }
    }
  }

  /** Reads the harness's stdout into {@code lines}; an empty element marks its end. */
  private static void readLines(Process harness, BlockingQueue<Optional<String>> lines) {
    try (BufferedReader reader = harness.inputReader(StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(Optional.of(line));
      }
    } catch (IOException e) {
      // the harness went away: the empty element below says so
    }
    lines.add(Optional.empty());
  }

  /** Triggers what the harness asked for on a node; replies with the trigger's time. */
  private static JsonObject perform(String request, String name) {
    long at = System.currentTimeMillis();
    RunningNode running = nodes.get(name);
    if (running == null && !request.equals("startNode")) {
      return new JsonObject().put("failed", request).put("message", "no node " + name + " runs");
    }
    Future<Void> action = switch (request) {
      case "moveRoom" -> running.node().moveRoom(ROOM);
      case "closeConnections" -> running.node().closeConnections();
      case "stopNode" -> running.vertx().close().onSuccess(v -> nodes.remove(name));
      case "startNode" -> RunningNode.start(ports.get(name)).map(started -> {
        nodes.put(name, started);
        return null;
      });
      default -> Future.failedFuture("unknown request " + request);
    };
    try {
      action.toCompletionStage().toCompletableFuture()
          .get(TRIGGER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return new JsonObject().put("done", request).put("at", at);
    } catch (Exception e) {
      return new JsonObject().put("failed", request).put("message", String.valueOf(e));
    }
  }
}
