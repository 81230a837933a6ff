package dev.vertxsfu.app;

import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.signaling.SignalingVerticle;
import io.vertx.core.Vertx;
import java.util.logging.Logger;

/**
 * Starts one SFU node on its configuration ({@link SfuConfig#load()}): Vert.x and the
 * signaling front. Runs on the JVM's main thread; blocks only here, until the node is up.
 */
public final class Main {
  private static final Logger LOG = Logger.getLogger(Main.class.getName());

  private Main() {}

  public static void main(String[] args) {
    SfuConfig config = SfuConfig.load();
    Vertx vertx = Vertx.vertx();
    SignalingVerticle signaling = new SignalingVerticle(config);
    try {
      vertx.deployVerticle(signaling).await();
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("the SFU node did not start", e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    LOG.info(() -> "vertx-sfu listening on http://" + config.httpHost() + ":"
        + signaling.actualPort() + " (GET /health)");
  }
}
