package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code signaling.allowed-origins}: an upgrade from another origin is refused with 403. */
@ExtendWith(VertxExtension.class)
class OriginTest {
  private static final Map<String, String> TWO_ORIGINS = Map.of(
      "SFU_SIGNALING_ALLOWED_ORIGINS", "https://app.example, http://localhost:3000");

  @Test
  void anUpgradeFromAnotherOriginIsRefusedWith403(Vertx vertx, VertxTestContext test) {
    int port = Signaling.deploy(vertx, TWO_ORIGINS).actualPort();

    TestSocket.open(vertx, TestSocket.options(port).putHeader("Origin", "https://evil.example"))
        .onComplete(test.failing(e -> test.verify(() -> {
          assertThat(e).isInstanceOf(UpgradeRejectedException.class);
          assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(403);
          test.completeNow();
        })));
  }

  @Test
  void anUpgradeFromAListedOriginIsAccepted(Vertx vertx) {
    FakeRoom.start(vertx, "r1");
    int port = Signaling.deploy(vertx, TWO_ORIGINS).actualPort();

    TestSocket app = TestSocket.open(vertx,
        TestSocket.options(port).putHeader("Origin", "https://app.example")).await();
    TestSocket dev = TestSocket.open(vertx,
        TestSocket.options(port).putHeader("Origin", "http://localhost:3000")).await();

    app.join("r1");
    dev.join("r1");
  }

  @Test
  void anUpgradeWithoutOriginIsAccepted(Vertx vertx) {
    FakeRoom.start(vertx, "r1");
    int port = Signaling.deploy(vertx, TWO_ORIGINS).actualPort();

    TestSocket.connect(vertx, port).join("r1");
  }

  @Test
  void withoutAListEveryOriginIsAccepted(Vertx vertx) {
    FakeRoom.start(vertx, "r1");
    int port = Signaling.deploy(vertx).actualPort();

    TestSocket.open(vertx, TestSocket.options(port).putHeader("Origin", "https://any.example"))
        .await().join("r1");
  }
}
