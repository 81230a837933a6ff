package dev.vertxsfu.room;

import dev.vertxsfu.media.transport.SharedPortDemux;
import dev.vertxsfu.media.transport.WebRtcServer;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Single-port mode ({@code media.udp-port}): one UDP socket per event loop of the node, shared
 * by every room whose verticle runs on that loop, as mediasoup gives each worker one
 * {@code WebRtcServer}. Loop {@code i} (in the order of Vert.x's event-loop group) binds
 * {@code udp-port + i}; a room announces its own loop's port in its candidates, so a client's
 * datagrams arrive on the room's loop and are handed to the room without leaving that thread.
 *
 * <p>Why not one port with {@code SO_REUSEPORT}: the kernel would spread clients over the
 * loops' sockets by a hash of their tuples, not by room, so most datagrams would arrive on
 * another room's loop and have to be queued over to the owner's (a task per datagram, and a
 * node-wide table that several loops read and write). With one port per loop nothing is shared
 * between threads: each {@link LoopPort} and its {@link SharedPortDemux} is touched only on
 * its loop, where its rooms register (from their own verticle's context on that loop) and its
 * datagrams arrive.
 *
 * <p>Made by the {@link RoomManager} at start, before any room; the map of loops is immutable
 * from then on, so rooms on any loop may read it. Closed when the manager stops.
 */
public final class SharedMediaPorts {
  private final Map<EventLoop, LoopPort> byLoop;
  private final List<LoopPort> ports;

  private SharedMediaPorts(List<LoopPort> ports) {
    this.ports = List.copyOf(ports);
    Map<EventLoop, LoopPort> map = new IdentityHashMap<>();
    for (LoopPort port : ports) {
      map.put(port.socket.eventLoop(), port);
    }
    this.byLoop = map;
  }

  /**
   * Binds one socket per event loop of {@code vertx} on {@code host}: ports {@code basePort},
   * {@code basePort + 1}, ...; {@code basePort} 0 lets the system pick each (tests). Fails,
   * binding nothing, when one of them is taken.
   */
  public static Future<SharedMediaPorts> bind(Vertx vertx, String host, int basePort) {
    VertxInternal internal = (VertxInternal) vertx;
    List<Future<LoopPort>> binds = new ArrayList<>();
    int i = 0;
    for (EventExecutor executor : internal.nettyEventLoopGroup()) {
      int port = basePort == 0 ? 0 : basePort + i++;
      LoopPort loopPort = new LoopPort();
      binds.add(MediaSocket.bindShared(internal, (EventLoop) executor, host, port,
          loopPort::receive).map(socket -> {
            loopPort.socket = socket;
            return loopPort;
          }));
    }
    return Future.join(binds).transform(all -> {
      List<LoopPort> bound = binds.stream().filter(Future::succeeded).map(Future::result)
          .toList();
      if (all.succeeded()) {
        return Future.succeededFuture(new SharedMediaPorts(bound));
      }
      bound.forEach(port -> port.socket.close());
      return Future.failedFuture(new IllegalStateException("media.udp-port: cannot bind "
          + binds.size() + " UDP ports (one per event loop) from " + host + ":" + basePort,
          all.cause()));
    });
  }

  /** The port of the event loop {@code roomContext} runs on. */
  LoopPort of(Context roomContext) {
    LoopPort port = byLoop.get(((ContextInternal) roomContext).nettyEventLoop());
    if (port == null) {
      throw new IllegalStateException("no shared media port on this event loop");
    }
    return port;
  }

  /** The bound ports, one per event loop. */
  public List<Integer> ports() {
    return ports.stream().map(port -> port.socket.port()).toList();
  }

  /**
   * What the loops' demultiplexers refused so far, summed, read on each loop: unknown ufrags,
   * unmatched tuples, malformed STUN. Any thread.
   */
  public Future<long[]> refusals() {
    List<Future<long[]>> reads = new ArrayList<>();
    for (LoopPort port : ports) {
      Promise<long[]> read = Promise.promise();
      port.socket.eventLoop().execute(() -> read.complete(new long[] {
          port.demux.unknownUfragPackets(), port.demux.unmatchedTuplePackets(),
          port.demux.malformedPackets()}));
      reads.add(read.future());
    }
    return Future.all(reads).map(all -> {
      long[] sum = new long[3];
      for (Future<long[]> read : reads) {
        for (int i = 0; i < sum.length; i++) {
          sum[i] += read.result()[i];
        }
      }
      return sum;
    });
  }

  /** How many ufrags and tuples the loops' demultiplexers hold, read on each loop. */
  public Future<Integer> entries() {
    List<Future<Integer>> reads = new ArrayList<>();
    for (LoopPort port : ports) {
      Promise<Integer> read = Promise.promise();
      port.socket.eventLoop().execute(() -> read.complete(port.demux.size()));
      reads.add(read.future());
    }
    return Future.all(reads).map(all -> reads.stream().mapToInt(Future::result).sum());
  }

  public Future<Void> close() {
    return Future.join(ports.stream().map(port -> port.socket.close()).toList()).mapEmpty();
  }

  /**
   * One event loop's socket and demultiplexer, and the rooms on that loop that use it. Every
   * method runs on that loop.
   */
  static final class LoopPort {
    private final SharedPortDemux<RoomPort> demux = new SharedPortDemux<>();
    private MediaSocket socket;

    MediaSocket socket() {
      return socket;
    }

    /**
     * The room of {@code context} (on this loop) receives through {@code receiver} what its
     * {@code server}'s ufrags and tuples lead to; {@link #leave} ends that.
     */
    RoomPort join(Context context, WebRtcServer server, MediaSocket.Receiver receiver) {
      checkLoop();
      RoomPort room = new RoomPort((ContextInternal) context, receiver, server);
      server.shareOn(demux.directoryOf(room));
      return room;
    }

    void leave(RoomPort room) {
      checkLoop();
      room.server.shareOn(null);
      demux.removeOwner(room);
    }

    /** A datagram of the shared socket, on this loop, in no context: to its room, or dropped. */
    private void receive(byte[] buf, int off, int len, InetSocketAddress from) {
      RoomPort room = demux.route(buf, off, len, from);
      if (room != null) {
        room.deliver(buf, off, len, from);
      }
    }

    private void checkLoop() {
      if (!socket.eventLoop().inEventLoop()) {
        throw new IllegalStateException("a shared media port is used off its event loop");
      }
    }
  }

  /** A room's place on its loop's port. */
  static final class RoomPort {
    private final ContextInternal context;
    private final MediaSocket.Receiver receiver;
    private final WebRtcServer server;

    private RoomPort(ContextInternal context, MediaSocket.Receiver receiver,
        WebRtcServer server) {
      this.context = context;
      this.receiver = receiver;
      this.server = server;
    }

    /**
     * Hands a datagram to the room inside its own context (on this very thread: the room runs
     * on the port's loop), as a Vert.x handler of the room would get it.
     */
    private void deliver(byte[] buf, int off, int len, InetSocketAddress from) {
      ContextInternal previous = context.beginDispatch();
      try {
        receiver.receive(buf, off, len, from);
      } catch (Throwable failure) {
        context.reportException(failure);
      } finally {
        context.endDispatch(previous);
      }
    }
  }
}
