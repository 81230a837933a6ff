package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.FreePorts;
import dev.vertxsfu.wire.stun.MessageIntegrity;
import dev.vertxsfu.wire.stun.StunMessageBuilder;
import dev.vertxsfu.wire.stun.StunMessageType;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The node's shared ports of single-port mode on real sockets: one per event loop at
 * {@code udp-port}, {@code udp-port + 1}, ...; all or none bound; and what reaches them without
 * a room behind it (an unknown ufrag, media from an address no check validated, broken STUN)
 * is dropped and counted.
 */
class SharedMediaPortsTest {
  private Vertx vertx;

  @AfterEach
  void close() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static <T> T get(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void eachEventLoopBindsTheNextPortFromUdpPort() throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(3));
    int base = FreePorts.udpBlock(3);

    SharedMediaPorts ports = get(SharedMediaPorts.bind(vertx, "127.0.0.1", base));

    assertThat(ports.ports()).containsExactly(base, base + 1, base + 2);
  }

  @Test
  void aTakenPortFailsTheBindAndLeavesNoneOfTheOthersBound() throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(3));
    int base = FreePorts.udpBlock(3);
    try (DatagramSocket squatter = new DatagramSocket(
        new InetSocketAddress("127.0.0.1", base + 2))) {
      assertThatThrownBy(() -> get(SharedMediaPorts.bind(vertx, "127.0.0.1", base)))
          .isInstanceOf(ExecutionException.class).hasMessageContaining("media.udp-port");
    }
    // the other two were given back: a second bind gets all three
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
        get(SharedMediaPorts.bind(vertx, "127.0.0.1", base)).ports())
        .containsExactly(base, base + 1, base + 2));
  }

  @Test
  void datagramsForNoRoomAreDroppedAndCounted() throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    SharedMediaPorts ports = get(SharedMediaPorts.bind(vertx, "127.0.0.1", 0));
    InetSocketAddress port = new InetSocketAddress("127.0.0.1", ports.ports().get(0));
    byte[] unknownUfrag = new StunMessageBuilder()
        .start(StunMessageType.BINDING_REQUEST, new byte[12], 0)
        .username("noSuchUfragAbCdE:attacker")
        .messageIntegrity(MessageIntegrity.shortTerm("noSuchPasswordAbCdEfGhIjK"))
        .fingerprint()
        .toByteArray();
    byte[] spoofedRtp = new byte[200];
    spoofedRtp[0] = (byte) 0x80;
    spoofedRtp[1] = 96;
    byte[] brokenStun = unknownUfrag.clone();
    brokenStun[3] = (byte) 0xFF; // a length past the datagram

    try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      for (byte[] datagram : List.of(unknownUfrag, spoofedRtp, spoofedRtp, brokenStun)) {
        attacker.send(new DatagramPacket(datagram, datagram.length, port));
      }
    }

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(get(ports.refusals())).containsExactly(1L, 2L, 1L));
    assertThat(get(ports.entries())).isZero();
  }
}
