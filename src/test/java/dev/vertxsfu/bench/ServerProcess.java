package dev.vertxsfu.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server under test as a process of its own, and what the harness reads about it from
 * {@code /proc}: CPU time ({@code utime + stime} of {@code /proc/<pid>/stat}, in clock ticks
 * of 10 ms on Linux), resident memory ({@code VmRSS} of {@code /proc/<pid>/status}), and for a
 * JVM the live heap: the total of {@code jcmd <pid> GC.class_histogram}, which runs a full GC
 * and counts what survived in the same call. ({@code GC.heap_info} after a separate
 * {@code GC.run} counted, besides, whatever the server allocated between the two attaches: 10 to
 * 40 MB more than the live total under load on this machine, most of the "heap per stream".)
 *
 * <p>Threads: the harness's main thread. Owns the process; {@link #stop} ends it (SIGTERM, then
 * SIGKILL after 10 s).
 */
final class ServerProcess {
  /** {@code getconf CLK_TCK}: 100 on every Linux this runs on. */
  private static final long TICKS_PER_SECOND = 100;

  /** How a server that someone else started is stopped (Janus: {@code JanusProcess#stop}). */
  interface Stopper {
    void stop() throws Exception;
  }

  private final Process process;
  private final long pid;
  private final boolean jvm;
  private final Stopper stopper;
  /** Whether CPU and RSS include the process's children (mediasoup's workers). */
  private boolean withDescendants;

  /** A server process the harness started. */
  ServerProcess(Process process, boolean jvm) {
    this.process = process;
    this.pid = process.pid();
    this.jvm = jvm;
    this.stopper = null;
  }

  /**
   * A native server the harness started whose work happens in child processes too (Node.js
   * and its {@code mediasoup-worker}s): CPU and RSS are summed over the process and its
   * descendants alive at each reading.
   */
  static ServerProcess withDescendants(Process process) {
    ServerProcess server = new ServerProcess(process, false);
    server.withDescendants = true;
    return server;
  }

  /** A native server started by another class, which also stops it. */
  ServerProcess(long pid, Stopper stopper) {
    this.process = null;
    this.pid = pid;
    this.jvm = false;
    this.stopper = stopper;
  }

  /**
   * This JVM, for a server started in-process (the smoke test): its figures then include the
   * load generator's own work, so nobody should report them.
   */
  static ServerProcess thisJvm() {
    return new ServerProcess(ProcessHandle.current().pid());
  }

  private ServerProcess(long pid) {
    this.process = null;
    this.pid = pid;
    this.jvm = true;
    this.stopper = null;
  }

  long pid() {
    return pid;
  }

  boolean isAlive() {
    return process == null ? ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
        : process.isAlive();
  }

  private java.util.List<Long> pids() {
    if (!withDescendants) {
      return java.util.List.of(pid);
    }
    java.util.List<Long> pids = new java.util.ArrayList<>();
    pids.add(pid);
    ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
    return pids;
  }

  /**
   * Keeps every thread of the server (and of its descendants) on {@code cpus}, a
   * {@code taskset} list such as {@code "0"} or {@code "0-1"}: threads the server starts later
   * inherit it. For runs that keep the load generator off the server's cores.
   */
  void pinTo(String cpus) throws IOException, InterruptedException {
    for (long p : pids()) {
      CpuAffinity.pin(p, cpus);
    }
  }

  /** CPU time used so far (user + system), in nanoseconds. */
  long cpuNanos() throws IOException {
    long total = 0;
    for (long p : pids()) {
      total += cpuNanos(p);
    }
    return total;
  }

  private static long cpuNanos(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // the command name (field 2) may hold spaces; fields after ')' are plain
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long utime = Long.parseLong(fields[11]); // field 14 of the whole line
    long stime = Long.parseLong(fields[12]); // field 15
    return (utime + stime) * (1_000_000_000L / TICKS_PER_SECOND);
  }

  /** Resident set size, in bytes. */
  long rssBytes() throws IOException {
    long total = 0;
    for (long p : pids()) {
      total += rssBytes(p);
    }
    return total;
  }

  private static long rssBytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  /**
   * Live heap in bytes (after the full GC {@code GC.class_histogram} runs), or -1 when the server
   * is no JVM or jcmd fails. The forced GC disturbs the process: call it outside measurement
   * windows.
   */
  long heapUsedAfterGc() {
    if (!jvm) {
      return -1;
    }
    try {
      return histogramTotalBytes(jcmd("GC.class_histogram"));
    } catch (IOException | InterruptedException e) {
      return -1;
    }
  }

  /**
   * Writes a heap dump of the live objects ({@code jcmd <pid> GC.heap_dump}, which runs a full GC
   * first) to {@code file}, for {@code HeapDumpOwners}; false when the server is no JVM or jcmd
   * fails. Call it outside measurement windows.
   */
  boolean heapDump(Path file) {
    if (!jvm) {
      return false;
    }
    try {
      String out = jcmd("GC.heap_dump " + file.toAbsolutePath());
      return out.contains("Heap dump file created");
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** The byte count of a class histogram's "Total" line, or -1 without one. */
  static long histogramTotalBytes(String histogram) {
    // "Total        386072       24137432"
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(histogram);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    List<String> cmd = new ArrayList<>(List.of(java.toString(), Long.toString(pid())));
    cmd.addAll(List.of(command.split(" ")));
    Process p = new ProcessBuilder(cmd)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  void stop() throws Exception {
    if (stopper != null) {
      stopper.stop();
      return;
    }
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
