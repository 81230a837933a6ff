package dev.vertxsfu.room;

import dev.vertxsfu.media.transport.IceTcpConnection;
import dev.vertxsfu.media.transport.WebRtcServer;
import dev.vertxsfu.wire.tcp.Rfc4571;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.internal.ContextInternal;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room's ICE-TCP connections, handed over by the node's {@link IceTcpServer} once their first
 * check named one of the room's clients. Each is one more tuple of the room's
 * {@link WebRtcServer} ({@link IceTcpConnection}): its frames go in as datagrams from its remote
 * address; what a transport sends to that address leaves here, framed (RFC 4571), instead of
 * through the room's UDP socket.
 *
 * <p>Per packet: a read is copied in chunks into one receive array of the room's (the UDP path
 * copies each datagram into a new one), and frames are handed on in place; a send copies the
 * packet once, behind its two-octet LENGTH, into a pooled direct buffer, as the UDP socket
 * does, and the writes of one loop task are flushed together. A connection whose client reads
 * too slowly ({@link IceTcpServer#WATER_MARK}) loses packets rather than growing the room's
 * memory.
 *
 * <p>Closed (and counted through {@code closed}): bad framing or a frame over
 * {@link IceTcpConnection#MAX_FRAME}; no authenticated check within
 * {@link IceTcpConnection#FIRST_CHECK_TIMEOUT_MILLIS} of its acceptance; its transport forgot
 * the tuple (the client left, or consent lapsed); over {@link #MAX_CONNECTIONS} in the room.
 *
 * <p>Threads: the room's event loop owns it (the channels are registered there); made and
 * called by the {@link Room}, fed by {@link RoomVerticle}.
 */
final class IceTcpChannels implements IceTcpConnection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(IceTcpChannels.class);
  /** Connections one room serves at once. */
  static final int MAX_CONNECTIONS = 1024;
  /** The receive array: reads are copied into it in chunks of this size at most. */
  static final int RECEIVE_CHUNK = 16 * 1024;

  /** One connection: its framing and checks, its channel. */
  private final class Link {
    final IceTcpConnection connection;
    final Channel channel;
    final Runnable flush = this::flush;
    boolean flushScheduled;

    Link(IceTcpConnection connection, Channel channel) {
      this.connection = connection;
      this.channel = channel;
    }

    void flush() {
      flushScheduled = false;
      channel.flush();
    }
  }

  private final String roomId;
  private final WebRtcServer server;
  private final Consumer<String> closed;
  private final Map<InetSocketAddress, Link> byRemote = new HashMap<>();
  private final byte[] receive = new byte[RECEIVE_CHUNK];
  private ContextInternal context;
  private long sendsDropped;
  private long framesSent;

  /**
   * @param closed told the reason of each connection the room closes (the node counts it)
   */
  IceTcpChannels(String roomId, WebRtcServer server, Consumer<String> closed) {
    this.roomId = roomId;
    this.server = server;
    this.closed = closed;
  }

  /**
   * A connection handed over: registered on the room's loop ({@code context}'s), not reading
   * yet; {@code preamble} holds what it sent so far (its first check, perhaps more).
   */
  void adopt(ContextInternal context, Channel channel, byte[] preamble, long acceptedAt,
      long now) {
    this.context = context;
    if (!channel.isActive()) {
      channel.close();
      return;
    }
    InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
    if (byRemote.size() >= MAX_CONNECTIONS && !byRemote.containsKey(remote)) {
      channel.close();
      closed.accept("room_full");
      return;
    }
    Link previous = byRemote.remove(remote);
    if (previous != null) {
      previous.channel.close();
    }
    Link link = new Link(new IceTcpConnection(remote, server, acceptedAt, this), channel);
    byRemote.put(remote, link);
    channel.pipeline().addLast(new Inbound(link));
    receive(link, preamble, 0, preamble.length, now);
    channel.config().setAutoRead(true);
    channel.read();
  }

  /** Connections held (closed ones until their tuple is gone). */
  int size() {
    return byRemote.size();
  }

  long sendsDropped() {
    return sendsDropped;
  }

  long framesSent() {
    return framesSent;
  }

  /**
   * Sends {@code buf[off, off + len)} framed on the connection that is the tuple {@code to}.
   *
   * @return false if {@code to} is no ICE-TCP connection of the room (it is a UDP address)
   */
  boolean send(byte[] buf, int off, int len, InetSocketAddress to) {
    Link link = byRemote.get(to);
    if (link == null) {
      return false;
    }
    Channel channel = link.channel;
    if (link.connection.isClosed() || !channel.isWritable()) {
      sendsDropped++;
      return true;
    }
    ByteBuf out = MediaBuffers.ALLOCATOR.directBuffer(Rfc4571.HEADER_LENGTH + len);
    out.writeShort(len).writeBytes(buf, off, len);
    channel.write(out, channel.voidPromise());
    framesSent++;
    if (!link.flushScheduled) {
      link.flushScheduled = true;
      channel.eventLoop().execute(link.flush);
    }
    return true;
  }

  /**
   * The room's timer: connections never checked in time are closed, and so are those whose
   * tuple the room's transports forgot (the client left, or restarted ICE elsewhere).
   */
  void tick(long now) {
    if (byRemote.isEmpty()) {
      return;
    }
    List<Link> gone = null;
    for (Link link : byRemote.values()) {
      link.connection.tick(now);
      boolean forgotten = link.connection.isChecked() && !server.hasTuple(link.connection.remoteAddress());
      if (forgotten && !link.connection.isClosed()) {
        close(link, "transport_gone");
      }
      if (link.connection.isClosed() && (forgotten || !link.connection.isChecked())) {
        gone = gone == null ? new ArrayList<>() : gone;
        gone.add(link);
      }
    }
    if (gone != null) {
      gone.forEach(link -> byRemote.remove(link.connection.remoteAddress(), link));
    }
  }

  /** The room closes: every connection with it. */
  void close() {
    byRemote.values().forEach(link -> link.channel.close());
    byRemote.clear();
  }

  @Override
  public void onIceTcpConnectionClose(IceTcpConnection connection, String reason) {
    Link link = byRemote.get(connection.remoteAddress());
    if (link != null && link.connection == connection) {
      close(link, reason.startsWith("no valid ICE check") ? "no_valid_check" : "bad_framing");
    }
  }

  private void close(Link link, String reason) {
    LOG.atDebug().addKeyValue("room", roomId)
        .log("ICE-TCP connection from {} closed: {}", link.connection.remoteAddress(), reason);
    link.connection.closed();
    link.channel.close();
    closed.accept(reason);
  }

  private void receive(Link link, byte[] bytes, int off, int len, long now) {
    link.connection.receive(bytes, off, len, now);
  }

  /** The channel's reads, on the room's loop, inside the room's Vert.x context. */
  private final class Inbound extends ChannelInboundHandlerAdapter {
    private final Link link;
    private final io.vertx.core.Handler<ByteBuf> deliver = this::deliver;

    Inbound(Link link) {
      this.link = link;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      context.emit((ByteBuf) message, deliver);
    }

    private void deliver(ByteBuf bytes) {
      try {
        long now = RoomVerticle.now();
        while (bytes.isReadable() && !link.connection.isClosed()) {
          int chunk = Math.min(bytes.readableBytes(), receive.length);
          bytes.readBytes(receive, 0, chunk);
          link.connection.receive(receive, 0, chunk, now);
        }
      } finally {
        bytes.release();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      context.emit(ctx, v -> link.connection.closed());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.channel().close();
    }
  }
}
