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
 * Simulcast and adaptive stream through the browser SDK (issue 12): a headless Chromium page
 * publishes its fake camera at 1280x720 with the SDK's default simulcast (three rid encodings:
 * the live rid publisher), and three SDK clients of another page show it in video elements of
 * different sizes given to {@code attachVideo}, so the SDK sends {@code track_settings} by
 * itself. The 1280x720 element gets the top layer, a 160x90 one the lowest, one out of the
 * viewport is paused and receives no video packets (getStats); grown to 640x360 the small one
 * gets the middle layer, and the hidden one, scrolled into view, a layer again.
 *
 * <p>The browser side is {@code src/test/js/browser-simulcast.mjs} on
 * {@code simulcast-page.html}; this test runs it with {@code node}, checks its JSON summary and
 * prints what each tile received.
 */
class BrowserSimulcastTest {
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
    port = SfuNode.start(vertx, config, certificate, 1).await().httpPort();
  }

  @AfterAll
  static void stopNode() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void bigTileGetsTheTopLayerSmallALowOneAndHiddenNone() throws Exception {
    BrowserHarness.ensureInstalled();
    Files.createDirectories(OUT);
    Path summaryFile = OUT.resolve("simulcast-summary.json");
    Path log = OUT.resolve("browser-simulcast.log");

    int exit = BrowserHarness.run(List.of("node",
        HARNESS.resolve("browser-simulcast.mjs").toString(),
        "--url", "http://127.0.0.1:" + port + "/", "--out", OUT.toString()),
        summaryFile, log, RUN_TIMEOUT);

    String output = Files.readString(summaryFile, StandardCharsets.UTF_8).trim();
    String diagnosis = "summary: " + output + "\nharness log (" + log + "):\n"
        + BrowserHarness.tail(log);
    assertThat(exit).as(diagnosis).isZero();
    JsonObject summary = new JsonObject(output);
    assertThat(summary.getBoolean("ok")).as(diagnosis).isTrue();

    JsonObject publisher = summary.getJsonObject("publisher");
    assertThat(publisher.getBoolean("offerHasSimulcast")).isTrue();
    assertThat(publisher.getJsonArray("encodings")).hasSize(3);
    JsonObject tiles = summary.getJsonObject("tiles");
    JsonObject big = tiles.getJsonObject("big");
    assertThat(big.getInteger("spatial")).as(diagnosis).isEqualTo(2);
    assertThat(big.getString("rid")).isEqualTo("f");
    assertThat(big.getString("decoded")).isEqualTo(big.getString("layer"));
    JsonObject small = tiles.getJsonObject("small");
    assertThat(small.getInteger("spatial")).as(diagnosis).isZero();
    assertThat(small.getString("rid")).isEqualTo("q");
    assertThat(small.getString("decoded")).isEqualTo(small.getString("layer"));
    JsonObject hidden = tiles.getJsonObject("hidden");
    // paused before its first packet, it is told of no layer at all
    assertThat(hidden.getInteger("spatial")).as(diagnosis).isIn(null, -1);
    assertThat(hidden.getLong("packetsReceivedAfter"))
        .isEqualTo(hidden.getLong("packetsReceivedBefore"));
    assertThat(tiles.getJsonObject("grown").getInteger("spatial")).isEqualTo(1);
    assertThat(tiles.getJsonObject("shown").getInteger("spatial")).isNotNegative();
    System.out.printf("simulcast in Chromium: big %s tile gets %s decoded %s; small %s gets %s "
        + "decoded %s; hidden %s paused, %d packets in %d ms; small grown to %s gets %s decoded "
        + "%s; hidden shown gets %s decoded %s; layers told to big: %s%n",
        big.getString("box"), big.getString("rid"), big.getString("decoded"),
        small.getString("box"), small.getString("rid"), small.getString("decoded"),
        hidden.getString("box"),
        hidden.getLong("packetsReceivedAfter") - hidden.getLong("packetsReceivedBefore"),
        hidden.getInteger("quietMs"), tiles.getJsonObject("grown").getString("box"),
        tiles.getJsonObject("grown").getString("rid"),
        tiles.getJsonObject("grown").getString("decoded"),
        tiles.getJsonObject("shown").getString("rid"),
        tiles.getJsonObject("shown").getString("decoded"), big.getJsonArray("layersTold"));
  }
}
