package dev.vertxsfu.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sets a process's CPU affinity with util-linux's {@code taskset -a -p -c LIST PID}: all its
 * threads now, and the threads they start later, which inherit it. The harness uses it for
 * {@code --server-cpus} and {@code --harness-cpus}, so that the load generator and the server
 * under test do not take turns on the same core. Called on the harness's main thread.
 */
final class CpuAffinity {
  private CpuAffinity() {}

  /** Pins every thread of {@code pid} to {@code cpus}; fails if taskset refuses. */
  static void pin(long pid, String cpus) throws IOException, InterruptedException {
    if (!cpus.matches("[0-9]+([-,][0-9]+)*")) {
      throw new IllegalArgumentException("a CPU list is like 0, 0-1 or 0,2: " + cpus);
    }
    Process p = new ProcessBuilder(List.of("taskset", "-a", "-p", "-c", cpus, Long.toString(pid)))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("taskset -a -p -c " + cpus + " " + pid + " failed: " + out.strip());
    }
  }
}
