package dev.vertxsfu.app;

import dev.vertxsfu.cluster.Clustering;
import dev.vertxsfu.config.AdminConfig;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.config.WebhookConfig;
import dev.vertxsfu.ops.SfuMetrics;
import dev.vertxsfu.ops.WebhookSender;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.media.dtls.DtlsWarmUp;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Starts one SFU node on its configuration ({@link SfuConfig#load()}): the node's DTLS
 * certificate (warmed up with a few in-memory handshakes), Vert.x, and the node's verticles
 * ({@link SfuNode}). Runs on the JVM's main thread and blocks only here, until the node is up.
 * On SIGTERM a shutdown hook drains the node (at most {@code rooms.drain-seconds}) and closes
 * Vert.x, Hazelcast with it, before the JVM exits.
 */
public final class Main {
  static {
    // Before the first logger: the drain on SIGTERM must still be able to log.
    System.setProperty("java.util.logging.manager", DrainLogManager.class.getName());
    Logging.install();
  }

  private static final Logger LOG = Logger.getLogger(Main.class.getName());

  private Main() {}

  public static void main(String[] args) {
    OutOfMemoryExit.installDefault();
    SfuConfig config = SfuConfig.load();
    // One identity for the node's DTLS, announced in every answer's a=fingerprint.
    DtlsCertificate certificate =
        DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(30));
    long warm = DtlsWarmUp.run(certificate, 3);
    LOG.info(() -> "DTLS warmed up: a handshake takes " + warm + " ms");
    SfuMetrics metrics = new SfuMetrics();
    Vertx vertx;
    SfuNode node;
    try {
      vertx = Clustering.vertx(config.cluster(), metrics.vertxMetricsOptions(),
          metrics.vertxMetricsFactory()).await();
      OutOfMemoryExit.install(vertx);
    } catch (Exception e) {
      throw new IllegalStateException("the node could not join its cluster", e);
    }
    WebhookConfig webhooks = WebhookConfig.load(System.getenv());
    try {
      if (webhooks.enabled()) { // before the rooms, so their first events are sent
        vertx.deployVerticle(new WebhookSender(webhooks)).await();
      }
      node = SfuNode.start(vertx, config, AdminConfig.load(), metrics, certificate,
          Runtime.getRuntime().availableProcessors()).await();
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("the SFU node did not start", e);
    }
    // SIGTERM (Kubernetes stopping the pod) drains the node, then closes it.
    Duration drainLimit = Duration.ofSeconds(config.rooms().drainSeconds());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.drain(drainLimit).await();
      } finally {
        vertx.close().await();
        DrainLogManager.resetAtExit();
      }
    }, "sfu-drain"));
    LOG.info(() -> "vertx-sfu listening on http://" + config.httpHost() + ":" + node.httpPort()
        + " (demo page at /, WebSocket at /ws, GET /health); media on UDP ports "
        + config.media().minPort() + "-" + config.media().maxPort() + " of "
        + node.rooms().mediaAddresses().announced() + " (" + (vertx.isNativeTransportEnabled()
            ? "native transport" : "NIO transport: " + vertx.unavailableNativeTransportCause())
        + ")");
  }
}
