package dev.vertxsfu.media.cc;

import java.util.Arrays;

/**
 * Turns the feedback about a probe cluster into the bitrate the path carried (the job of
 * libwebrtc's {@code ProbeBitrateEstimator}, with a defence of its own against token buckets):
 * the smaller of the rate the cluster was sent at and the rate its <em>later part</em> arrived
 * at. A token-bucket shaper (Linux tbf, most access links) lets a burst through at line rate
 * until its bucket is empty and only then holds packets to its rate: the first part of a cluster
 * comes back as fast as it was sent whatever the rate, so only its tail tells the rate. The later
 * part is the packets sent in the last {@value #LATER_PART_PERCENT} % of the cluster's send
 * interval (the {@link ProbeController} makes clusters long enough that the bucket is empty by
 * then).
 *
 * <p>A result is given once per cluster, when it is complete: feedback reported a packet sent
 * after the cluster's last one (so every packet of the cluster the receiver got is known), and
 * at least {@value #MIN_PACKETS} of its packets arrived. A partial cluster would measure only its
 * head, which is the burst.
 *
 * <p>Owned by a {@link SendSideBandwidthEstimator}, on the room's loop. The last
 * {@value #CLUSTERS} clusters live in fixed tables keyed by cluster id modulo their number, each
 * keeping at most {@value #MAX_PACKETS} packets (later ones still count toward the send rate);
 * nothing is allocated per packet.
 */
final class ProbeBitrateEstimator {
  static final int CLUSTERS = 8;
  static final int MIN_PACKETS = 5;
  static final int MAX_PACKETS = 512;
  static final int LATER_PART_PERCENT = 33;
  /** What {@link #takeResult} returns when no cluster completed. */
  static final long NO_RESULT = -1;

  private final int[] id = new int[CLUSTERS];
  private final long[] lastSentSeq = new long[CLUSTERS];
  private final boolean[] done = new boolean[CLUSTERS];
  private final int[] packets = new int[CLUSTERS];
  private final long[][] sendUs = new long[CLUSTERS][MAX_PACKETS];
  private final long[][] arrivalUs = new long[CLUSTERS][MAX_PACKETS];
  private final int[][] size = new int[CLUSTERS][MAX_PACKETS];
  /** The smallest and the latest one-way delay (arrival less send, on two clocks) reported. */
  private final long[] minDelayUs = new long[CLUSTERS];
  private final long[] lastDelayUs = new long[CLUSTERS];
  private int resultCluster = SendHistory.NO_PROBE;
  /** The send and the later part's arrival rate of the cluster {@link #measure} last measured. */
  private long measuredSendBps;
  private long measuredReceiveBps;
  /** The same two rates of the cluster of the last result, for the log. */
  private long resultSendBps;
  private long resultReceiveBps;

  ProbeBitrateEstimator() {
    Arrays.fill(id, SendHistory.NO_PROBE);
  }

  /** A packet of cluster {@code cluster} left with unwrapped sequence number {@code seq}. */
  void onSent(int cluster, long seq) {
    int slot = slot(cluster);
    if (id[slot] != cluster) {
      id[slot] = cluster;
      packets[slot] = 0;
      done[slot] = false;
      minDelayUs[slot] = Long.MAX_VALUE;
      lastDelayUs[slot] = Long.MIN_VALUE;
    }
    lastSentSeq[slot] = seq;
  }

  /** A packet of cluster {@code cluster} was reported received. */
  void onPacket(int cluster, long sendTime, long arrival, int bytes) {
    int slot = slot(cluster);
    if (id[slot] != cluster || done[slot] || packets[slot] >= MAX_PACKETS) {
      return;
    }
    long delay = arrival - sendTime;
    minDelayUs[slot] = Math.min(minDelayUs[slot], delay);
    lastDelayUs[slot] = delay;
    int i = packets[slot]++;
    sendUs[slot][i] = sendTime;
    arrivalUs[slot][i] = arrival;
    size[slot][i] = bytes;
  }

  /**
   * Feedback has reported packets up to unwrapped sequence number {@code highestReported}: every
   * cluster sent wholly before it is complete. Returns the result of one that completed now (the
   * newest), or {@link #NO_RESULT}; its id is then {@link #resultCluster}.
   */
  long complete(long highestReported) {
    long result = NO_RESULT;
    for (int slot = 0; slot < CLUSTERS; slot++) {
      if (id[slot] == SendHistory.NO_PROBE || done[slot] || lastSentSeq[slot] >= highestReported) {
        continue;
      }
      done[slot] = true;
      long bps = measure(slot);
      if (bps > 0 && (result == NO_RESULT || id[slot] - resultCluster > 0)) {
        result = bps;
        resultCluster = id[slot];
        resultSendBps = measuredSendBps;
        resultReceiveBps = measuredReceiveBps;
      }
    }
    return result;
  }

  /** The rate the cluster of the last result was sent at. */
  long resultSendBps() {
    return resultSendBps;
  }

  /** The rate the later part of the cluster of the last result arrived at. */
  long resultReceiveBps() {
    return resultReceiveBps;
  }

  /** The cluster of the last result {@link #complete} gave. */
  int resultCluster() {
    return resultCluster;
  }

  private long measure(int slot) {
    int n = packets[slot];
    if (n < MIN_PACKETS) {
      return 0;
    }
    long[] send = sendUs[slot];
    long[] arrival = arrivalUs[slot];
    int[] bytes = size[slot];
    long firstSend = Long.MAX_VALUE;
    long lastSend = Long.MIN_VALUE;
    int lastSendSize = 0;
    long total = 0;
    for (int i = 0; i < n; i++) {
      total += bytes[i];
      firstSend = Math.min(firstSend, send[i]);
      if (send[i] >= lastSend) {
        lastSend = send[i];
        lastSendSize = bytes[i];
      }
    }
    long sendInterval = lastSend - firstSend;
    if (sendInterval <= 0) {
      return 0;
    }
    // the last packet sent takes no send time
    long sendBps = (total - lastSendSize) * 8_000_000 / sendInterval;
    long receiveBps = laterReceiveBps(slot, lastSend - sendInterval * LATER_PART_PERCENT / 100);
    if (receiveBps <= 0) {
      receiveBps = laterReceiveBps(slot, Long.MIN_VALUE);
    }
    measuredSendBps = sendBps;
    measuredReceiveBps = receiveBps;
    return receiveBps <= 0 ? 0 : Math.min(sendBps, receiveBps);
  }

  /** The arrival rate of the packets sent at or after {@code fromSendUs}, 0 if too few. */
  private long laterReceiveBps(int slot, long fromSendUs) {
    long firstArrival = Long.MAX_VALUE;
    long lastArrival = Long.MIN_VALUE;
    int firstArrivalSize = 0;
    long bytes = 0;
    int count = 0;
    for (int i = 0; i < packets[slot]; i++) {
      if (sendUs[slot][i] < fromSendUs) {
        continue;
      }
      count++;
      bytes += size[slot][i];
      if (arrivalUs[slot][i] < firstArrival) {
        firstArrival = arrivalUs[slot][i];
        firstArrivalSize = size[slot][i];
      }
      lastArrival = Math.max(lastArrival, arrivalUs[slot][i]);
    }
    long interval = lastArrival - firstArrival;
    if (count < 3 || interval <= 0) {
      return 0;
    }
    // the first packet received takes no receive time
    return (bytes - firstArrivalSize) * 8_000_000 / interval;
  }

  /**
   * How much longer than its fastest packet the last reported packet of cluster {@code cluster}
   * took, in µs: the queue the cluster built on the path (0 when unknown).
   */
  long queueGrowthUs(int cluster) {
    int slot = slot(cluster);
    if (id[slot] != cluster || lastDelayUs[slot] == Long.MIN_VALUE) {
      return 0;
    }
    return lastDelayUs[slot] - minDelayUs[slot];
  }

  /** Whether a cluster was sent that is not complete yet. */
  boolean pending() {
    for (int slot = 0; slot < CLUSTERS; slot++) {
      if (id[slot] != SendHistory.NO_PROBE && !done[slot]) {
        return true;
      }
    }
    return false;
  }

  /** Packets of the cluster reported received so far. */
  int packets(int cluster) {
    int slot = slot(cluster);
    return id[slot] == cluster ? packets[slot] : 0;
  }

  private static int slot(int cluster) {
    return Math.floorMod(cluster, CLUSTERS);
  }
}
