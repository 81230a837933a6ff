package dev.vertxsfu.room;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.internal.buffer.BufferInternal;
import java.net.InetSocketAddress;

/**
 * A room's UDP socket (DESIGN.md, Threading): opened from the room verticle's {@code start()},
 * so its datagrams arrive on the room's event loop, bound to the first free port of the
 * configured range. Every client's media shares it; the room's {@code WebRtcServer} sorts it.
 *
 * <p>Vert.x copies each datagram into a new heap buffer; this hands that buffer's own array on
 * rather than copying it again. Sending copies the bytes (the caller reuses its buffer) and
 * names the target by IP literal, so nothing is resolved.
 */
final class MediaSocket {

  /** Where datagrams go, on the room's event loop. */
  interface Receiver {
    void receive(byte[] buf, int off, int len, InetSocketAddress from);
  }

  private final DatagramSocket socket;
  private int port;
  private long sendFailures;

  private MediaSocket(DatagramSocket socket) {
    this.socket = socket;
  }

  /** Binds to the first free port in {@code [minPort, maxPort]} on {@code host}. */
  static Future<MediaSocket> bind(Vertx vertx, String host, int minPort, int maxPort,
      Receiver receiver) {
    return tryPort(vertx, host, minPort, maxPort, receiver);
  }

  private static Future<MediaSocket> tryPort(Vertx vertx, String host, int port, int maxPort,
      Receiver receiver) {
    DatagramSocket socket = vertx.createDatagramSocket();
    MediaSocket media = new MediaSocket(socket);
    socket.handler(packet -> media.deliver(packet, receiver));
    return socket.listen(port, host)
        .map(bound -> {
          media.port = bound.localAddress().port();
          return media;
        })
        .recover(failure -> {
          socket.close();
          if (port == 0 || port >= maxPort) {
            return Future.failedFuture(new IllegalStateException(
                "no free UDP port for media in " + host + ":" + port + "-" + maxPort, failure));
          }
          return tryPort(vertx, host, port + 1, maxPort, receiver);
        });
  }

  int port() {
    return port;
  }

  long sendFailures() {
    return sendFailures;
  }

  void send(byte[] buf, int off, int len, InetSocketAddress to) {
    socket.send(Buffer.buffer(len).appendBytes(buf, off, len), to.getPort(),
            to.getAddress().getHostAddress())
        .onFailure(e -> sendFailures++);
  }

  Future<Void> close() {
    return socket.close();
  }

  private void deliver(DatagramPacket packet, Receiver receiver) {
    InetSocketAddress from =
        new InetSocketAddress(packet.sender().host(), packet.sender().port());
    Buffer data = packet.data();
    if (data instanceof BufferInternal internal) {
      ByteBuf bytes = internal.getByteBuf();
      if (bytes.hasArray()) {
        receiver.receive(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(),
            bytes.readableBytes(), from);
        return;
      }
    }
    byte[] copy = data.getBytes();
    receiver.receive(copy, 0, copy.length, from);
  }
}
