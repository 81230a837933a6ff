package dev.vertxsfu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code --server-cpus}: a real process pinned by taskset, as the kernel then reports it. */
@Tag("fast")
class CpuAffinityTest {
  @Test
  void aPinnedProcessMayRunOnTheGivenCpuOnly() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      CpuAffinity.pin(sleeper.pid(), "0");

      assertThat(Files.readAllLines(Path.of("/proc", Long.toString(sleeper.pid()), "status")))
          .contains("Cpus_allowed_list:\t0");
    } finally {
      sleeper.destroy();
      sleeper.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aCpuListTasksetWouldNotReadIsRefusedBeforeItRuns() {
    assertThatThrownBy(() -> CpuAffinity.pin(ProcessHandle.current().pid(), "0; reboot"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0-1");
  }
}
