package dev.vertxsfu.signaling;

import dev.vertxsfu.config.SfuConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The node's HTTP front: {@code GET /health} for load balancers and Kubernetes probes.
 *
 * <p>Deployed by {@code Main}, possibly as several instances that share the port (Vert.x
 * balances connections between them). Holds no media state. Its server is started in
 * {@link #start()} and closed with the verticle.
 */
public final class SignalingVerticle extends VerticleBase {
  private final SfuConfig config;
  private HttpServer server;

  public SignalingVerticle(SfuConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/health").handler(ctx -> ctx.response()
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("status", "UP").encode()));
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(config.httpPort(), config.httpHost())
        .onSuccess(s -> server = s);
  }

  /** The port the server listens on (useful when the configuration asked for port 0). */
  public int actualPort() {
    return server.actualPort();
  }
}
