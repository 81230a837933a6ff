package dev.vertxsfu.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A path between one client and the SFU that a test can break: two UDP sockets on 127.0.0.1.
 * The client sends to the {@link #frontPort() front} (it knows it as the SFU's candidate); what
 * arrives there leaves the back socket for the SFU's port, and what the SFU sends to the back
 * socket goes to the client's last address. So the SFU sees the relay's back address as the
 * client's. Closing the relay breaks the path for good, as a network change does; a new relay
 * has new ports on both sides.
 *
 * <p>Threads: the sockets' handlers run on an event loop of {@code vertx}; the counters are read
 * from the test.
 */
final class UdpRelay implements AutoCloseable {
  private final DatagramSocket front;
  private final DatagramSocket back;
  private final int sfuPort;
  private final AtomicInteger toSfu = new AtomicInteger();
  private final AtomicInteger fromSfu = new AtomicInteger();
  private volatile SocketAddress client;
  private boolean closed;

  private UdpRelay(Vertx vertx, int sfuPort) {
    this.front = vertx.createDatagramSocket();
    this.back = vertx.createDatagramSocket();
    this.sfuPort = sfuPort;
  }

  /** Opens a relay to the SFU's {@code sfuPort} on 127.0.0.1, on two new ports. */
  static UdpRelay open(Vertx vertx, int sfuPort) throws Exception {
    UdpRelay relay = new UdpRelay(vertx, sfuPort);
    relay.front.handler(packet -> {
      relay.client = packet.sender();
      relay.toSfu.incrementAndGet();
      relay.back.send(packet.data(), relay.sfuPort, "127.0.0.1");
    });
    relay.back.handler(packet -> {
      SocketAddress to = relay.client;
      if (to != null && packet.sender().port() == relay.sfuPort) {
        relay.fromSfu.incrementAndGet();
        relay.front.send(packet.data(), to.port(), to.host());
      }
    });
    Future.all(relay.front.listen(0, "127.0.0.1"), relay.back.listen(0, "127.0.0.1"))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return relay;
  }

  /** Where the client sends: the port it is told is the SFU's. */
  int frontPort() {
    return front.localAddress().port();
  }

  /** The address the SFU sees the client at. */
  int backPort() {
    return back.localAddress().port();
  }

  int datagramsToSfu() {
    return toSfu.get();
  }

  int datagramsFromSfu() {
    return fromSfu.get();
  }

  /**
   * The SFU's description with its candidates replaced by one host candidate at this relay's
   * front: the client can reach the SFU through the relay only.
   */
  String rewrite(String sdp) {
    StringBuilder out = new StringBuilder(sdp.length());
    boolean written = false;
    for (String line : sdp.split("\r\n")) {
      if (line.startsWith("a=candidate:")) {
        if (!written) {
          out.append("a=candidate:1 1 udp 2130706431 127.0.0.1 ").append(frontPort())
              .append(" typ host\r\n");
          written = true;
        }
        continue;
      }
      out.append(line).append("\r\n");
    }
    return out.toString();
  }

  /** The SFU port a description's candidates name. */
  static int sfuPort(String sdp) {
    for (String line : sdp.split("\r\n")) {
      if (line.startsWith("a=candidate:")) {
        return Integer.parseInt(line.split(" ")[5]);
      }
    }
    throw new IllegalArgumentException("no candidate in the SFU's description");
  }

  /** Breaks the path: both sockets close, and their ports are never used by it again. */
  @Override
  public synchronized void close() throws Exception {
    if (closed) {
      return;
    }
    closed = true;
    Future.all(front.close(), back.close()).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }
}
