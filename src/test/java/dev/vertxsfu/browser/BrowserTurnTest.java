package dev.vertxsfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.app.SfuNode;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.turn.Coturn;
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
 * Chromium through TURN: Debian's coturn started here ({@link Coturn}, TURN REST API
 * credentials) and an SFU node whose {@code joined.iceServers} name it; headless Chromium pages
 * drive the SDK ({@code src/test/js/browser-turn.mjs} on {@code turn-page.html}). With
 * {@code iceTransportPolicy: 'relay'} a publisher and a subscriber reach the SFU only through
 * coturn, with the credentials from their {@code joined}, and the subscriber decodes the video;
 * the same call with the default policy takes the direct host path, for comparison. A wrong
 * credential gathers no relay candidate. The summary (with each mode's time from join to the
 * first decoded frame) and the log land in {@code target/browser/}; coturn's log in
 * {@code target/turn/}.
 */
class BrowserTurnTest {
  private static final Path HARNESS = BrowserHarness.HARNESS;
  private static final Path OUT = BrowserHarness.OUT;
  /** The harness stops itself after 120 s; this is the backstop. */
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(180);
  private static final String SECRET = "turn-secret-" + Long.toHexString(new SecureRandom()
      .nextLong());

  private static Coturn coturn;
  private static Vertx vertx;
  private static int port;

  @BeforeAll
  static void startCoturnAndNode() throws Exception {
    coturn = Coturn.start(SECRET);
    SfuConfig config = SfuConfig.load(Map.of("SFU_HTTP_PORT", "0", "SFU_MEDIA_MIN_PORT", "0",
        "SFU_MEDIA_MAX_PORT", "0", "SFU_CLUSTER_ENABLED", "false",
        "SFU_ICE_SERVERS", coturn.turnUrl(), "SFU_ICE_TURN_SECRET", SECRET,
        "SFU_ICE_TURN_TTL_SECONDS", "600"));
    DtlsCertificate certificate =
        DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
    vertx = Vertx.vertx();
    port = SfuNode.start(vertx, config, certificate, 1).await().httpPort();
  }

  @AfterAll
  static void stop() {
    try {
      if (vertx != null) {
        vertx.close().await();
      }
    } finally {
      if (coturn != null) {
        coturn.close();
      }
    }
  }

  @Test
  void chromiumPublishesAndSubscribesThroughCoturnWithTheCredentialsFromJoined()
      throws Exception {
    BrowserHarness.ensureInstalled();
    Files.createDirectories(OUT);
    Path summaryFile = OUT.resolve("turn-summary.json");
    Path log = OUT.resolve("browser-turn.log");

    int exit = BrowserHarness.run(List.of("node", HARNESS.resolve("browser-turn.mjs").toString(),
        "--url", "http://127.0.0.1:" + port + "/", "--out", OUT.toString()),
        summaryFile, log, RUN_TIMEOUT);

    String output = Files.readString(summaryFile, StandardCharsets.UTF_8).trim();
    String diagnosis = "summary: " + output + "\nharness log (" + log + "):\n"
        + BrowserHarness.tail(log) + "\ncoturn's log: " + coturn.log;
    assertThat(exit).as(diagnosis).isZero();
    JsonObject summary = new JsonObject(output);
    assertThat(summary.getBoolean("ok")).as(diagnosis).isTrue();

    JsonObject relay = summary.getJsonObject("modes").getJsonObject("relay");
    assertThat(relay.getString("publisherCandidateType")).as(diagnosis).isEqualTo("relay");
    assertThat(relay.getString("subscriberCandidateType")).as(diagnosis).isEqualTo("relay");
    assertThat(relay.getJsonArray("iceServerUrls").getList()).containsExactly(coturn.turnUrl());
    assertThat(relay.getInteger("framesDecoded")).isGreaterThan(15);
    JsonObject direct = summary.getJsonObject("modes").getJsonObject("udp");
    assertThat(direct.getString("subscriberCandidateType")).as(diagnosis).isEqualTo("host");
    JsonObject candidates = summary.getJsonObject("checks").getJsonObject("relayCandidates");
    assertThat(candidates.getJsonObject("withJoinedCredential").getInteger("relays"))
        .as(diagnosis).isPositive();
    assertThat(candidates.getJsonObject("withWrongCredential").getInteger("relays"))
        .as(diagnosis).isZero();
    System.out.printf("subscriber's join to connected / first decoded frame: %d / %d ms over "
        + "UDP, %d / %d ms through TURN%n", direct.getInteger("joinToConnectedMs"),
        direct.getInteger("joinToFirstFrameMs"), relay.getInteger("joinToConnectedMs"),
        relay.getInteger("joinToFirstFrameMs"));
  }
}
