package dev.vertxsfu.bench;

import java.util.List;
import java.util.Locale;

/**
 * The text summary of a run: the table of every step, and for each scenario and load that
 * both targets reached, the ratio vertx-sfu / Janus of CPU per packet, p50, p99 and memory per
 * stream. Pure; the harness's main thread.
 */
final class Summary {
  private Summary() {}

  static String of(List<StepResult> results) {
    StringBuilder text = new StringBuilder(StepResult.TABLE_HEADER).append('\n');
    results.forEach(r -> text.append(r.row()).append('\n'));
    boolean header = false;
    for (StepResult ours : results) {
      if (!ours.target().equals("vertx-sfu")) {
        continue;
      }
      for (StepResult janus : results) {
        if (janus.target().equals("janus") && janus.scenario().equals(ours.scenario())
            && janus.load() == ours.load()) {
          if (!header) {
            text.append("\nratio vertx-sfu / janus at equal load (below 1: ours is lower)\n")
                .append(String.format(Locale.ROOT, "%-7s %5s %8s %7s %7s %10s%n", "scen", "load",
                    "us/pkt", "p50", "p99", "RSS/strm"));
            header = true;
          }
          text.append(String.format(Locale.ROOT, "%-7s %5d %8.2f %7.2f %7.2f %10.2f%n",
              ours.scenario(), ours.load(),
              ratio(ours.cpuMicrosPerPacket(), janus.cpuMicrosPerPacket()),
              ratio(ours.p50Micros(), janus.p50Micros()), ratio(ours.p99Micros(), janus.p99Micros()),
              ratio(ours.rssPerStreamBytes(), janus.rssPerStreamBytes())));
        }
      }
    }
    return text.toString();
  }

  private static double ratio(double a, double b) {
    return b == 0 ? Double.NaN : a / b;
  }
}
