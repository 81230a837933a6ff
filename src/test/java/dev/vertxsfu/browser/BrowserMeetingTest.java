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
 * The demo page as a meeting (issue 17): three headless Chromium pages in one room see the
 * right names on the right tiles, the speaking ring follow the unmuted microphone (a muted one
 * is never ranked), a muted camera turn into a placeholder within a second and come back on
 * unmute without renegotiation, a chat message reach the others and a late joiner (as
 * history), and a shared screen switch the others to the presenter layout, also in a
 * phone-sized window; a Firefox ESR page joins too, sees the names and the history, and its
 * camera's mute shows on a Chromium page.
 *
 * <p>The browser side is {@code src/test/js/browser-meeting.mjs}; this test runs it with
 * {@code node} and checks its exit code and JSON summary. Its screenshots
 * {@code meeting-*.png} land in {@code target/browser/}.
 */
class BrowserMeetingTest {
  private static final Path HARNESS = BrowserHarness.HARNESS;
  private static final Path OUT = BrowserHarness.OUT;
  /** The harness stops itself after 240 s; this is the backstop. */
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(300);

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
  void namesSpeakersMuteChatAndPresenterLayoutShowOnEveryPage() throws Exception {
    BrowserHarness.ensureInstalled();
    Files.createDirectories(OUT);
    Path summaryFile = OUT.resolve("meeting-summary.json");
    Path log = OUT.resolve("browser-meeting.log");

    int exit = BrowserHarness.run(List.of("node", HARNESS.resolve("browser-meeting.mjs").toString(),
        "--url", "http://127.0.0.1:" + port + "/", "--room", "browser-meeting",
        "--out", OUT.toString()), summaryFile, log, RUN_TIMEOUT);

    String output = Files.readString(summaryFile, StandardCharsets.UTF_8).trim();
    String diagnosis = "summary: " + output + "\nharness log (" + log + "):\n"
        + BrowserHarness.tail(log);
    assertThat(exit).as(diagnosis).isZero();
    JsonObject summary = new JsonObject(output);
    assertThat(summary.getBoolean("ok")).as(diagnosis).isTrue();
    JsonObject checks = summary.getJsonObject("checks");
    JsonObject clients = summary.getJsonObject("clients");

    JsonObject names = checks.getJsonObject("names");
    assertThat(names.getJsonObject("bobSeesAlice").getString("shown")).isEqualTo("alice");
    assertThat(names.getJsonObject("aliceSeesBob").getString("shown")).isEqualTo("bob");
    assertThat(names.getJsonObject("aliceSelf").getString("shown")).isEqualTo("alice (you)");

    JsonObject ringOnAlice = checks.getJsonObject("ringOnAlice");
    assertThat(ringOnAlice.getJsonArray("onBob").getJsonObject(0).getString("clientId"))
        .isEqualTo(clients.getString("alice"));
    assertThat(ringOnAlice.getString("bobMicOnAlicePage")).isEqualTo("muted");
    assertThat(checks.getJsonObject("ringOnBob").getJsonArray("onAlice").getJsonObject(0)
        .getString("clientId")).isEqualTo(clients.getString("bob"));

    assertThat(checks.getJsonObject("cameraMuted").getLong("ms")).isLessThanOrEqualTo(1000);
    JsonObject unmuted = checks.getJsonObject("cameraUnmuted");
    assertThat(unmuted.getBoolean("sameMid")).isTrue();
    assertThat(unmuted.getBoolean("sameSfuDescription")).isTrue();
    assertThat(unmuted.getJsonArray("framesDecoded").getInteger(2))
        .isGreaterThanOrEqualTo(unmuted.getJsonArray("framesDecoded").getInteger(1) + 20);

    assertThat(checks.getJsonObject("chat").getString("text")).isEqualTo("hello from alice");
    assertThat(checks.getJsonObject("history").getString("text")).isEqualTo("hello from alice");
    assertThat(checks.getJsonObject("history").getString("from")).isEqualTo("alice");
    assertThat(checks.getString("shareLink")).contains("room=browser-meeting");

    JsonObject presenter = checks.getJsonObject("presenter");
    for (String page : List.of("bob", "carol")) {
      assertThat(presenter.getJsonObject(page).getInteger("stageWidth"))
          .isGreaterThan(presenter.getJsonObject(page).getInteger("tileWidth"));
    }
    assertThat(checks.getString("quality")).isIn("good", "ok", "poor");
    JsonObject firefox = checks.getJsonObject("firefox");
    assertThat(firefox.getString("alice")).as("alice's name on the Firefox page").isEqualTo("alice");
    assertThat(firefox.getString("history")).isEqualTo("true");
    assertThat(firefox.getString("daveOnBob")).isEqualTo("dave");
    assertThat(firefox.getString("avatar")).isEqualTo("DA");
    for (String shot : List.of("muted-camera", "presenter", "narrow", "grid")) {
      assertThat(OUT.resolve("meeting-" + shot + ".png")).isNotEmptyFile();
    }
  }
}
