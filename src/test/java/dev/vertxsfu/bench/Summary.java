package dev.vertxsfu.bench;

import java.util.List;
import java.util.Locale;

/**
 * The text summary of a run: the table of every step, and for each other target (Janus,
 * mediasoup) and each scenario and load both reached, the ratio vertx-sfu / other of CPU per packet, p50, p99 and memory per
 * stream. Pure; the harness's main thread.
 */
final class Summary {
  private Summary() {}

  static String of(List<StepResult> results) {
    StringBuilder text = new StringBuilder(StepResult.TABLE_HEADER).append('\n');
    results.forEach(r -> text.append(r.row()).append('\n'));
    List<String> others = results.stream().map(StepResult::target)
        .filter(t -> !t.equals("vertx-sfu")).distinct().toList();
    for (String other : others) {
      boolean header = false;
      for (StepResult ours : results) {
        if (!ours.target().equals("vertx-sfu")) {
          continue;
        }
        for (StepResult theirs : results) {
          if (theirs.target().equals(other) && theirs.scenario().equals(ours.scenario())
              && theirs.load() == ours.load()) {
            if (!header) {
              text.append("\nratio vertx-sfu / ").append(other)
                  .append(" at equal load (below 1: ours is lower)\n")
                  .append(String.format(Locale.ROOT, "%-7s %5s %8s %7s %7s %10s%n", "scen",
                      "load", "us/pkt", "p50", "p99", "RSS/strm"));
              header = true;
            }
            text.append(String.format(Locale.ROOT, "%-7s %5d %8.2f %7.2f %7.2f %10.2f%n",
                ours.scenario(), ours.load(),
                ratio(ours.cpuMicrosPerPacket(), theirs.cpuMicrosPerPacket()),
                ratio(ours.p50Micros(), theirs.p50Micros()),
                ratio(ours.p99Micros(), theirs.p99Micros()),
                ratio(ours.rssPerStreamBytes(), theirs.rssPerStreamBytes())));
          }
        }
      }
    }
    return text.toString();
  }

  private static double ratio(double a, double b) {
    return b == 0 ? Double.NaN : a / b;
  }
}
