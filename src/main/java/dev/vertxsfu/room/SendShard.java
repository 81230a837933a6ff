package dev.vertxsfu.room;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.internal.ContextInternal;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * it into the task's {@link Batch}; after the room's task, the batch goes to the shard's loop in
 * one task, which copies each datagram into a pooled direct buffer, writes them and flushes them
 * in one {@code sendmmsg}.
 * Datagrams the shard's socket receives go back to the room's loop, one task per read (they are
 * the clients' RTCP, STUN and DTLS: tens per second per client, not the fan-out).
 *
 * <p>Threads: {@link #send}, {@link #port} and {@link #close} on the room's loop, which owns
 * the batch being filled; a batch handed over is the shard loop's until it comes back through
 * the queue of spare ones (lock-free); the socket is its loop's. At most
 * {@value #MAX_IN_FLIGHT} datagrams are queued or on their way to the shard's loop, and at most
 * {@value #MAX_ARRIVALS_WAITING} on their way back: past that a datagram is dropped and counted
 * ({@link #backlogDrops}), so a loop that falls behind cannot grow the heap without bound.
 */
final class SendShard {
  /** Datagrams queued for the shard's loop and not yet written: ~10 MB of 1,200-byte packets. */
  static final int MAX_IN_FLIGHT = 8192;
  /** Emptied batches kept for reuse; more are left to the garbage collector. */
  static final int SPARE_BATCHES = 4;
  /** Arrivals handed to the room's loop and not yet taken: past that the shard drops them. */
  static final int MAX_ARRIVALS_WAITING = 1024;

  private final MediaSocket socket;
  private final EventLoop roomLoop;
  private final Runnable handOff = this::handOff;
  /** Written on the room's loop, decremented on the shard's once a batch is written. */
  private final AtomicInteger inFlight = new AtomicInteger();
  /** Datagrams the shard's loop could not send (its socket closed): counted there. */
  private final AtomicLong failed = new AtomicLong();
  /** Batches the shard's loop has written and emptied, for the room's loop to fill again. */
  private final Queue<Batch> spare = new ConcurrentLinkedQueue<>();
  private final AtomicInteger spareCount = new AtomicInteger();
  private Batch queued = new Batch();
  private boolean handOffScheduled;
  private long dropped;

  /**
   * One room task's datagrams for the shard: their bytes one after another in one array, and
   * where each goes. Filled on the room's loop, written and emptied on the shard's, then reused.
   * The shard's loop copies each datagram into a direct buffer of its own: buffers taken and
   * given back on one thread stay in that thread's cache of Netty's allocator (one the room took
   * and the shard gave back would go through the allocator's shared arena, under its lock).
   */
  static final class Batch {
    byte[] bytes = new byte[16 * 1024];
    int used;
    int[] offsets = new int[32];
    int[] lengths = new int[32];
    InetSocketAddress[] targets = new InetSocketAddress[32];
    int count;

    void add(byte[] buf, int off, int len, InetSocketAddress to) {
      if (used + len > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + len));
      }
      if (count == offsets.length) {
        offsets = Arrays.copyOf(offsets, count * 2);
        lengths = Arrays.copyOf(lengths, count * 2);
        targets = Arrays.copyOf(targets, count * 2);
      }
      System.arraycopy(buf, off, bytes, used, len);
      offsets[count] = used;
      lengths[count] = len;
      targets[count] = to;
      used += len;
      count++;
    }

    void clear() {
      Arrays.fill(targets, 0, count, null);
      used = 0;
      count = 0;
    }
  }

  private final Arrivals arrivals;

  private SendShard(MediaSocket socket, EventLoop roomLoop, Arrivals arrivals) {
    this.socket = socket;
    this.roomLoop = roomLoop;
    this.arrivals = arrivals;
  }

  /**
   * Binds a shard's socket in {@code [minPort, maxPort]} on {@code loop}; from the room's loop
   * ({@code context}). What the socket receives goes to {@code receiver} on the room's loop.
   */
  static Future<SendShard> bind(Context context, EventLoop roomLoop, EventLoop loop,
      String host, int minPort, int maxPort, MediaSocket.Receiver receiver) {
    Arrivals arrivals = new Arrivals(context, loop, receiver);
    return MediaSocket.bindOn(context, loop, host, minPort, maxPort, arrivals)
        .map(socket -> new SendShard(socket, roomLoop, arrivals));
  }

  /**
   * Binds {@code count} shards for the room of {@code context}, each on another of the node's
   * event loops (the ones after the room's, so that rooms on different loops spread their
   * shards), at most one per other loop; from the room's loop. Fails, closing what it bound,
   * when the range has no port left.
   */
  static Future<List<SendShard>> bindAll(Context context, int count, String host, int minPort,
      int maxPort, MediaSocket.Receiver receiver) {
    ContextInternal room = (ContextInternal) context;
    EventLoop roomLoop = room.nettyEventLoop();
    List<EventLoop> loops = new ArrayList<>();
    room.owner().nettyEventLoopGroup().forEach(executor -> loops.add((EventLoop) executor));
    int at = loops.indexOf(roomLoop);
    Future<List<SendShard>> bound = Future.succeededFuture(List.of());
    for (int i = 1; i < loops.size() && i <= count; i++) {
      EventLoop loop = loops.get((at + i) % loops.size());
      bound = bound.compose(before -> bind(context, roomLoop, loop, host, minPort, maxPort,
          receiver).transform(shard -> {
            if (shard.failed()) {
              closeAll(before);
              return Future.failedFuture(shard.cause());
            }
            List<SendShard> more = new ArrayList<>(before);
            more.add(shard.result());
            return Future.succeededFuture(List.copyOf(more));
          }));
    }
    return bound;
  }

  /** Closes every one of {@code shards}; on the room's loop. */
  static Future<Void> closeAll(List<SendShard> shards) {
    return Future.join(shards.stream().map(SendShard::close).toList()).mapEmpty();
  }

  /**
   * What the shard's socket receives, on the shard's loop: the datagrams of one read (Netty
   * reads up to 16 per wake-up) go to the room's loop in one task after it. A client flooding
   * the shard's port cannot queue more than {@value #MAX_ARRIVALS_WAITING} datagrams for the
   * room's loop: the room's own socket leaves such a flood to the kernel's receive buffer.
   */
  private static final class Arrivals implements MediaSocket.Receiver {
    private record Arrival(byte[] buf, int off, int len, InetSocketAddress from) { }

    private final Context room;
    private final EventLoop loop;
    private final MediaSocket.Receiver receiver;
    private final Runnable handOver = this::handOver;
    private List<Arrival> read = new ArrayList<>();
    /** Handed to the room's loop and not taken yet; counted on both loops. */
    private final AtomicInteger waiting = new AtomicInteger();
    final AtomicLong dropped = new AtomicLong();

    Arrivals(Context room, EventLoop loop, MediaSocket.Receiver receiver) {
      this.room = room;
      this.loop = loop;
      this.receiver = receiver;
    }

    @Override
    public void receive(byte[] buf, int off, int len, InetSocketAddress from) {
      if (waiting.get() >= MAX_ARRIVALS_WAITING) {
        dropped.incrementAndGet();
        return;
      }
      waiting.incrementAndGet();
      if (read.isEmpty()) {
        loop.execute(handOver);
      }
      read.add(new Arrival(buf, off, len, from));
    }

    private void handOver() {
      List<Arrival> arrived = read;
      read = new ArrayList<>();
      room.runOnContext(v -> {
        waiting.addAndGet(-arrived.size());
        arrived.forEach(a -> receiver.receive(a.buf, a.off, a.len, a.from));
      });
    }
  }

  /** The port its clients' candidates name. */
  int port() {
    return socket.port();
  }

  /** Arrivals handed to the room's loop and not taken yet; any thread (for tests). */
  int arrivalsWaiting() {
    return arrivals.waiting.get();
  }

  /** Datagrams the shard's socket could not send (it was closed). On the room's loop. */
  long sendFailures() {
    return failed.get();
  }

  /**
   * Datagrams dropped at a full queue: sends while the shard's loop had
   * {@value #MAX_IN_FLIGHT} to write, and arrivals while the room's loop had
   * {@value #MAX_ARRIVALS_WAITING} to take. On the room's loop.
   */
  long backlogDrops() {
    return dropped + arrivals.dropped.get();
  }

  /**
   * Sends a copy of {@code buf[off, off + len)} to {@code to} from the shard's socket, after the
   * current task; on the room's loop.
   */
  void send(byte[] buf, int off, int len, InetSocketAddress to) {
    if (inFlight.get() + queued.count >= MAX_IN_FLIGHT) {
      dropped++;
      return;
    }
    queued.add(buf, off, len, to);
    if (!handOffScheduled) {
      handOffScheduled = true;
      roomLoop.execute(handOff);
    }
  }

  /** After the room's task: its datagrams go to the shard's loop in one task. */
  private void handOff() {
    handOffScheduled = false;
    Batch batch = queued;
    if (batch.count == 0) {
      return;
    }
    Batch next = spare.poll();
    if (next != null) {
      spareCount.decrementAndGet();
    }
    queued = next != null ? next : new Batch();
    inFlight.addAndGet(batch.count);
    socket.eventLoop().execute(() -> write(batch));
  }

  /** On the shard's loop: sends the batch in one flush, and keeps it for reuse. */
  private void write(Batch batch) {
    int count = batch.count;
    int unsent = socket.sendAll(batch.bytes, batch.offsets, batch.lengths, batch.targets, count);
    if (unsent > 0) {
      failed.addAndGet(unsent);
    }
    batch.clear();
    if (spareCount.incrementAndGet() <= SPARE_BATCHES) {
      spare.offer(batch);
    } else {
      spareCount.decrementAndGet();
    }
    inFlight.addAndGet(-count);
  }

  /** Closes the socket; datagrams still queued are dropped. On the room's loop. */
  Future<Void> close() {
    queued.clear();
    return socket.close();
  }
}
