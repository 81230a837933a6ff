package dev.vertxsfu.room;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.net.InetSocketAddress;

/**
 * A room's UDP socket (DESIGN.md, Threading): a Netty datagram channel of Vert.x's transport,
 * registered on the event loop of the room verticle that binds it (from its {@code start()}),
 * so datagrams arrive on the room's loop and sends run inline there. Bound to the first free
 * port of the configured range; every client's media shares it (but that of the clients a
 * {@link SendShard}'s own socket serves), and the room's {@code WebRtcServer} sorts it.
 *
 * <p>Netty rather than Vert.x's {@code DatagramSocket} because that one takes the target as a
 * host string and resolves it for every packet, and allocates a promise per send. Here a
 * datagram is copied out of the transport's buffer into a heap array of its own (receivers
 * may keep it: early SRTP packets wait for their keys), its sender is
 * the {@link InetSocketAddress} the transport made, and a send copies the bytes once into a
 * pooled direct buffer (the caller reuses its array) with no promise. Sends are flushed once
 * per event-loop task, so that Netty's epoll transport (Vert.x prefers it, {@code Clustering})
 * hands a fan-out's datagrams to the kernel in one {@code sendmmsg}.
 *
 * <p>In single-port mode ({@code media.udp-port}, {@link SharedMediaPorts}) one such socket per
 * event loop serves every room on that loop: bound by {@link #bindShared} on the loop itself,
 * it hands datagrams over outside any Vert.x context, and its owner picks the room.
 */
final class MediaSocket {
  /** Larger than any datagram of ours: an MTU-sized RTP packet, or a DTLS flight fragment. */
  static final int MAX_DATAGRAM = 2048;
  /** Socket buffers for bursts of a wide fan-out (capped by the kernel's rmem/wmem max). */
  static final int SOCKET_BUFFER_BYTES = 1 << 20;

  /** Where datagrams go, on the room's event loop. */
  interface Receiver {
    void receive(byte[] buf, int off, int len, InetSocketAddress from);
  }

  private final DatagramChannel channel;
  private final Runnable flush = this::flush;
  private int port;
  private long sendFailures;
  /** Datagrams are written and not flushed yet; a flush runs after the current task. */
  private boolean flushScheduled;

  private MediaSocket(DatagramChannel channel) {
    this.channel = channel;
  }

  /**
   * Binds to the first free port in {@code [minPort, maxPort]} on {@code host}, registered on
   * {@code context}'s event loop (the room's), where datagrams then arrive.
   */
  static Future<MediaSocket> bind(Context context, String host, int minPort, int maxPort,
      Receiver receiver) {
    ContextInternal room = (ContextInternal) context;
    return tryPort(room, room.nettyEventLoop(), room, host, minPort, maxPort, receiver);
  }

  /**
   * Binds like {@link #bind}, but registered on {@code loop}, another of the node's event loops
   * (a room's {@link SendShard}): {@code receiver} runs on that loop, in no Vert.x context;
   * {@code context} (the room's) only completes the future.
   */
  static Future<MediaSocket> bindOn(Context context, io.netty.channel.EventLoop loop,
      String host, int minPort, int maxPort, Receiver receiver) {
    return tryPort((ContextInternal) context, loop, null, host, minPort, maxPort, receiver);
  }

  /**
   * Binds {@code host:port} ({@code port} 0: any free port) registered on {@code loop}, of
   * {@code vertx}'s event loops; {@code receiver} runs on that loop, in no Vert.x context (a
   * shared port's demultiplexer, which enters the room's context itself).
   */
  static Future<MediaSocket> bindShared(VertxInternal vertx, io.netty.channel.EventLoop loop,
      String host, int port, Receiver receiver) {
    DatagramChannel channel = vertx.transport().datagramChannel();
    MediaSocket media = new MediaSocket(channel);
    configure(channel);
    channel.pipeline().addLast(media.new Inbound(null, receiver));
    ContextInternal context = vertx.getOrCreateContext();
    return completion(context, loop.register(channel))
        .compose(v -> completion(context, channel.bind(new InetSocketAddress(host, port))))
        .map(v -> {
          media.port = ((InetSocketAddress) channel.localAddress()).getPort();
          return media;
        })
        .onFailure(failure -> channel.close());
  }

  private static void configure(DatagramChannel channel) {
    channel.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(MAX_DATAGRAM));
    channel.config().setOption(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES);
    channel.config().setOption(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES);
  }

  /**
   * @param inbound the context datagrams are handed on in, or null to hand them on as they are,
   *     on {@code loop}
   */
  private static Future<MediaSocket> tryPort(ContextInternal context,
      io.netty.channel.EventLoop loop, ContextInternal inbound, String host, int port,
      int maxPort, Receiver receiver) {
    DatagramChannel channel = ((VertxInternal) context.owner()).transport().datagramChannel();
    MediaSocket media = new MediaSocket(channel);
    configure(channel);
    channel.pipeline().addLast(media.new Inbound(inbound, receiver));
    return completion(context, loop.register(channel))
        .compose(v -> completion(context, channel.bind(new InetSocketAddress(host, port))))
        .map(v -> {
          media.port = ((InetSocketAddress) channel.localAddress()).getPort();
          return media;
        })
        .recover(failure -> {
          channel.close();
          if (port == 0 || port >= maxPort) {
            return Future.failedFuture(new IllegalStateException(
                "no free UDP port for media in " + host + ":" + port + "-" + maxPort, failure));
          }
          return tryPort(context, loop, inbound, host, port + 1, maxPort, receiver);
        });
  }

  private static Future<Void> completion(ContextInternal context, ChannelFuture future) {
    Promise<Void> promise = context.promise();
    future.addListener(done -> {
      if (done.isSuccess()) {
        promise.complete();
      } else {
        promise.fail(done.cause());
      }
    });
    return promise.future();
  }

  int port() {
    return port;
  }

  long sendFailures() {
    return sendFailures;
  }

  /** The event loop the socket's datagrams arrive on and its sends run on. */
  io.netty.channel.EventLoop eventLoop() {
    return channel.eventLoop();
  }

  /** Sends a copy of {@code buf[off, off + len)} to {@code to}; on the room's loop. */
  void send(byte[] buf, int off, int len, InetSocketAddress to) {
    if (!channel.isActive()) {
      sendFailures++;
      return;
    }
    write(buf, off, len, to);
    if (!flushScheduled) {
      flushScheduled = true;
      channel.eventLoop().execute(flush);
    }
  }

  /**
   * Sends datagrams another loop prepared (a {@link SendShard}'s batch), in one flush; on this
   * socket's own loop, which copies each into a pooled direct buffer it takes and, once sent,
   * gives back itself. Datagram i is {@code bytes[offsets[i], offsets[i] + lengths[i])}.
   *
   * @return how many could not be sent (the socket is closed)
   */
  int sendAll(byte[] bytes, int[] offsets, int[] lengths, InetSocketAddress[] targets,
      int count) {
    if (!channel.isActive()) {
      return count;
    }
    for (int i = 0; i < count; i++) {
      write(bytes, offsets[i], lengths[i], targets[i]);
    }
    channel.flush();
    return 0;
  }

  /** Copies a datagram into a pooled direct buffer and writes it, unflushed; on the loop. */
  private void write(byte[] buf, int off, int len, InetSocketAddress to) {
    ByteBuf out = MediaBuffers.ALLOCATOR.directBuffer(len, len).writeBytes(buf, off, len);
    channel.write(new DatagramPacket(out, to), channel.voidPromise());
  }

  /**
   * Sends what the current task wrote: a packet fanned out to every subscriber, a tick's RTCP.
   * On Linux's epoll transport a flushed batch leaves in one {@code sendmmsg}.
   */
  private void flush() {
    flushScheduled = false;
    channel.flush();
  }

  Future<Void> close() {
    Promise<Void> closed = Promise.promise();
    channel.close().addListener(done -> closed.complete());
    return closed.future();
  }

  /**
   * The channel's reads (and send failures, which a void promise reports here). Each datagram is
   * handed on inside the room's Vert.x context, as a Vert.x handler would be, so what the room
   * does with it (timers, the event bus, blocking work) sees its own context; a shared port's
   * ({@code context} null) is handed on as it is, and its receiver enters the room's context.
   */
  private final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {
    private final ContextInternal context;
    private final Receiver receiver;
    private final io.vertx.core.Handler<DatagramPacket> deliver = this::deliver;

    Inbound(ContextInternal context, Receiver receiver) {
      this.context = context;
      this.receiver = receiver;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      if (context == null) {
        deliver(packet);
      } else {
        context.emit(packet, deliver);
      }
    }

    private void deliver(DatagramPacket packet) {
      // The transport's buffer is pooled and reused once released: the room gets its own.
      ByteBuf data = packet.content();
      byte[] copy = new byte[data.readableBytes()];
      data.getBytes(data.readerIndex(), copy);
      receiver.receive(copy, 0, copy.length, packet.sender());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      sendFailures++; // ICMP unreachable and friends: UDP carries on
    }
  }
}
