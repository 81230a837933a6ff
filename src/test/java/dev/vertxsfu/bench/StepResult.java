package dev.vertxsfu.bench;

import java.util.Locale;

/**
 * The figures of one measured step of a scenario, for one target. Immutable.
 *
 * @param target {@code vertx-sfu} or {@code janus}
 * @param scenario {@code fanout} (one publisher to N), {@code simulcast} (the same with a
 *     simulcast publisher) or {@code rooms} (M rooms of four)
 * @param load N subscribers, or M rooms
 * @param subscriberStreams subscribed tracks in all (video and audio count one each)
 * @param packetsPerSecond tagged RTP packets the subscribers received per second
 * @param sfuCpu the server's CPU use in cores (1.0 = one core busy)
 * @param machineCpu the whole machine's busy fraction (0..1), load generator included
 * @param cpuMicrosPerPacket server CPU time per forwarded packet
 * @param p50Micros added latency, median (send to receive, one clock)
 * @param p99Micros added latency, 99th percentile
 * @param maxMicros added latency, maximum
 * @param lossPercent packets the subscribers missed, of those they should have had
 * @param rssBytes the server's resident memory after the step
 * @param heapBytes the server's used heap after a full GC, or -1
 * @param rssPerStreamBytes RSS growth since the idle server, per subscriber stream
 * @param heapPerStreamBytes heap growth since the idle server, per subscriber stream
 */
record StepResult(String target, String scenario, int load, int subscriberStreams,
    double packetsPerSecond, double sfuCpu, double machineCpu, double cpuMicrosPerPacket,
    double p50Micros, double p99Micros, double maxMicros, double lossPercent, long rssBytes,
    long heapBytes, long rssPerStreamBytes, long heapPerStreamBytes) {

  static final String CSV_HEADER = "target,scenario,load,subscriber_streams,packets_per_s,"
      + "sfu_cpu_cores,machine_cpu,cpu_us_per_packet,p50_us,p99_us,max_us,loss_percent,"
      + "rss_bytes,heap_bytes,rss_per_stream_bytes,heap_per_stream_bytes";

  String csv() {
    return String.format(Locale.ROOT, "%s,%s,%d,%d,%.0f,%.3f,%.3f,%.2f,%.0f,%.0f,%.0f,%.3f,%d,%d,%d,%d",
        target, scenario, load, subscriberStreams, packetsPerSecond, sfuCpu, machineCpu,
        cpuMicrosPerPacket, p50Micros, p99Micros, maxMicros, lossPercent, rssBytes, heapBytes,
        rssPerStreamBytes, heapPerStreamBytes);
  }

  /** Reads back a line {@link #csv()} wrote (for re-plotting a finished run). */
  static StepResult parseCsv(String line) {
    String[] f = line.split(",");
    if (f.length != 16) {
      throw new IllegalArgumentException("a results line has 16 fields: " + line);
    }
    return new StepResult(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
        Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
        Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]),
        Double.parseDouble(f[10]), Double.parseDouble(f[11]), Long.parseLong(f[12]),
        Long.parseLong(f[13]), Long.parseLong(f[14]), Long.parseLong(f[15]));
  }

  static final String TABLE_HEADER = String.format(Locale.ROOT,
      "%-10s %-9s %5s %7s %9s %6s %6s %8s %7s %7s %8s %7s %7s %10s %11s",
      "target", "scen", "load", "streams", "pkt/s", "sfuCPU", "mchCPU", "us/pkt", "p50us",
      "p99us", "maxus", "loss%", "RSS MB", "RSS KB/str", "heap KB/str");

  String row() {
    return String.format(Locale.ROOT,
        "%-10s %-9s %5d %7d %9.0f %6.2f %6.2f %8.2f %7.0f %7.0f %8.0f %7.3f %7.1f %10.1f %11s",
        target, scenario, load, subscriberStreams, packetsPerSecond, sfuCpu, machineCpu,
        cpuMicrosPerPacket, p50Micros, p99Micros, maxMicros, lossPercent,
        rssBytes / 1048576.0, rssPerStreamBytes / 1024.0,
        heapBytes < 0 ? "-" : String.format(Locale.ROOT, "%.1f", heapPerStreamBytes / 1024.0));
  }
}
