package dev.vertxsfu.testpeer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A UDP relay on loopback that drops by rule, between one client and the SFU's media port, for
 * tests of lossy paths (the kernel here has no {@code netem}; the ICE restart tests' relay in the
 * client package only breaks a path): the client is given the relay's port in place of the
 * SFU's ({@link #mungeCandidates}), and every datagram toward the client passes a drop rule that
 * sees its index, so loss is deterministic (every 20th, a seeded pattern, a blackout). Datagrams
 * toward the SFU all pass.
 *
 * <p>Two daemon threads, one per direction, block on their channel; the rule and the counters are
 * read across threads, hence the atomics (this is test code, outside the lock-free packages).
 */
public final class LossyRelay implements AutoCloseable {
  private static final Pattern UDP_CANDIDATE =
      Pattern.compile("(a=candidate:\\S+ \\d+ (?i:udp) \\d+ \\S+ )(\\d+)( typ host)");

  private final DatagramChannel clientSide;
  private final DatagramChannel sfuSide;
  private volatile InetSocketAddress sfu;
  private volatile SocketAddress client;
  private volatile LongPredicate dropTowardClient = index -> false;
  private final AtomicLong towardClient = new AtomicLong();
  private final AtomicLong droppedTowardClient = new AtomicLong();
  private final AtomicLong towardSfu = new AtomicLong();
  private final Thread down;
  private final Thread up;

  /**
   * Starts a relay between a client and an SFU on 127.0.0.1 that both come later: the SFU's port
   * is taken from the first SDP of the SFU's that goes through {@link #mungeCandidates}.
   */
  public LossyRelay() throws IOException {
    this.clientSide = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    this.sfuSide = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    this.up = new Thread(this::relayUp, "relay-up");
    this.down = new Thread(this::relayDown, "relay-down");
    up.setDaemon(true);
    down.setDaemon(true);
    up.start();
    down.start();
  }

  /** The port the client is to send to. */
  public int port() {
    return clientSide.socket().getLocalPort();
  }

  /** From now on, the datagram toward the client with this index (from 0) is dropped if true. */
  public void dropTowardClient(LongPredicate rule) {
    this.dropTowardClient = rule;
  }

  public long towardClient() {
    return towardClient.get();
  }

  public long droppedTowardClient() {
    return droppedTowardClient.get();
  }

  public long towardSfu() {
    return towardSfu.get();
  }

  /**
   * The SFU's {@code sdp} with each UDP host candidate's port replaced by this relay's and every
   * other candidate (TCP) removed, so the client can reach the SFU only through the relay. The
   * SFU is on 127.0.0.1 (the tests' announced address) at the first UDP candidate's port.
   */
  public String mungeCandidates(String sdp) {
    StringBuilder out = new StringBuilder();
    for (String line : sdp.split("\r\n")) {
      if (line.startsWith("a=candidate:")) {
        Matcher udp = UDP_CANDIDATE.matcher(line);
        if (!udp.find()) {
          continue;
        }
        if (sfu == null) {
          sfu = new InetSocketAddress("127.0.0.1", Integer.parseInt(udp.group(2)));
        }
        line = udp.replaceFirst("$1" + port() + "$3");
      }
      out.append(line).append("\r\n");
    }
    return out.toString();
  }

  private void relayUp() {
    ByteBuffer buffer = ByteBuffer.allocate(2048);
    try {
      while (true) {
        buffer.clear();
        client = clientSide.receive(buffer);
        buffer.flip();
        sfuSide.send(buffer, sfu);
        towardSfu.incrementAndGet();
      }
    } catch (ClosedChannelException e) {
      // closed
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void relayDown() {
    ByteBuffer buffer = ByteBuffer.allocate(2048);
    try {
      while (true) {
        buffer.clear();
        sfuSide.receive(buffer);
        buffer.flip();
        long index = towardClient.getAndIncrement();
        SocketAddress to = client;
        if (to == null || dropTowardClient.test(index)) {
          droppedTowardClient.incrementAndGet();
          continue;
        }
        clientSide.send(buffer, to);
      }
    } catch (ClosedChannelException e) {
      // closed
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    clientSide.close();
    sfuSide.close();
    up.join(2_000);
    down.join(2_000);
  }
}
