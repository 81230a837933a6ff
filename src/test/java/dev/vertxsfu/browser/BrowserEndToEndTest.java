package dev.vertxsfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.app.SfuNode;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import io.vertx.core.Vertx;
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
 * The web client's acceptance test: two headless Chromium pages on the demo page
 * ({@code src/main/resources/webroot}), served by a whole SFU node ({@link SfuNode}) started
 * here in-process on a free port, see each other's camera, hear a microphone, see a screen share come, go and come
 * again, and drop the tiles of the one who leaves; the status line counts the others live and
 * says when the page left, and a page that cannot reach the SFU shows its error banner.
 *
 * <p>The browser side is {@code src/test/js/browser-e2e.mjs} (playwright-core driving Debian's
 * {@code /usr/bin/chromium}, fake camera, microphone and screen); this test runs it with
 * {@code node}, waits for it with a timeout, and checks its exit code and the JSON summary it
 * prints. {@code scripts/test.sh} installs Chromium and Node.js and runs {@code npm ci} first;
 * when the harness's {@code node_modules} is missing (a run from an IDE) this test runs
 * {@code npm ci} itself. The summary, the harness's log and the screenshot
 * {@code two-party.png} land in {@code target/browser/}.
 */
class BrowserEndToEndTest {
  private static final Path HARNESS = BrowserHarness.HARNESS;
  private static final Path OUT = BrowserHarness.OUT;
  /** The harness stops itself after 120 s; this is the backstop. */
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(180);

  private static Vertx vertx;
  private static int port;

  @BeforeAll
  static void startNode() {
    SfuConfig config = SfuConfig.load(Map.of("SFU_HTTP_PORT", "0"));
    DtlsCertificate certificate =
        DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
    vertx = Vertx.vertx();
    // two signaling fronts, as Main runs them on this machine: the pages may land on either
    port = SfuNode.start(vertx, config, certificate, 2).await().httpPort();
  }

  @AfterAll
  static void stopNode() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void twoPagesSeeAndHearEachOtherShareTheScreenAndLeave() throws Exception {
    BrowserHarness.ensureInstalled();
    Files.createDirectories(OUT);
    Path summaryFile = OUT.resolve("summary.json");
    Path log = OUT.resolve("browser-e2e.log");
    Path screenshot = OUT.resolve("two-party.png");
    Files.deleteIfExists(screenshot);

    int exit = BrowserHarness.run(List.of("node", HARNESS.resolve("browser-e2e.mjs").toString(),
        "--url", "http://127.0.0.1:" + port + "/", "--room", "browser-e2e",
        "--out", OUT.toString()), summaryFile, log, RUN_TIMEOUT);

    String output = Files.readString(summaryFile, StandardCharsets.UTF_8).trim();
    String diagnosis = "summary: " + output + "\nharness log (" + log + "):\n"
        + BrowserHarness.tail(log);
    assertThat(exit).as(diagnosis).isZero();
    JsonObject summary = new JsonObject(output);
    assertThat(summary.getBoolean("ok")).as(diagnosis).isTrue();

    JsonObject checks = summary.getJsonObject("checks");
    for (String video : List.of("page1SeesPage2", "page2SeesPage1", "page2SeesScreen",
        "page2SeesScreenAgain")) {
      JsonObject check = checks.getJsonObject(video);
      assertThat(check).as(video + " in " + diagnosis).isNotNull();
      assertThat(check.getInteger("videoWidth")).as(video).isPositive();
      assertThat(check.getDouble("currentTimeAdvanced")).as(video).isGreaterThanOrEqualTo(0.5);
      assertThat(check.getInteger("kbps")).as(video).isPositive();
    }
    assertThat(checks.getJsonObject("page2SeesScreen").getString("label")).contains("screen");
    assertThat(checks.getJsonObject("page2SeesScreenAgain").getString("trackId"))
        .isNotEqualTo(checks.getJsonObject("page2SeesScreen").getString("trackId"));
    assertThat(checks.getJsonObject("page2HearsPage1").getInteger("packets")).isPositive();
    String leaver = summary.getJsonObject("clients").getString("page1");
    assertThat(checks.getJsonArray("page2TilesOfPage1Gone").getList())
        .as("page 2's tiles after page 1 left").noneMatch(label -> label.toString().contains(leaver));
    assertThat(screenshot).isNotEmptyFile();

    assertThat(checks.getJsonArray("trackCodecs").getList()).as("codecs of page 1's tracks")
        .contains("video/VP8");

    // the status line is live (issue 10, item 5)
    JsonObject both = checks.getJsonObject("membersWhileBothIn");
    assertThat(both).as("membersWhileBothIn in " + diagnosis).isNotNull();
    assertThat(both.getJsonObject("page1").getString("text")).contains("with 1 other");
    assertThat(both.getJsonObject("page2").getString("text")).contains("with 1 other");
    assertThat(checks.getJsonObject("membersAfterLeave").getString("text"))
        .contains("with 0 others");
    JsonObject left = checks.getJsonObject("afterLeave");
    assertThat(left.getString("status")).contains("Left");
    assertThat(left.getString("peer")).isEqualTo("closed");
    assertThat(left.getString("sfu")).isEqualTo("closed");
    JsonObject failure = checks.getJsonObject("connectionFailure");
    assertThat(failure.getBoolean("visible")).as("the error banner is visible").isTrue();
    assertThat(failure.getDouble("height")).isPositive();
    assertThat(failure.getString("text")).contains("Cannot connect to the SFU");
  }
}
