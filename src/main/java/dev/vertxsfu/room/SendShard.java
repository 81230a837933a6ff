package dev.vertxsfu.room;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.internal.ContextInternal;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * in one {@code sendmmsg}, then hands the emptied batch back to the room's loop in a task. What
 * the shard's socket receives goes to the room's loop in one task per read ({@link Arrivals}:
 * the clients' RTCP, STUN and DTLS, tens per second per client, not the fan-out).
 *
 * <p>Threads: nothing is shared between the two loops but what a task carries. The room's loop
 * owns this object's fields ({@link #send}, {@link #port}, {@link #close}, the counts) and the
 * batch being filled; a batch handed over is the shard loop's until its task back; the socket
 * and the {@link Arrivals} are the shard loop's. At most {@value #MAX_IN_FLIGHT} datagrams are
 * queued or on their way to the shard's loop, and at most {@value #MAX_ARRIVALS_WAITING} on
 * their way back: past that a datagram is dropped and counted ({@link #backlogDrops}), so a loop
 * that falls behind cannot grow the heap without bound.
 */
final class SendShard {
  /** Datagrams queued for the shard's loop and not yet written: ~10 MB of 1,200-byte packets. */
  static final int MAX_IN_FLIGHT = 8192;
  /**
   * Datagrams a batch takes before it goes to the shard's loop while the room's task goes on:
   * a fan-out to 320 clients leaves in 5 batches, the first after 64 clients' worth of the
   * room's work rather than 320.
   */
  static final int CHUNK = 64;
  /** Emptied batches kept for reuse (a wide fan-out has several in flight); more are dropped. */
  static final int SPARE_BATCHES = 16;
  /** Arrivals handed to the room's loop and not yet taken: past that the shard drops them. */
  static final int MAX_ARRIVALS_WAITING = 1024;

  private final MediaSocket socket;
  private final EventLoop roomLoop;
  private final Arrivals arrivals;
  private final Runnable afterTask = () -> {
    handOffScheduled = false;
    handOff();
  };
  /** Batches written by the shard's loop and handed back, for the room's loop to fill again. */
  private final ArrayDeque<Batch> spare = new ArrayDeque<>();
  private Batch queued = new Batch();
  private boolean handOffScheduled;
  /** Datagrams handed to the shard's loop whose batch has not come back yet. */
  private int inFlight;
  private long dropped;
  /** Datagrams the shard's socket could not send (it was closed), as its batches report. */
  private long sendFailures;

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
    /** How many the shard's loop could not send, for the room's loop. */
    int unsent;

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
      unsent = 0;
    }
  }

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

  /** The port its clients' candidates name. */
  int port() {
    return socket.port();
  }

  /** Datagrams the shard's socket could not send (it was closed). On the room's loop. */
  long sendFailures() {
    return sendFailures;
  }

  /**
   * Datagrams dropped at a full queue: sends while the shard's loop had
   * {@value #MAX_IN_FLIGHT} to write, and arrivals while the room's loop had
   * {@value #MAX_ARRIVALS_WAITING} to take. On the room's loop.
   */
  long backlogDrops() {
    return dropped + arrivals.droppedReported;
  }

  /** Arrivals handed to the room's loop and not taken yet; on the shard's loop (for tests). */
  int arrivalsWaiting() {
    return arrivals.waiting;
  }

  /** The shard's loop (for tests). */
  EventLoop loop() {
    return socket.eventLoop();
  }

  /**
   * Sends a copy of {@code buf[off, off + len)} to {@code to} from the shard's socket, after the
   * current task; on the room's loop.
   */
  void send(byte[] buf, int off, int len, InetSocketAddress to) {
    if (inFlight + queued.count >= MAX_IN_FLIGHT) {
      dropped++;
      return;
    }
    queued.add(buf, off, len, to);
    if (queued.count >= CHUNK) {
      handOff(); // the shard's loop starts sending while the room's goes on
    } else if (!handOffScheduled) {
      handOffScheduled = true;
      roomLoop.execute(afterTask);
    }
  }

  /**
   * After the room's task, or once {@value #CHUNK} datagrams are queued: they go to the shard's
   * loop in one task.
   */
  private void handOff() {
    Batch batch = queued;
    if (batch.count == 0) {
      return;
    }
    Batch next = spare.poll();
    queued = next != null ? next : new Batch();
    inFlight += batch.count;
    socket.eventLoop().execute(() -> write(batch));
  }

  /** On the shard's loop: sends the batch in one flush, and hands it back to the room's loop. */
  private void write(Batch batch) {
    batch.unsent = socket.sendAll(batch.bytes, batch.offsets, batch.lengths, batch.targets,
        batch.count);
    roomLoop.execute(() -> written(batch));
  }

  /** On the room's loop: a batch came back written. */
  private void written(Batch batch) {
    inFlight -= batch.count;
    sendFailures += batch.unsent;
    batch.clear();
    if (spare.size() < SPARE_BATCHES) {
      spare.add(batch);
    }
  }

  /** Closes the socket; datagrams still queued are dropped. On the room's loop. */
  Future<Void> close() {
    queued.clear();
    return socket.close();
  }

  /**
   * What the shard's socket receives, on the shard's loop: the datagrams of one read (Netty
   * reads up to 16 per wake-up) go to the room's loop in one task after it, with how many were
   * dropped since the last such task; the room's loop tells the shard's how many it took, in a
   * task back. A client flooding the shard's port cannot queue more than
   * {@value #MAX_ARRIVALS_WAITING} datagrams for the room's loop: the room's own socket leaves
   * such a flood to the kernel's receive buffer.
   */
  private static final class Arrivals implements MediaSocket.Receiver {
    private record Arrival(byte[] buf, int off, int len, InetSocketAddress from) { }

    private final Context room;
    private final EventLoop loop;
    private final MediaSocket.Receiver receiver;
    private final Runnable handOver = this::handOver;
    /** Drops the hand-overs reported; on the room's loop. */
    long droppedReported;
    private List<Arrival> read = new ArrayList<>();
    private boolean handOverScheduled;
    /** Handed to the room's loop and not taken yet; on the shard's loop. */
    int waiting;
    /**
     * Hand-over tasks the room's loop has not acknowledged; on the shard's loop. Each carries
     * arrivals, or is the one that reports drops while none is outstanding, so a stalled room's
     * loop gets at most {@value #MAX_ARRIVALS_WAITING} + 1 of them.
     */
    private int tasks;
    /** Dropped since the last hand-over; on the shard's loop. */
    private long dropped;

    Arrivals(Context room, EventLoop loop, MediaSocket.Receiver receiver) {
      this.room = room;
      this.loop = loop;
      this.receiver = receiver;
    }

    @Override
    public void receive(byte[] buf, int off, int len, InetSocketAddress from) {
      if (waiting + read.size() >= MAX_ARRIVALS_WAITING) {
        dropped++;
      } else {
        read.add(new Arrival(buf, off, len, from));
      }
      scheduleHandOver();
    }

    private void scheduleHandOver() {
      if (!handOverScheduled) {
        handOverScheduled = true;
        loop.execute(handOver);
      }
    }

    private void handOver() {
      handOverScheduled = false;
      if (read.isEmpty() && (dropped == 0 || tasks > 0)) {
        return; // drops wait for the next hand-over, or for the outstanding one's answer
      }
      List<Arrival> arrived = read;
      long droppedNow = dropped;
      read = new ArrayList<>();
      dropped = 0;
      waiting += arrived.size();
      tasks++;
      room.runOnContext(v -> {
        droppedReported += droppedNow;
        arrived.forEach(a -> receiver.receive(a.buf, a.off, a.len, a.from));
        loop.execute(() -> taken(arrived.size()));
      });
    }

    /** On the shard's loop: the room's loop took a hand-over of {@code count} arrivals. */
    private void taken(int count) {
      waiting -= count;
      tasks--;
      if (!read.isEmpty() || dropped > 0) {
        scheduleHandOver();
      }
    }
  }
}
