package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.config.LocalInterface;
import dev.vertxsfu.config.MediaAddresses;
import dev.vertxsfu.config.SfuConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link RoomMediaTest}'s real media, every room in single-port mode ({@code media.udp-port}):
 * the rooms run on a Vert.x with one event loop, so they all share that loop's one UDP port,
 * and the two rooms of {@code twoRoomsCarryTheirOwnMediaAndNothingCrosses} are demultiplexed
 * on it by ufrag and tuple (each subscriber still decodes only its own room's picture size).
 */
class RoomMediaSinglePortTest extends RoomMediaTest {
  private Vertx oneLoop;
  private SharedMediaPorts ports;

  @BeforeEach
  void bindTheSharedPort() throws Exception {
    oneLoop = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    ports = SharedMediaPorts.bind(oneLoop, "127.0.0.1", 0).toCompletionStage()
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(ports.ports()).hasSize(1);
  }

  @AfterEach
  void closeTheRoomsAndThePort() throws Exception {
    oneLoop.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Override
  RoomVerticle room(Vertx ignored, String roomId) throws Exception {
    RoomVerticle room = new RoomVerticle(roomId, MEDIA,
        MediaAddresses.resolve(MEDIA, LocalInterface.ofThisMachine()), CERTIFICATE,
        SfuConfig.RoomsConfig.DEFAULT, IceServerList.NONE, null, ports);
    oneLoop.deployVerticle(room).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    return room;
  }

  @Override
  void assertPortsOf(RoomVerticle first, RoomVerticle second) {
    assertThat(first.mediaPort()).isEqualTo(ports.ports().get(0));
    assertThat(second.mediaPort()).isEqualTo(ports.ports().get(0));
  }
}
