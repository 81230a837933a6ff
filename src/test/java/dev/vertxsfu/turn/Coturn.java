package dev.vertxsfu.turn;

import static org.awaitility.Awaitility.await;

import dev.vertxsfu.FreePorts;
import dev.vertxsfu.wire.stun.StunMessage;
import dev.vertxsfu.wire.stun.StunMessageBuilder;
import dev.vertxsfu.wire.stun.StunMessageType;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's coturn ({@code /usr/bin/turnserver}, installed by {@code scripts/ensure-deps.sh}) as a
 * process of the test's own, the way docs/turn.md runs it beside the SFU: TURN REST API
 * credentials ({@code use-auth-secret} with a {@code static-auth-secret}), UDP and TCP on one
 * free port of 127.0.0.1, relay ports from a free block of 127.0.0.1, no TLS, no CLI, and
 * loopback peers allowed (the SFU listens on 127.0.0.1; coturn refuses such peers by default).
 * Its log, pid file and (empty) SQLite database go to {@code target/turn/}.
 *
 * <p>Called from a JUnit thread; {@link #start} returns once coturn answers a STUN Binding
 * request, {@link #close} kills it (call it even when the test failed).
 */
public final class Coturn implements AutoCloseable {
  public static final String REALM = "vertx-sfu.test";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
  private static final int RELAY_PORTS = 40;

  public final int port;
  public final String secret;
  public final Path log;
  private final Process process;

  private Coturn(int port, String secret, Path log, Process process) {
    this.port = port;
    this.secret = secret;
    this.log = log;
    this.process = process;
  }

  /** Starts coturn with {@code secret} as its shared secret and waits until it answers. */
  public static Coturn start(String secret) throws IOException {
    Path dir = Path.of("target", "turn").toAbsolutePath();
    Files.createDirectories(dir);
    int first = FreePorts.udpBlock(RELAY_PORTS + 1);
    Path log = dir.resolve("coturn-" + first + ".log");
    List<String> command = List.of("turnserver", "-n",
        "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1",
        "--listening-port=" + first,
        "--min-port=" + (first + 1), "--max-port=" + (first + RELAY_PORTS),
        "--use-auth-secret", "--static-auth-secret=" + secret, "--realm=" + REALM,
        "--fingerprint", "--no-tls", "--no-dtls", "--no-cli", "--allow-loopback-peers",
        "--no-multicast-peers", "--log-file=" + log, "--simple-log", "--no-stdout-log",
        "--pidfile=" + dir.resolve("coturn-" + first + ".pid"),
        // its (unused) user database too, not the system's /var/lib/turn
        "--db=" + dir.resolve("coturn-" + first + ".sqlite"), "--verbose");
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve("coturn-" + first + ".out").toFile()).start();
    } catch (IOException e) {
      throw new IOException("cannot run turnserver: Debian's coturn is needed "
          + "(scripts/test.sh installs it)", e);
    }
    Coturn coturn = new Coturn(first, secret, log, process);
    try {
      await("coturn answering STUN on 127.0.0.1:" + first).atMost(READY_TIMEOUT)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> process.isAlive() && coturn.answersBinding());
    } catch (RuntimeException e) {
      coturn.close();
      throw e;
    }
    return coturn;
  }

  /** The server's address. */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /** Its TURN URL over UDP (RFC 7065). */
  public String turnUrl() {
    return "turn:127.0.0.1:" + port + "?transport=udp";
  }

  /** Its STUN URL (RFC 7064). */
  public String stunUrl() {
    return "stun:127.0.0.1:" + port;
  }

  private boolean answersBinding() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(200);
      byte[] transaction = new byte[12];
      new SecureRandom().nextBytes(transaction);
      StunMessageBuilder request = new StunMessageBuilder()
          .start(StunMessageType.BINDING_REQUEST, transaction, 0);
      socket.send(new DatagramPacket(request.array(), request.length(), address()));
      byte[] buf = new byte[1500];
      DatagramPacket packet = new DatagramPacket(buf, buf.length);
      socket.receive(packet);
      return new StunMessage().wrap(buf, 0, packet.getLength()).messageType()
          == StunMessageType.BINDING_SUCCESS_RESPONSE;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  /** Kills coturn and waits for it to exit. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
