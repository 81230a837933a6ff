package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several instances of the front on one port, as {@code Main} may deploy them: Vert.x hands
 * connections to the instances in turn, and each connection lives on its own instance.
 */
@ExtendWith(VertxExtension.class)
class SharedPortTest {

  @Test
  void twoClientsOnTwoInstancesBothWork(Vertx vertx, VertxTestContext test) {
    FakeRoom.start(vertx, "r1", "r2");
    List<SignalingVerticle> instances = new CopyOnWriteArrayList<>();
    // Port -1: the instances share one port the system picks (Vert.x's shared random port).
    vertx.deployVerticle(() -> {
      SignalingVerticle instance = new SignalingVerticle(
          Signaling.config(Map.of("SFU_HTTP_PORT", "-1")), () -> 0,
          () -> StaticHandler.create("webroot"));
      instances.add(instance);
      return instance;
    }, new DeploymentOptions().setInstances(2)).await();
    assertThat(instances).hasSize(2);
    int port = instances.get(0).actualPort();
    assertThat(instances.get(1).actualPort()).isEqualTo(port);

    TestSocket first = TestSocket.connect(vertx, port);
    TestSocket second = TestSocket.connect(vertx, port);

    Checkpoint eachInstanceServesOne = test.checkpoint(2);
    test.verify(() -> {
      assertThat(first.join("r1").getString("room")).isEqualTo("r1");
      assertThat(second.join("r2").getString("room")).isEqualTo("r2");
      for (SignalingVerticle instance : instances) {
        assertThat(instance.connectionCount().await()).isEqualTo(1);
        eachInstanceServesOne.flag();
      }
    });
  }
}
