package dev.vertxsfu.signaling;

import dev.vertxsfu.config.SfuConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** Deploys a {@link SignalingVerticle} on a free port for a test. */
final class Signaling {
  private Signaling() {}

  static SignalingVerticle deploy(Vertx vertx) {
    return deploy(vertx, Map.of());
  }

  /** With environment overrides of the configuration ({@code SFU_SIGNALING_...}). */
  static SignalingVerticle deploy(Vertx vertx, Map<String, String> env) {
    return deploy(vertx, env, () -> System.nanoTime() / 1_000_000);
  }

  static SignalingVerticle deploy(Vertx vertx, Map<String, String> env, LongSupplier clock) {
    SignalingVerticle verticle = new SignalingVerticle(config(env), clock,
        () -> StaticHandler.create("webroot"));
    vertx.deployVerticle(verticle).await();
    return verticle;
  }

  static SfuConfig config(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent("SFU_HTTP_PORT", "0");
    return SfuConfig.load(all);
  }
}
