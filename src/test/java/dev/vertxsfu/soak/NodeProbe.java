package dev.vertxsfu.soak;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a long run may leak, read from the node's own process (so the test's libwebrtc clients,
 * in the test's JVM, are not counted): heap in use after a full GC ({@code jcmd GC.run}, then
 * {@code GC.heap_info}; the node runs G1), resident memory and threads
 * ({@code /proc/<pid>/status}: every thread, Java or native), open file descriptors
 * ({@code /proc/<pid>/fd}), the UDP sockets among them (their inodes in the process's
 * {@code net/udp} and {@code net/udp6}), and the SEVERE lines in the node's log (Vert.x and the
 * SFU log errors at SEVERE). Linux only. Called from the test thread.
 */
final class NodeProbe {
  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

  /** One reading. */
  record Sample(double minutes, long heapAfterGcBytes, long rssBytes, int fds, int threads,
      int udpSockets, long severe) {
  }

  private final long pid;
  private final Path log;
  private final long startNanos = System.nanoTime();

  NodeProbe(long pid, Path log) {
    this.pid = pid;
    this.log = log;
  }

  Sample sample() throws IOException, InterruptedException {
    jcmd("GC.run");
    Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
    if (!used.find()) {
      throw new IllegalStateException("no heap line in jcmd GC.heap_info of " + pid);
    }
    long heap = Long.parseLong(used.group(1)) * 1024;
    Path proc = Path.of("/proc", String.valueOf(pid));
    long rss = 0;
    int threads = 0;
    for (String line : Files.readAllLines(proc.resolve("status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      } else if (line.startsWith("Threads:")) {
        threads = Integer.parseInt(line.replaceAll("\\D", ""));
      }
    }
    Set<String> socketInodes = new HashSet<>();
    int fds = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc.resolve("fd"))) {
      for (Path fd : entries) {
        fds++;
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            socketInodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException e) {
          // closed between listing and reading: not open any more
        }
      }
    }
    int udp = udpSockets(proc.resolve("net/udp"), socketInodes)
        + udpSockets(proc.resolve("net/udp6"), socketInodes);
    long severe;
    try (var lines = Files.lines(log)) {
      severe = lines.filter(line -> line.startsWith("SEVERE:") || line.contains(" ERROR "))
          .count();
    }
    return new Sample((System.nanoTime() - startNanos) / 60e9, heap, rss, fds, threads, udp,
        severe);
  }

  /** The node's SEVERE lines (at most 20), for a failure message. */
  List<String> severeLines() throws IOException {
    try (var lines = Files.lines(log)) {
      return lines.filter(line -> line.startsWith("SEVERE:") || line.contains(" ERROR "))
          .limit(20).toList();
    }
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd")
        .toString(), String.valueOf(pid), command).redirectErrorStream(true).start();
    String output = new String(jcmd.getInputStream().readAllBytes());
    if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output);
    }
    return output;
  }

  private static int udpSockets(Path table, Set<String> inodes) throws IOException {
    if (!Files.exists(table)) {
      return 0;
    }
    int count = 0;
    List<String> lines = Files.readAllLines(table);
    for (String line : lines.subList(1, lines.size())) {
      String[] columns = line.trim().split("\\s+");
      // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...
      if (columns.length > 9 && inodes.contains(columns[9])) {
        count++;
      }
    }
    return count;
  }
}
