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
 * Dynacast through the browser SDK (docs/protocol.md section 20): a headless Chromium page
 * publishes its fake camera at 1280x720 with the SDK's default simulcast (q/h/f) and dynacast;
 * another page shows it in a 1280x720 element until it decodes the top layer, then shrinks the
 * element to 160x90. The publisher is told {@code f} is not wanted, its sender's encoding
 * {@code f} turns inactive and its outbound-rtp stream sends no byte for 2 s; when the element
 * grows to 1280x720 again, {@code f} is wanted again, sends again, and the watcher decodes the
 * top layer again.
 *
 * <p>The browser side is {@code src/test/js/browser-dynacast.mjs} on
 * {@code simulcast-page.html}; this test runs it with {@code node} and checks its JSON summary.
 */
class BrowserDynacastTest {
  private static final Path HARNESS = BrowserHarness.HARNESS;
  private static final Path OUT = BrowserHarness.OUT;
  /** The harness stops itself after 200 s; this is the backstop. */
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(260);

  private static Vertx vertx;
  private static int port;

  @BeforeAll
  static void startNode() {
    SfuConfig config = SfuConfig.load(Map.of("SFU_HTTP_PORT", "0"));
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
  void theTopEncodingStopsWhileNobodyWantsItAndResumes() throws Exception {
    BrowserHarness.ensureInstalled();
    Files.createDirectories(OUT);
    Path summaryFile = OUT.resolve("dynacast-summary.json");
    Path log = OUT.resolve("browser-dynacast.log");

    int exit = BrowserHarness.run(List.of("node",
        HARNESS.resolve("browser-dynacast.mjs").toString(),
        "--url", "http://127.0.0.1:" + port + "/", "--out", OUT.toString()),
        summaryFile, log, RUN_TIMEOUT);

    String output = Files.readString(summaryFile, StandardCharsets.UTF_8).trim();
    String diagnosis = "summary: " + output + "\nharness log (" + log + "):\n"
        + BrowserHarness.tail(log);
    assertThat(exit).as(diagnosis).isZero();
    JsonObject summary = new JsonObject(output);
    assertThat(summary.getBoolean("ok")).as(diagnosis).isTrue();

    JsonObject stopped = summary.getJsonObject("stopped");
    assertThat(stopped.getJsonObject("wanted").getJsonArray("rids").getList())
        .as(diagnosis).doesNotContain("f");
    JsonObject quiet = summary.getJsonObject("quiet");
    assertThat(quiet.getLong("before")).as("f had sent before it paused: " + diagnosis)
        .isPositive();
    assertThat(quiet.getLong("after")).as(diagnosis).isEqualTo(quiet.getLong("before"));
    JsonObject resumed = summary.getJsonObject("resumed");
    assertThat(resumed.getJsonObject("wanted").getJsonArray("rids").getList())
        .as(diagnosis).contains("f");
    assertThat(resumed.getLong("bytesSent")).as(diagnosis).isGreaterThan(quiet.getLong("after"));
    System.out.printf("dynacast in Chromium: f paused %d ms after the tile shrank to 160x90 (told"
        + " %s); f bytesSent flat at %d over %d ms; after growing the tile f wanted and sending"
        + " again in %d ms, top layer decoded (%s) in %d ms; layers told: %s%n",
        stopped.getLong("ms"), stopped.getJsonObject("wanted").getJsonArray("rids"),
        quiet.getLong("after"), quiet.getLong("quietMs"), resumed.getLong("ms"),
        resumed.getString("decoded"), resumed.getLong("decodedMs"),
        summary.getJsonArray("layersTold"));
  }
}
