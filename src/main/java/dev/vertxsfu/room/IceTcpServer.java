package dev.vertxsfu.room;

import dev.vertxsfu.media.transport.IceTcpConnection;
import dev.vertxsfu.media.transport.IceTcpFirstCheck;
import dev.vertxsfu.media.transport.IceUfragDirectory;
import dev.vertxsfu.wire.WireFormatException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's ICE-TCP port (RFC 6544: the SFU's TCP candidates are passive, so it only accepts),
 * shared by every room of the node, like mediasoup's {@code TcpServer}. A connection is
 * accepted on this verticle's event loop, which reads its first RFC 4571 frame
 * ({@link IceTcpFirstCheck}): a STUN Binding request whose USERNAME names the SFU's ufrag of
 * one client. The node's {@link IceUfragDirectory} (which rooms keep up to date from their
 * {@code WebRtcServer}s) names the room; the connection's Netty channel then leaves this loop
 * and is registered on the room's own event loop, so its bytes arrive there and the room's
 * state is only ever touched by the room ({@link IceTcpChannels}, {@link IceTcpConnection}).
 *
 * <p>Closed and counted here ({@link #closes}): a first frame that is no Binding request with a
 * USERNAME, is empty or over {@link IceTcpFirstCheck#MAX_FIRST_FRAME}; a ufrag no room serves;
 * no complete first frame within {@link IceTcpConnection#FIRST_CHECK_TIMEOUT_MILLIS}; more than
 * {@link #MAX_PENDING} connections waiting for their first frame. Rooms count what they close
 * after the hand-over here too ({@link #count}).
 *
 * <p>Threads: the directory, the counters and every connection before its hand-over belong to
 * this verticle's event loop. {@link #register}, {@link #unregister}, {@link #unregisterAll}
 * and {@link #count} may be called from any thread (rooms call them on theirs): each hops onto
 * this loop. Deployed by the {@link RoomManager} when {@code media.tcp-port} is set.
 */
final class IceTcpServer extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(IceTcpServer.class);
  /** Ufrags the node routes at once: two per client (one more during an ICE restart). */
  static final int MAX_UFRAGS = 100_000;
  /** Connections accepted and not yet handed to a room; more are closed on arrival. */
  static final int MAX_PENDING = 1024;
  /** A room stops writing to a connection whose client reads too slowly past this. */
  static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1 << 20);

  /** A room's side of the hand-over: its loop, and what it does with a connection. */
  interface RoomEnd {
    /** The room's context: the channel is registered on its event loop. */
    Context context();

    /**
     * Takes {@code channel} (registered on the room's loop, not reading yet) whose first bytes
     * were {@code preamble}; accepted at {@code acceptedAt} (milliseconds, the room's clock).
     * On the room's loop.
     */
    void adopt(Channel channel, byte[] preamble, long acceptedAt);
  }

  private final String host;
  private final int configuredPort;
  private final IceUfragDirectory<RoomEnd> directory = new IceUfragDirectory<>(MAX_UFRAGS);
  /** Why connections were closed, and how many: on this loop. */
  private final Map<String, Long> closes = new LinkedHashMap<>();
  private ContextInternal acceptor;
  private Channel server;
  private int port;
  private int pending;
  private long handedOver;

  IceTcpServer(String host, int port) {
    this.host = host;
    this.configuredPort = port;
  }

  @Override
  public Future<?> start() {
    acceptor = (ContextInternal) context;
    EventLoop loop = acceptor.nettyEventLoop();
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(loop, loop)
        .channelFactory(((VertxInternal) vertx).transport().serverChannelFactory(false))
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .childHandler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel channel) {
            channel.pipeline().addLast(FirstCheck.NAME, new FirstCheck(channel));
          }
        });
    Promise<Void> bound = acceptor.promise();
    ChannelFuture binding = bootstrap.bind(new InetSocketAddress(host, configuredPort));
    binding.addListener(done -> {
      if (done.isSuccess()) {
        server = binding.channel();
        port = ((InetSocketAddress) server.localAddress()).getPort();
        LOG.info("ICE-TCP: accepting on {}:{} (media.tcp-port)", host, port);
        bound.complete();
      } else {
        bound.fail(new IllegalStateException("ICE-TCP cannot bind " + host + ":" + configuredPort
            + " (media.tcp-port)", done.cause()));
      }
    });
    return bound.future();
  }

  @Override
  public Future<?> stop() {
    Promise<Void> closed = Promise.promise();
    if (server == null) {
      return Future.succeededFuture();
    }
    server.close().addListener(done -> closed.complete());
    return closed.future();
  }

  /** The bound port (the candidates' port); 0 before {@link #start}. */
  int port() {
    return port;
  }

  /** {@code ufrag} belongs to {@code room} from now on. Any thread. */
  void register(String ufrag, RoomEnd room) {
    acceptor.runOnContext(v -> {
      if (!directory.register(ufrag, room)) {
        count("directory_full");
      }
    });
  }

  /** {@code ufrag} no longer belongs to {@code room}. Any thread. */
  void unregister(String ufrag, RoomEnd room) {
    acceptor.runOnContext(v -> directory.unregister(ufrag, room));
  }

  /** The room closes: none of its ufrags routes any more. Any thread. */
  void unregisterAll(RoomEnd room) {
    acceptor.runOnContext(v -> directory.unregisterAll(room));
  }

  /** A connection closed for {@code reason} (a room's, after the hand-over). Any thread. */
  void count(String reason) {
    acceptor.runOnContext(v -> closes.merge(reason, 1L, Long::sum));
  }

  /** The closes by reason so far, and {@code handed_over}: read on this loop. */
  Future<Map<String, Long>> closes() {
    Promise<Map<String, Long>> counted = Promise.promise();
    acceptor.runOnContext(v -> {
      Map<String, Long> copy = new LinkedHashMap<>(closes);
      copy.put("handed_over", handedOver);
      counted.complete(copy);
    });
    return counted.future();
  }

  /** The ufrags routed now (for tests): read on this loop. */
  Future<Integer> ufrags() {
    Promise<Integer> size = Promise.promise();
    acceptor.runOnContext(v -> size.complete(directory.size()));
    return size.future();
  }

  /**
   * One connection until its first frame: collects its bytes, finds its room, and hands the
   * channel over. Runs on the acceptor's loop; its bytes are taken by the room (on the room's
   * loop, once the channel is registered there and before it reads again).
   */
  private final class FirstCheck extends ChannelInboundHandlerAdapter {
    static final String NAME = "ice-tcp-first-check";
    private final Channel channel;
    private final long acceptedAt = RoomVerticle.now();
    private byte[] preamble = new byte[0];
    private ScheduledFuture<?> timeout;
    private boolean handed;
    private boolean counted;

    FirstCheck(Channel channel) {
      this.channel = channel;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      acceptor.emit(v -> {
        if (pending >= MAX_PENDING) {
          close("too_many_pending");
          return;
        }
        pending++;
        counted = true;
        timeout = channel.eventLoop().schedule(() -> acceptor.emit(w -> {
          if (!handed) {
            close("first_check_timeout");
          }
        }), IceTcpConnection.FIRST_CHECK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      });
      ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      ByteBuf bytes = (ByteBuf) message;
      try {
        byte[] more = ByteBufUtil.getBytes(bytes);
        byte[] joined = new byte[preamble.length + more.length];
        System.arraycopy(preamble, 0, joined, 0, preamble.length);
        System.arraycopy(more, 0, joined, preamble.length, more.length);
        preamble = joined;
      } finally {
        bytes.release();
      }
      if (!handed) {
        acceptor.emit(v -> firstFrame());
      } // else: read before the hand-over took effect; the room takes these bytes too
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (!handed) {
        acceptor.emit(v -> release());
      }
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      channel.close();
    }

    private void firstFrame() {
      String ufrag;
      try {
        ufrag = IceTcpFirstCheck.localUfrag(preamble, 0, preamble.length);
      } catch (WireFormatException e) {
        LOG.debug("ICE-TCP: {} closed: {}", channel.remoteAddress(), e.getMessage());
        close("bad_first_frame");
        return;
      }
      if (ufrag == null) {
        return; // not complete yet
      }
      RoomEnd room = directory.lookup(ufrag);
      if (room == null) {
        close("unknown_ufrag");
        return;
      }
      handOver(room);
    }

    /**
     * Moves the channel to the room's loop: it stops reading, leaves this loop, is registered on
     * the room's, and the room takes it (and this handler's bytes) there.
     */
    private void handOver(RoomEnd room) {
      handed = true;
      release();
      handedOver++;
      channel.config().setAutoRead(false);
      ContextInternal roomContext = (ContextInternal) room.context();
      channel.deregister().addListener(left -> {
        if (!left.isSuccess()) {
          channel.close();
          return;
        }
        roomContext.nettyEventLoop().register(channel).addListener(registered -> {
          if (!registered.isSuccess()) {
            channel.close();
            return;
          }
          roomContext.emit(v -> {
            FirstCheck self = (FirstCheck) channel.pipeline().remove(NAME);
            room.adopt(channel, self.preamble, acceptedAt);
          });
        });
      });
    }

    private void close(String reason) {
      release();
      handed = true; // nothing more is read for it
      closes.merge(reason, 1L, Long::sum);
      channel.close();
    }

    /** The connection no longer waits for its first frame. */
    private void release() {
      if (timeout != null) {
        timeout.cancel(false);
        timeout = null;
      }
      if (counted) {
        counted = false;
        pending--;
      }
    }
  }
}
