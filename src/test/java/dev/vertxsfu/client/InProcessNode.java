package dev.vertxsfu.client;

import dev.vertxsfu.app.SfuNode;
import dev.vertxsfu.config.AdminConfig;
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
  final SfuNode node;

  private InProcessNode(Vertx vertx, SfuNode node) {
    this.vertx = vertx;
    this.node = node;
    this.port = node.httpPort();
  }

  static InProcessNode start() throws Exception {
    return start(Map.of());
  }

  /** A node whose settings are the defaults with {@code env} (as environment variables) on top. */
  static InProcessNode start(Map<String, String> env) throws Exception {
    return start(env, false);
  }

  /**
   * The same, on Netty's native transport (epoll on Linux) when {@code nativeTransport}, as
   * {@code app.Main} runs a node.
   */
  static InProcessNode start(Map<String, String> env, boolean nativeTransport) throws Exception {
    return start(env, nativeTransport, AdminConfig.OFF);
  }

  /** The same, with the operator endpoints ({@code /stats}) open to {@code admin}'s token. */
  static InProcessNode start(Map<String, String> env, boolean nativeTransport, AdminConfig admin)
      throws Exception {
    Vertx vertx = Vertx.builder()
        .with(new io.vertx.core.VertxOptions().setPreferNativeTransport(nativeTransport)).build();
    Map<String, String> all = new java.util.HashMap<>(Map.of("SFU_HTTP_PORT", "0",
        "SFU_MEDIA_MIN_PORT", "0", "SFU_MEDIA_MAX_PORT", "0"));
    all.putAll(env);
    SfuNode node = SfuNode.start(vertx, SfuConfig.load(all), admin, null, CERTIFICATE, 1)
        .toCompletionStage()
        .toCompletableFuture().get(20, TimeUnit.SECONDS);
    return new InProcessNode(vertx, node);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
