package dev.vertxsfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.app.SfuNode;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
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
 * Chromium over ICE-TCP: an SFU node with {@code media.tcp-port} set and headless Chromium pages
 * driving the SDK ({@code src/test/js/browser-icetcp.mjs} on {@code turn-page.html}). With every
 * UDP candidate of the SFU's descriptions dropped in the pages, a publisher and a subscriber
 * connect over TCP (the selected pair's local candidate is a TCP one) and the subscriber decodes
 * the video; the same call over UDP first, for comparison. Prints each mode's time from join to
 * connected and to the first decoded frame; the summary and the log land in
 * {@code target/browser/}.
 */
class BrowserIceTcpTest {
  private static final Path HARNESS = BrowserHarness.HARNESS;
  private static final Path OUT = BrowserHarness.OUT;
  /** The harness stops itself after 120 s; this is the backstop. */
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(180);

  private static Vertx vertx;
  private static int port;

  @BeforeAll
  static void startNode() throws Exception {
    int tcpPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      tcpPort = probe.getLocalPort();
    }
    SfuConfig config = SfuConfig.load(Map.of("SFU_HTTP_PORT", "0", "SFU_MEDIA_MIN_PORT", "0",
        "SFU_MEDIA_MAX_PORT", "0", "SFU_CLUSTER_ENABLED", "false",
        "SFU_MEDIA_TCP_PORT", Integer.toString(tcpPort)));
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
  void chromiumThatCannotUseTheSfusUdpCandidatesPublishesAndSubscribesOverIceTcp()
      throws Exception {
    BrowserHarness.ensureInstalled();
    Files.createDirectories(OUT);
    Path summaryFile = OUT.resolve("icetcp-summary.json");
    Path log = OUT.resolve("browser-icetcp.log");

    int exit = BrowserHarness.run(List.of("node",
        HARNESS.resolve("browser-icetcp.mjs").toString(),
        "--url", "http://127.0.0.1:" + port + "/", "--out", OUT.toString()),
        summaryFile, log, RUN_TIMEOUT);

    String output = Files.readString(summaryFile, StandardCharsets.UTF_8).trim();
    String diagnosis = "summary: " + output + "\nharness log (" + log + "):\n"
        + BrowserHarness.tail(log);
    assertThat(exit).as(diagnosis).isZero();
    JsonObject summary = new JsonObject(output);
    assertThat(summary.getBoolean("ok")).as(diagnosis).isTrue();

    JsonObject tcp = summary.getJsonObject("modes").getJsonObject("tcp");
    assertThat(tcp.getString("publisherCandidateProtocol")).as(diagnosis).isEqualTo("tcp");
    assertThat(tcp.getString("subscriberCandidateProtocol")).as(diagnosis).isEqualTo("tcp");
    assertThat(tcp.getInteger("framesDecoded")).isGreaterThan(15);
    JsonObject udp = summary.getJsonObject("modes").getJsonObject("udp");
    assertThat(udp.getString("subscriberCandidateProtocol")).as(diagnosis).isEqualTo("udp");
    System.out.printf("Chromium subscriber's join to connected / first decoded frame: %d / %d ms "
        + "over UDP, %d / %d ms over ICE-TCP%n", udp.getInteger("joinToConnectedMs"),
        udp.getInteger("joinToFirstFrameMs"), tcp.getInteger("joinToConnectedMs"),
        tcp.getInteger("joinToFirstFrameMs"));
  }
}
