package dev.vertxsfu.room;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One more UDP socket of a wide room, on another event loop ({@code media.send-shards},
 * docs/wide-room.md): the clients the room places on it ({@link ShardPlacement}) are given its
 * port in their candidates, and every datagram to them leaves from it, so that the kernel's
 * share of a fan-out (the {@code sendmmsg}, UDP and the loopback's delivery: about half the
 * server's CPU in the profiles of bench/README.md) runs on a second core.
 *
 * <p>What stays on the room's loop: the clients' transports, SRTP contexts, consumers and
 * every decision. The room rewrites and protects a packet as before, then {@link #send} copies
 * it into a pooled direct buffer and queues it; after the room's task, the queued datagrams go
 * to the shard's loop in one task, which writes them and flushes them in one {@code sendmmsg}.
 * Datagrams the shard's socket receives go back to the room's loop, a task each (they are the
 * clients' RTCP, STUN and DTLS: tens per second per client, not the fan-out).
 *
 * <p>Threads: {@link #send}, {@link #port} and {@link #close} on the room's loop, which owns
 * the queue; the socket is its loop's. At most {@value #MAX_IN_FLIGHT} datagrams are queued or
 * on their way to the shard's loop: past that a datagram is dropped and counted, so a shard that
 * falls behind cannot grow the heap without bound.
 */
final class SendShard {
  /** Datagrams queued for the shard's loop and not yet written: ~10 MB of 1,200-byte packets. */
  static final int MAX_IN_FLIGHT = 8192;

  private final MediaSocket socket;
  private final EventLoop roomLoop;
  private final Runnable handOff = this::handOff;
  /** Written on the room's loop, decremented on the shard's once a batch is written. */
  private final AtomicInteger inFlight = new AtomicInteger();
  /** Datagrams the shard's loop could not send (its socket closed): counted there. */
  private final AtomicLong failed = new AtomicLong();
  private ArrayList<DatagramPacket> queued = new ArrayList<>();
  private boolean handOffScheduled;
  private long dropped;

  private SendShard(MediaSocket socket, EventLoop roomLoop) {
    this.socket = socket;
    this.roomLoop = roomLoop;
  }

  /**
   * Binds a shard's socket in {@code [minPort, maxPort]} on {@code loop}; from the room's loop
   * ({@code context}). What the socket receives goes to {@code receiver} on the room's loop.
   */
  static Future<SendShard> bind(Context context, EventLoop roomLoop, EventLoop loop,
      String host, int minPort, int maxPort, MediaSocket.Receiver receiver) {
    MediaSocket.Receiver toRoom = (buf, off, len, from) ->
        context.runOnContext(v -> receiver.receive(buf, off, len, from));
    return MediaSocket.bindOn(context, loop, host, minPort, maxPort, toRoom)
        .map(socket -> new SendShard(socket, roomLoop));
  }

  /** The port its clients' candidates name. */
  int port() {
    return socket.port();
  }

  /**
   * Datagrams dropped: because the shard's loop had {@value #MAX_IN_FLIGHT} to write, or its
   * socket was closed. On the room's loop.
   */
  long dropped() {
    return dropped + failed.get();
  }

  /**
   * Sends a copy of {@code buf[off, off + len)} to {@code to} from the shard's socket, after the
   * current task; on the room's loop.
   */
  void send(byte[] buf, int off, int len, InetSocketAddress to) {
    if (inFlight.get() + queued.size() >= MAX_IN_FLIGHT) {
      dropped++;
      return;
    }
    ByteBuf out = MediaBuffers.ALLOCATOR.directBuffer(len, len).writeBytes(buf, off, len);
    queued.add(new DatagramPacket(out, to));
    if (!handOffScheduled) {
      handOffScheduled = true;
      roomLoop.execute(handOff);
    }
  }

  /** After the room's task: its datagrams go to the shard's loop in one task. */
  private void handOff() {
    handOffScheduled = false;
    List<DatagramPacket> batch = queued;
    queued = new ArrayList<>(batch.size());
    inFlight.addAndGet(batch.size());
    socket.eventLoop().execute(() -> {
      int unsent = socket.sendAll(batch);
      if (unsent > 0) {
        failed.addAndGet(unsent);
      }
      inFlight.addAndGet(-batch.size());
    });
  }

  /** Closes the socket; datagrams still queued are released. On the room's loop. */
  Future<Void> close() {
    queued.forEach(DatagramPacket::release);
    queued.clear();
    return socket.close();
  }
}
