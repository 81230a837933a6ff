package dev.vertxsfu.bench;

import java.util.List;
import java.util.Locale;

/**
 * The text summary of a run: the table of every step, and for each scenario and load that
 * two targets both reached, the ratios vertx-sfu / Janus, vertx-sfu / mediasoup and
 * vertx-1port / vertx-sfu (single-port mode against a port per room) and vertx-shards /
 * vertx-sfu (a send shard per wide room against none) of CPU per packet, p50,
 * p99 and memory per stream. Pure; the harness's main thread.
 */
final class Summary {
  private Summary() {}

  static String of(List<StepResult> results) {
    StringBuilder text = new StringBuilder(StepResult.TABLE_HEADER).append('\n');
    results.forEach(r -> text.append(r.row()).append('\n'));
    ratios(results, "vertx-sfu", "janus", text);
    ratios(results, "vertx-sfu", "mediasoup", text);
    // single-port mode against the port per room (media.udp-port)
    ratios(results, "vertx-1port", "vertx-sfu", text);
    // a send shard per wide room against one loop per room (media.send-shards)
    ratios(results, "vertx-shards", "vertx-sfu", text);
    return text.toString();
  }

  /** The ratios {@code ours} / {@code theirs} at every scenario and load both reached. */
  private static void ratios(List<StepResult> results, String ours, String theirs,
      StringBuilder text) {
    boolean header = false;
    for (StepResult a : results) {
      if (!a.target().equals(ours)) {
        continue;
      }
      for (StepResult b : results) {
        if (b.target().equals(theirs) && b.scenario().equals(a.scenario())
            && b.load() == a.load()) {
          if (!header) {
            text.append("\nratio " + ours + " / " + theirs
                    + " at equal load (below 1: " + ours + " is lower)\n")
                .append(String.format(Locale.ROOT, "%-7s %5s %8s %7s %7s %10s%n", "scen", "load",
                    "us/pkt", "p50", "p99", "RSS/strm"));
            header = true;
          }
          text.append(String.format(Locale.ROOT, "%-7s %5d %8.2f %7.2f %7.2f %10.2f%n",
              a.scenario(), a.load(),
              ratio(a.cpuMicrosPerPacket(), b.cpuMicrosPerPacket()),
              ratio(a.p50Micros(), b.p50Micros()), ratio(a.p99Micros(), b.p99Micros()),
              ratio(a.rssPerStreamBytes(), b.rssPerStreamBytes())));
        }
      }
    }
  }

  private static double ratio(double a, double b) {
    return b == 0 ? Double.NaN : a / b;
  }
}
