package dev.vertxsfu.shaped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of the test's own, reached through a veth pair whose root side sends at
 * most a given rate: {@code tc qdisc ... root tbf rate R burst 16kb latency 100ms} on the root
 * veth shapes what the root namespace (the SFU) sends into the namespace (the subscriber).
 * The kernel here has no {@code netem}; {@code tbf} is enough to model a narrow downlink.
 *
 * <p>Addresses: {@code 10.77.N.1/30} on the root side, {@code 10.77.N.2/30} inside, a default
 * route inside via the root side, so a process run with {@link #command} reaches every
 * address of the root namespace through the shaped link. {@code N} (1..254) must be unique
 * among the namespaces alive at once; the integration lock serialises the tests that make
 * them.
 *
 * <p>{@link #close()} removes the namespace (which removes both veth ends and the qdisc), also
 * when creation failed half-way, and a JVM shutdown hook does it when the test JVM is killed.
 * {@link #create} first sweeps namespaces of {@link #PREFIX} left by a JVM killed harder.
 * Needs root and {@code ip}/{@code tc} (iproute2). Used from the test thread.
 */
public final class NetworkNamespace implements AutoCloseable {
  /** The prefix of every name this helper gives a namespace or interface. */
  static final String PREFIX = "vsfucc";
  private static final long COMMAND_SECONDS = 10;

  private final int index;
  private final String name;
  private final String rootDevice;
  private final String innerDevice;
  private final Thread shutdownHook;
  private long rateBps;
  private boolean namespaceMade;
  private boolean linkMade;
  private boolean closed;
  /** Whether this JVM swept stale namespaces already: later sweeps would take live ones. */
  private static boolean swept;

  private NetworkNamespace(int index) {
    this.index = index;
    this.name = PREFIX + index;
    this.rootDevice = PREFIX + index + "r";
    this.innerDevice = PREFIX + index + "n";
    this.shutdownHook = new Thread(this::remove, "netns-cleanup-" + name);
  }

  /**
   * Makes namespace {@code index} (1..254) with its veth pair, addresses, route, and a
   * {@code tbf} of {@code rateBps} on the root side.
   *
   * @throws IOException when a command fails; what was made is removed again
   */
  public static NetworkNamespace create(int index, long rateBps) throws IOException {
    if (index < 1 || index > 254) {
      throw new IllegalArgumentException("namespace index out of 1..254: " + index);
    }
    sweepStale();
    NetworkNamespace namespace = new NetworkNamespace(index);
    Runtime.getRuntime().addShutdownHook(namespace.shutdownHook);
    try {
      namespace.build(rateBps);
    } catch (IOException | RuntimeException e) {
      namespace.close();
      throw e;
    }
    return namespace;
  }

  private void build(long rate) throws IOException {
    run("ip", "netns", "add", name);
    namespaceMade = true;
    run("ip", "link", "add", rootDevice, "type", "veth", "peer", "name", innerDevice);
    linkMade = true;
    run("ip", "link", "set", innerDevice, "netns", name);
    run("ip", "addr", "add", rootAddress() + "/30", "dev", rootDevice);
    run("ip", "link", "set", rootDevice, "up");
    run("ip", "-n", name, "addr", "add", namespaceAddress() + "/30", "dev", innerDevice);
    run("ip", "-n", name, "link", "set", innerDevice, "up");
    run("ip", "-n", name, "link", "set", "lo", "up");
    run("ip", "-n", name, "route", "add", "default", "via", rootAddress());
    run(tbf("add", rate));
    this.rateBps = rate;
  }

  /** Changes the root side's rate mid-call ({@code tc qdisc change}). */
  public void changeRate(long bps) throws IOException {
    run(tbf("change", bps));
    this.rateBps = bps;
  }

  /** The rate the link is shaped to now, bit/s. */
  public long rateBps() {
    return rateBps;
  }

  private String[] tbf(String verb, long bps) {
    return new String[] {"tc", "qdisc", verb, "dev", rootDevice, "root", "tbf", "rate",
        bps + "bit", "burst", "16kb", "latency", "100ms"};
  }

  public String name() {
    return name;
  }

  /** The root side's address: what a process inside reaches the SFU at. */
  public String rootAddress() {
    return "10.77." + index + ".1";
  }

  /** The address inside the namespace. */
  public String namespaceAddress() {
    return "10.77." + index + ".2";
  }

  /** The root-side veth, the one the {@code tbf} sits on. */
  public String rootDevice() {
    return rootDevice;
  }

  /** {@code command} prefixed to run inside the namespace ({@code ip netns exec}). */
  public List<String> command(List<String> command) {
    List<String> inside = new ArrayList<>(List.of("ip", "netns", "exec", name));
    inside.addAll(command);
    return inside;
  }

  /** What {@code tc -s qdisc show} says of the root side: sent, dropped, overlimits. */
  public String qdiscStatistics() throws IOException {
    return run("tc", "-s", "qdisc", "show", "dev", rootDevice);
  }

  /** Removes the namespace, its veth pair and qdisc; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    remove();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs (or ran) remove() anyway
    }
  }

  /** Removes only what this one made: a failed create must not take a namesake's. */
  private void remove() {
    if (namespaceMade) {
      quietly("ip", "netns", "del", name); // takes both veth ends and the qdisc with it
    }
    if (linkMade) {
      quietly("ip", "link", "del", rootDevice); // when the inner end never moved in
    }
  }

  /**
   * Removes namespaces and root-side veths of {@link #PREFIX} that a killed JVM left; once per
   * JVM, before its first namespace.
   */
  static synchronized void sweepStale() throws IOException {
    if (swept) {
      return;
    }
    swept = true;
    for (String line : run("ip", "netns", "list").split("\n")) {
      String stale = line.trim().split("\\s+")[0];
      if (stale.startsWith(PREFIX)) {
        quietly("ip", "netns", "del", stale);
      }
    }
    for (String line : run("ip", "-o", "link", "show").split("\n")) {
      String[] fields = line.split(":\\s+");
      if (fields.length > 1) {
        String device = fields[1].split("@")[0];
        if (device.startsWith(PREFIX)) {
          quietly("ip", "link", "del", device);
        }
      }
    }
  }

  private static void quietly(String... command) {
    try {
      run(command);
    } catch (IOException gone) {
      // already removed
    }
  }

  /** Runs {@code command}; its output, or an IOException with it when it exits non-zero. */
  static String run(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", command));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited " + process.exitValue()
          + ": " + output.trim());
    }
    return output;
  }
}
