package dev.vertxsfu.bench.janus;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks ports for a Janus process: a free TCP port on 127.0.0.1 and a block of UDP ports that
 * are free right now (tests of other projects may run on this machine at the same time). The
 * block lies below Linux's ephemeral range (32768 and up) and away from the SFU's default media
 * ports (40000-40999). Free now does not mean free later, but Janus (libnice) skips a port that
 * is taken and tries another of its range. Blocking (binds sockets): off the event loop.
 */
final class FreePorts {
  private static final int LOWEST = 20_000;
  private static final int HIGHEST = 32_000;
  private static final int ATTEMPTS = 50;

  private FreePorts() {}

  static int tcp() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free TCP port on 127.0.0.1", e);
    }
  }

  /** The first port of {@code count} consecutive UDP ports that are all free now. */
  static int udpBlock(int count) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int first = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST - count);
      if (allFree(first, count)) {
        return first;
      }
    }
    throw new IllegalStateException("no block of " + count + " free UDP ports in " + LOWEST
        + "-" + HIGHEST);
  }

  private static boolean allFree(int first, int count) {
    for (int port = first; port < first + count; port++) {
      try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(port))) {
        socket.getLocalPort();
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
