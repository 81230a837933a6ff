package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.config.SfuConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class HealthTest {

  @Test
  void healthAnswersUpOverRealHttp(Vertx vertx, VertxTestContext test) {
    SignalingVerticle signaling = new SignalingVerticle(SfuConfig.load(Map.of("SFU_HTTP_PORT", "0")));
    vertx.deployVerticle(signaling)
        .compose(id -> WebClient.create(vertx)
            .get(signaling.actualPort(), "127.0.0.1", "/health").send())
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP"));
          test.completeNow();
        })));
  }

  @Test
  void unknownPathIsNotFound(Vertx vertx, VertxTestContext test) {
    SignalingVerticle signaling = new SignalingVerticle(SfuConfig.load(Map.of("SFU_HTTP_PORT", "0")));
    vertx.deployVerticle(signaling)
        .compose(id -> WebClient.create(vertx)
            .get(signaling.actualPort(), "127.0.0.1", "/nope").send())
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(404);
          test.completeNow();
        })));
  }
}
