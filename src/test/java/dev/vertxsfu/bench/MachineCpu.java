package dev.vertxsfu.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU ticks from the first line of {@code /proc/stat}: busy (everything
 * but idle and iowait) and total. The harness compares two readings to see whether the
 * machine, load generator included, is saturated. Stateless; any thread.
 */
final class MachineCpu {
  /** One reading, in clock ticks. */
  record Ticks(long busy, long total) {
    /** The busy fraction between {@code earlier} and this reading. */
    double busyFractionSince(Ticks earlier) {
      long total = this.total - earlier.total;
      return total <= 0 ? 0 : (double) (busy - earlier.busy) / total;
    }
  }

  private MachineCpu() {}

  static Ticks read() throws IOException {
    String line = Files.readAllLines(Path.of("/proc/stat")).get(0); // "cpu  user nice system idle iowait ..."
    String[] fields = line.trim().split("\\s+");
    long total = 0;
    for (int i = 1; i < fields.length && i <= 8; i++) {
      total += Long.parseLong(fields[i]);
    }
    long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
    return new Ticks(total - idle, total);
  }
}
