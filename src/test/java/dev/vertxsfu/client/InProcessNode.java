package dev.vertxsfu.client;

import dev.vertxsfu.app.SfuNode;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A whole SFU node (signaling front, rooms) on a Vert.x instance of its own, on free ports of
 * 127.0.0.1: what the client tests connect to. Close it after the test.
 */
final class InProcessNode implements AutoCloseable {
  private static final DtlsCertificate CERTIFICATE =
      DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));

  final Vertx vertx;
  final int port;

  private InProcessNode(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
  }

  static InProcessNode start() throws Exception {
    return start(Map.of());
  }

  /** The same with settings over those, as environment names ({@code SFU_MEDIA_UDP_PORT}). */
  static InProcessNode start(Map<String, String> extraEnv) throws Exception {
    Vertx vertx = Vertx.vertx();
    Map<String, String> env = new java.util.HashMap<>(Map.of("SFU_HTTP_PORT", "0",
        "SFU_MEDIA_MIN_PORT", "0", "SFU_MEDIA_MAX_PORT", "0"));
    env.putAll(extraEnv);
    SfuConfig config = SfuConfig.load(env);
    int port = SfuNode.start(vertx, config, CERTIFICATE, 1).toCompletionStage()
        .toCompletableFuture().get(20, TimeUnit.SECONDS).httpPort();
    return new InProcessNode(vertx, port);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
