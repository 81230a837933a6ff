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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
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
 * The browser SDK's recovery (docs/protocol-extensions.md), in headless Chromium through the
 * demo page: two pages publish their cameras and decode each other; then this test moves their
 * room ({@link SfuNode#moveRoom}: {@code room_moved}) and later closes every socket of the node
 * ({@link SfuNode#closeConnections}: close code 1012), and at last stops the node while the
 * pages know a second signaling URL, a standby node's, which it starts only once both pages
 * have failed a reconnection attempt. After each, both pages must decode the other's same
 * camera track again by themselves, on a new receiver, after the trigger; after the last, on
 * the standby node.
 *
 * <p>The browser side is {@code src/test/js/browser-recovery.mjs}. It asks for each trigger on
 * its stdout ({@code {"request": "moveRoom"}}); this test performs it on the node it started
 * in-process, answers on the harness's stdin with the trigger's wall-clock time, and in the end
 * reads the harness's JSON summary. It prints the measured time from each trigger to each
 * page's first frame. Runs on the JUnit thread; the harness's stdout is read by one thread of
 * its own into a queue.
 */
class BrowserRecoveryTest {
  private static final String ROOM = "browser-recovery";
  /** The harness stops itself after 150 s; this is the backstop. */
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(200);
  private static final Duration TRIGGER_TIMEOUT = Duration.ofSeconds(10);
  /** The first reconnection waits 250 ms ±20% (docs/protocol-extensions.md). */
  private static final int FIRST_DELAY_MIN_MS = 200;
  private static final int FIRST_DELAY_MAX_MS = 300;
  /** The close code of a draining node (docs/protocol-extensions.md). */
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

  private static RunningNode primary;
  /** Whether the failover scenario stopped {@link #primary}. */
  private static boolean primaryStopped;
  /** Started by the failover scenario, on {@link #standbyPort}. */
  private static RunningNode standby;
  private static int standbyPort;

  @BeforeAll
  static void startPrimaryNode() throws IOException {
    primary = RunningNode.start(0).await();
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      standbyPort = free.getLocalPort();
    }
  }

  @AfterAll
  static void stopNodes() {
    if (primary != null && !primaryStopped) {
      primary.vertx().close().await();
    }
    if (standby != null) {
      standby.vertx().close().await();
    }
  }

  @Test
  void pagesDecodeEachOtherAgainByThemselvesAfterTheRoomMovesAndAfterTheirSocketsClose()
      throws Exception {
    BrowserHarness.ensureInstalled();
    Files.createDirectories(BrowserHarness.OUT);
    Path log = BrowserHarness.OUT.resolve("browser-recovery.log");
    List<String> command = List.of("node",
        BrowserHarness.HARNESS.resolve("browser-recovery.mjs").toString(),
        "--url", "http://127.0.0.1:" + primary.node().httpPort() + "/",
        "--standby-url", "http://127.0.0.1:" + standbyPort + "/", "--room", ROOM,
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
    checkRecovered(summary, "move", "moved", cameras, diagnosis);
    checkRecovered(summary, "close", "reconnecting", cameras, diagnosis);
    checkRecovered(summary, "failover", "reconnecting", cameras, diagnosis);
  }

  /**
   * Both pages of one scenario: the other's same camera track decoded again after the
   * trigger, the old session's tracks ended with {@code reason}, the SDK's events as specified.
   */
  private static void checkRecovered(JsonObject summary, String scenario, String reason,
      JsonObject cameras, String diagnosis) {
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
        JsonObject second = events.stream().filter(e -> e.getInteger("attempt", 0) == 2)
            .findFirst().orElseThrow(() -> new AssertionError("no second attempt: " + what));
        assertThat(second.getInteger("delayMs")).as(what)
            .isBetween(2 * FIRST_DELAY_MIN_MS, 2 * FIRST_DELAY_MAX_MS);
        assertThat(second.getString("error")).as(what).isNotBlank();
        JsonObject rejoined = events.stream().filter(e -> "rejoined".equals(e.getString("type")))
            .findFirst().orElseThrow();
        assertThat(rejoined.getString("url")).as(what).contains(":" + standbyPort + "/");
      }
      assertThat(events.stream().map(e -> e.getString("type")))
          .as(what).contains("reconnecting", "rejoined").doesNotContain("disconnected");
      System.out.printf("browser recovery, %s: %s decodes %s's camera %d ms after the trigger "
          + "(its track arrived after %d ms)%n", scenario, page, other,
          result.getLong("triggerToFirstFrameMs"), result.getLong("triggerToRemoteTrackMs"));
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
        toHarness.write(perform(request).encode());
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

  /** Triggers what the harness asked for on the node; replies with the trigger's time. */
  private static JsonObject perform(String request) {
    long at = System.currentTimeMillis();
    Future<Void> action = switch (request) {
      case "moveRoom" -> primary.node().moveRoom(ROOM);
      case "closeConnections" -> primary.node().closeConnections();
      case "stopNode" -> primary.vertx().close().onSuccess(v -> primaryStopped = true);
      case "startNode" -> RunningNode.start(standbyPort).map(started -> {
        standby = started;
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
