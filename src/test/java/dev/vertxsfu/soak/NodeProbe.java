package dev.vertxsfu.soak;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What a long run may leak, read from this JVM (the node and its clients run in it): heap in
 * use after a full GC, open file descriptors ({@code /proc/self/fd}), live threads, the UDP
 * sockets among those descriptors (their inodes in {@code /proc/self/net/udp} and
 * {@code udp6}), and how many SEVERE lines any JUL logger wrote since the probe opened
 * (Vert.x and the SFU log errors at SEVERE). Linux only. Called from the test thread.
 */
final class NodeProbe implements AutoCloseable {
  /** One reading. */
  record Sample(double minutes, long heapAfterGcBytes, int fds, int threads, int udpSockets,
      int severe) {
  }

  private final long startNanos = System.nanoTime();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final AtomicInteger severe = new AtomicInteger();
  private final List<String> severeLines = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Handler counter = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
        severe.incrementAndGet();
        if (severeLines.size() < 20) {
          severeLines.add(record.getLoggerName() + ": " + record.getMessage()
              + (record.getThrown() == null ? "" : " / " + record.getThrown()));
        }
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  NodeProbe() {
    counter.setLevel(Level.SEVERE);
    Logger.getLogger("").addHandler(counter);
  }

  Sample sample() throws IOException {
    // twice: the first may only finish objects whose finalisation frees others
    System.gc();
    System.gc();
    long heap = memory.getHeapMemoryUsage().getUsed();
    Set<String> socketInodes = new HashSet<>();
    int fds = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
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
    int udp = udpSockets("/proc/self/net/udp", socketInodes)
        + udpSockets("/proc/self/net/udp6", socketInodes);
    return new Sample((System.nanoTime() - startNanos) / 60e9, heap, fds,
        threads.getThreadCount(), udp, severe.get());
  }

  /** The first SEVERE lines (at most 20), for the failure message. */
  List<String> severeLines() {
    return List.copyOf(severeLines);
  }

  private static int udpSockets(String table, Set<String> inodes) throws IOException {
    Path path = Path.of(table);
    if (!Files.exists(path)) {
      return 0;
    }
    int count = 0;
    List<String> lines = Files.readAllLines(path);
    for (String line : lines.subList(1, lines.size())) {
      String[] columns = line.trim().split("\\s+");
      // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...
      if (columns.length > 9 && inodes.contains(columns[9])) {
        count++;
      }
    }
    return count;
  }

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(counter);
  }
}
