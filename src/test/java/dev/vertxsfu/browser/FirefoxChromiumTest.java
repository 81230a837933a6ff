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
 * The second browser engine: Debian's Firefox ESR and Debian's Chromium in one room of a whole
 * SFU node started here in-process on its default media settings (bind the wildcard, announce
 * every usable address of this machine; only the ports are free ones), each publishing its fake
 * camera and microphone and decoding the other's.
 *
 * <p>The browser side is {@code src/test/js/browser-firefox.mjs}: puppeteer-core drives
 * {@code /usr/bin/firefox-esr} over WebDriver BiDi, playwright-core drives
 * {@code /usr/bin/chromium}, both on the demo page. It checks, with each page's
 * {@code getStats()}, that framesDecoded rises at the publisher's capture size and that audio
 * packets with sound arrive, both ways. Firefox never pairs with a loopback candidate, so this
 * failed while the node announced only {@code 127.0.0.1}. {@code scripts/test.sh} installs
 * Firefox ESR, Chromium and Node.js; the summary, the log and the screenshots
 * {@code firefox-chromium-firefox.png} and {@code firefox-chromium-chromium.png} land in
 * {@code target/browser/}.
 */
class FirefoxChromiumTest {
  private static final Path HARNESS = BrowserHarness.HARNESS;
  private static final Path OUT = BrowserHarness.OUT;
  /** The harness stops itself after 180 s; this is the backstop. */
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(240);

  private static Vertx vertx;
  private static int port;

  @BeforeAll
  static void startNode() {
    SfuConfig config = SfuConfig.load(Map.of("SFU_HTTP_PORT", "0", "SFU_MEDIA_MIN_PORT", "0",
        "SFU_MEDIA_MAX_PORT", "0"));
    DtlsCertificate certificate =
        DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
    vertx = Vertx.vertx();
    port = SfuNode.start(vertx, config, certificate, 1).await().httpPort();
  }

  @AfterAll
  static void stopNode() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void firefoxAndChromiumDecodeEachOthersVideoAndAudioOnTheDefaultMediaSettings()
      throws Exception {
    BrowserHarness.ensureInstalled();
    Files.createDirectories(OUT);
    Path summaryFile = OUT.resolve("firefox-summary.json");
    Path log = OUT.resolve("browser-firefox.log");
    List<Path> screenshots = List.of(OUT.resolve("firefox-chromium-firefox.png"),
        OUT.resolve("firefox-chromium-chromium.png"));
    for (Path screenshot : screenshots) {
      Files.deleteIfExists(screenshot);
    }

    int exit = BrowserHarness.run(List.of("node",
        HARNESS.resolve("browser-firefox.mjs").toString(),
        "--url", "http://127.0.0.1:" + port + "/", "--room", "firefox-chromium",
        "--out", OUT.toString()), summaryFile, log, RUN_TIMEOUT);

    String output = Files.readString(summaryFile, StandardCharsets.UTF_8).trim();
    String diagnosis = "summary: " + output + "\nharness log (" + log + "):\n"
        + BrowserHarness.tail(log);
    assertThat(exit).as(diagnosis).isZero();
    JsonObject summary = new JsonObject(output);
    assertThat(summary.getBoolean("ok")).as(diagnosis).isTrue();
    assertThat(summary.getString("firefox")).as(diagnosis).startsWith("firefox/");

    JsonObject checks = summary.getJsonObject("checks");
    for (String video : List.of("chromiumSeesFirefox", "firefoxSeesChromium")) {
      JsonObject check = checks.getJsonObject(video);
      assertThat(check).as(video + " in " + diagnosis).isNotNull();
      assertThat(check.getInteger("framesDecoded")).as(video)
          .isGreaterThan(check.getInteger("firstFramesDecoded"));
      assertThat(check.getInteger("videoWidth")).as(video).isPositive();
    }
    for (String audio : List.of("chromiumHearsFirefox", "firefoxHearsChromium")) {
      JsonObject check = checks.getJsonObject(audio);
      assertThat(check).as(audio + " in " + diagnosis).isNotNull();
      assertThat(check.getInteger("packetsReceived")).as(audio)
          .isGreaterThan(check.getInteger("firstPacketsReceived"));
    }
    for (Path screenshot : screenshots) {
      assertThat(screenshot).isNotEmptyFile();
    }
  }
}
