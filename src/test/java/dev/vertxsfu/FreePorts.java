package dev.vertxsfu;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks ports for servers the tests start as processes (SFU nodes, Janus): free TCP ports on
 * 127.0.0.1, and a block of UDP ports that are free right now (tests of other projects may run
 * on this machine at the same time). The block lies below Linux's ephemeral range (32768 and
 * up) and away from the SFU's default media ports (40000-40999). Free now does not mean free
 * later, but Janus (libnice) skips a port that is taken and tries another of its range.
 * Blocking (binds sockets): off the event loop.
 */
public final class FreePorts {
  private static final int LOWEST = 20_000;
  private static final int HIGHEST = 32_000;
  private static final int ATTEMPTS = 50;

  private FreePorts() {}

  /** A free TCP port on 127.0.0.1. */
  public static int tcp() {
    return tcp(1).get(0);
  }

  /** {@code count} different free TCP ports on 127.0.0.1 (all held open while picked). */
  public static List<Integer> tcp(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new IllegalStateException("no free TCP port on 127.0.0.1", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException e) {
          // closing a listening socket that never accepted: nothing to lose
        }
      }
    }
  }

  /** The first port of {@code count} consecutive UDP ports that are all free now. */
  public static int udpBlock(int count) {
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
