package dev.vertxsfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.app.SfuNode;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser SDK's ICE restart: headless Chromium subscribes through a UDP relay that
 * {@code src/test/js/browser-icerestart.mjs} runs in front of the room's port; the relay is
 * closed (the path is gone, the page's checks meet a closed port) and another opens on a new
 * port, twice. Each time Chromium goes {@code disconnected}, {@code sfu-client.js} restarts ICE
 * by itself, and the subscriber decodes video again through the new relay with the same
 * clientId, without a rejoin. Prints, per break, the time to the restart and to the first newly
 * decoded frame; the summary and the log land in {@code target/browser/}.
 */
class BrowserIceRestartTest {
  private static final Path HARNESS = BrowserHarness.HARNESS;
  private static final Path OUT = BrowserHarness.OUT;
  /** The harness stops itself after 150 s; this is the backstop. */
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(200);

  private static Vertx vertx;
  private static int port;

  @BeforeAll
  static void startNode() throws Exception {
    SfuConfig config = SfuConfig.load(Map.of("SFU_HTTP_PORT", "0", "SFU_MEDIA_MIN_PORT", "0",
        "SFU_MEDIA_MAX_PORT", "0", "SFU_CLUSTER_ENABLED", "false"));
    DtlsCertificate certificate =
        DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
    vertx = Vertx.vertx();
    port = SfuNode.start(vertx, config, certificate, 1).await().httpPort();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void chromiumWhosePathBreaksResumesThroughAnIceRestartWithoutRejoining() throws Exception {
    BrowserHarness.ensureInstalled();
    Files.createDirectories(OUT);
    Path summaryFile = OUT.resolve("icerestart-summary.json");
    Path log = OUT.resolve("browser-icerestart.log");

    int exit = BrowserHarness.run(List.of("node",
        HARNESS.resolve("browser-icerestart.mjs").toString(),
        "--url", "http://127.0.0.1:" + port + "/", "--out", OUT.toString(), "--runs", "2"),
        summaryFile, log, RUN_TIMEOUT);

    String output = Files.readString(summaryFile, StandardCharsets.UTF_8).trim();
    String diagnosis = "summary: " + output + "\nharness log (" + log + "):\n"
        + BrowserHarness.tail(log);
    assertThat(exit).as(diagnosis).isZero();
    JsonObject summary = new JsonObject(output);
    assertThat(summary.getBoolean("ok")).as(diagnosis).isTrue();
    assertThat(summary.getJsonObject("checks").getBoolean("sameClient")).isTrue();
    JsonArray runs = summary.getJsonArray("runs");
    assertThat(runs).hasSize(2);
    for (int i = 0; i < runs.size(); i++) {
      JsonObject run = runs.getJsonObject(i);
      assertThat(run.getInteger("datagramsFromSfuThroughNewRelay")).as(diagnosis).isPositive();
      System.out.printf("Chromium ICE restart run %d: path broken to restart %d ms, restart to "
          + "first decoded frame %d ms, path broken to first frame %d ms%n", run.getInteger("run"),
          run.getLong("breakToRestartMs"), run.getLong("restartToFirstFrameMs"),
          run.getLong("breakToFirstFrameMs"));
    }
  }
}
