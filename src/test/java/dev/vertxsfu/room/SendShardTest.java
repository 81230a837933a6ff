package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.ContextInternal;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A room's send shard on real sockets and two real event loops: what the room's loop sends
 * leaves from the shard's port, what the shard's port receives reaches the room's loop, a
 * shard whose loop falls behind drops past {@link SendShard#MAX_IN_FLIGHT} queued datagrams
 * instead of growing the heap, and a flood of its port while the room's loop is busy queues at
 * most {@link SendShard#MAX_ARRIVALS_WAITING} for it.
 */
class SendShardTest {
  private Vertx vertx;
  private ContextInternal room;
  private EventLoop roomLoop;
  private EventLoop shardLoop;

  @BeforeEach
  void twoLoops() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    room = (ContextInternal) vertx.getOrCreateContext();
    roomLoop = room.nettyEventLoop();
    shardLoop = ((io.vertx.core.internal.VertxInternal) vertx).nettyEventLoopGroup().next();
    if (shardLoop == roomLoop) {
      shardLoop = ((io.vertx.core.internal.VertxInternal) vertx).nettyEventLoopGroup().next();
    }
    assertThat(shardLoop).isNotSameAs(roomLoop);
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private SendShard bind(MediaSocket.Receiver receiver) throws Exception {
    CompletableFuture<SendShard> bound = new CompletableFuture<>();
    room.runOnContext(v -> SendShard.bind(room, roomLoop, shardLoop, "127.0.0.1", 0, 0, receiver)
        .onComplete(done -> {
          if (done.succeeded()) {
            bound.complete(done.result());
          } else {
            bound.completeExceptionally(done.cause());
          }
        }));
    return bound.get(10, TimeUnit.SECONDS);
  }

  /** Keeps {@code loop} busy until the returned latch is counted down (at most 10 s). */
  private static CountDownLatch stall(EventLoop loop) throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocked = new CountDownLatch(1);
    loop.execute(() -> {
      blocked.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
    return release;
  }

  private void onRoomLoop(Runnable task) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    room.runOnContext(v -> {
      try {
        task.run();
        done.complete(null);
      } catch (RuntimeException | AssertionError e) {
        done.completeExceptionally(e);
      }
    });
    done.get(10, TimeUnit.SECONDS);
  }

  @Test
  void datagramsLeaveFromTheShardsPortAndRepliesReachTheRoomsLoop() throws Exception {
    CompletableFuture<String> received = new CompletableFuture<>();
    SendShard shard = bind((buf, off, len, from) -> received.complete(
        (Context.isOnEventLoopThread() && Vertx.currentContext() == room
            ? "room loop: " : "other: ")
            + new String(buf, off, len, java.nio.charset.StandardCharsets.US_ASCII)));
    try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      client.setSoTimeout(5000);
      InetSocketAddress clientAddress = (InetSocketAddress) client.getLocalSocketAddress();
      byte[] hello = "media".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      onRoomLoop(() -> shard.send(hello, 0, hello.length, clientAddress));

      DatagramPacket packet = new DatagramPacket(new byte[64], 64);
      client.receive(packet);
      assertThat(new String(packet.getData(), 0, packet.getLength(),
          java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("media");
      assertThat(packet.getPort()).isEqualTo(shard.port());

      byte[] reply = "rtcp".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      client.send(new DatagramPacket(reply, reply.length,
          new InetSocketAddress("127.0.0.1", shard.port())));
      assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo("room loop: rtcp");
    }
  }

  @Test
  void aShardWhoseLoopFallsBehindDropsPastTheBoundAndCountsIt() throws Exception {
    SendShard shard = bind((buf, off, len, from) -> { });
    InetSocketAddress nowhere = new InetSocketAddress("127.0.0.1", 9); // discard
    byte[] packet = new byte[1200];
    CountDownLatch release = stall(shardLoop); // nothing the shard was handed is written
    try {
      Runnable fiveThousand = () -> {
        for (int i = 0; i < 5_000; i++) {
          shard.send(packet, 0, packet.length, nowhere);
        }
      };
      // one room task queues 5,000; the next finds them in flight and may add 3,192 more
      onRoomLoop(fiveThousand);
      onRoomLoop(fiveThousand);
      long[] dropped = new long[1];
      onRoomLoop(() -> dropped[0] = shard.backlogDrops());
      assertThat(dropped[0]).isEqualTo(10_000 - SendShard.MAX_IN_FLIGHT);
    } finally {
      release.countDown();
    }
    // once the loop has written its backlog, the shard takes datagrams again
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      long[] before = new long[1];
      long[] after = new long[1];
      onRoomLoop(() -> {
        before[0] = shard.backlogDrops();
        shard.send(packet, 0, packet.length, nowhere);
        after[0] = shard.backlogDrops();
      });
      assertThat(after[0]).isEqualTo(before[0]);
    });
  }

  @Test
  void aFloodOfTheShardsPortWhileTheRoomsLoopIsBusyQueuesAtMostTheBound() throws Exception {
    java.util.concurrent.atomic.AtomicInteger received =
        new java.util.concurrent.atomic.AtomicInteger();
    SendShard shard = bind((buf, off, len, from) -> received.incrementAndGet());
    CountDownLatch release = stall(roomLoop); // nothing handed to the room's loop is taken
    try (DatagramSocket flood = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      byte[] junk = new byte[100];
      InetSocketAddress port = new InetSocketAddress("127.0.0.1", shard.port());
      // until MAX_ARRIVALS_WAITING wait for the room's loop, then more: those are dropped
      await().atMost(Duration.ofSeconds(5)).until(() -> {
        for (int i = 0; i < 64; i++) {
          flood.send(new DatagramPacket(junk, junk.length, port));
        }
        return waitingOnTheShardsLoop(shard) == SendShard.MAX_ARRIVALS_WAITING;
      });
      for (int i = 0; i < 64; i++) {
        flood.send(new DatagramPacket(junk, junk.length, port));
      }
      assertThat(waitingOnTheShardsLoop(shard)).isEqualTo(SendShard.MAX_ARRIVALS_WAITING);
      assertThat(received.get()).isZero();
    } finally {
      release.countDown();
    }
    // the room's loop takes what waited (and what the kernel still held for the shard)
    await().atMost(Duration.ofSeconds(5))
        .until(() -> received.get() >= SendShard.MAX_ARRIVALS_WAITING);
    await().atMost(Duration.ofSeconds(5)).until(() -> waitingOnTheShardsLoop(shard) == 0);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      long[] drops = new long[1];
      onRoomLoop(() -> drops[0] = shard.backlogDrops());
      assertThat(drops[0]).isPositive();
    });
  }

  private static int waitingOnTheShardsLoop(SendShard shard) throws Exception {
    return shard.loop().submit(shard::arrivalsWaiting).get(5, TimeUnit.SECONDS);
  }
}
