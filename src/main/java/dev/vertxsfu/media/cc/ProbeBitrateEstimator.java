package dev.vertxsfu.media.cc;

/**
 * Turns the feedback about a probe cluster into the bitrate the path carried
 * (libwebrtc's {@code ProbeBitrateEstimator}): bytes sent over the cluster's send interval and
 * bytes received over its receive interval, the smaller of the two. A result needs at least
 * {@value #MIN_PACKETS} reported packets and a receive rate not far below the send rate's ratio
 * (else the path is below the probe and the receive rate is what it carries).
 *
 * <p>Owned by a {@link SendSideBandwidthEstimator}. Tracks the last {@value #CLUSTERS} clusters
 * in a fixed table, keyed by cluster id modulo its size.
 */
final class ProbeBitrateEstimator {
  static final int CLUSTERS = 8;
  static final int MIN_PACKETS = 5;

  private final int[] id = new int[CLUSTERS];
  private final int[] packets = new int[CLUSTERS];
  private final long[] firstSendUs = new long[CLUSTERS];
  private final long[] lastSendUs = new long[CLUSTERS];
  private final long[] firstArrivalUs = new long[CLUSTERS];
  private final long[] lastArrivalUs = new long[CLUSTERS];
  private final long[] bytes = new long[CLUSTERS];
  private final int[] lastSendSize = new int[CLUSTERS];
  private final int[] firstArrivalSize = new int[CLUSTERS];

  ProbeBitrateEstimator() {
    java.util.Arrays.fill(id, -1);
  }

  /** A packet of cluster {@code cluster} was reported received. */
  void onPacket(int cluster, long sendUs, long arrivalUs, int size) {
    int slot = Math.floorMod(cluster, CLUSTERS);
    if (id[slot] != cluster) {
      id[slot] = cluster;
      packets[slot] = 0;
      bytes[slot] = 0;
      firstSendUs[slot] = Long.MAX_VALUE;
      lastSendUs[slot] = Long.MIN_VALUE;
      firstArrivalUs[slot] = Long.MAX_VALUE;
      lastArrivalUs[slot] = Long.MIN_VALUE;
    }
    packets[slot]++;
    bytes[slot] += size;
    if (sendUs < firstSendUs[slot]) {
      firstSendUs[slot] = sendUs;
    }
    if (sendUs >= lastSendUs[slot]) {
      lastSendUs[slot] = sendUs;
      lastSendSize[slot] = size;
    }
    if (arrivalUs < firstArrivalUs[slot]) {
      firstArrivalUs[slot] = arrivalUs;
      firstArrivalSize[slot] = size;
    }
    lastArrivalUs[slot] = Math.max(lastArrivalUs[slot], arrivalUs);
  }

  /** The cluster's measured bitrate, or 0 when it has too few packets or intervals of zero. */
  long resultBps(int cluster) {
    int slot = Math.floorMod(cluster, CLUSTERS);
    if (id[slot] != cluster || packets[slot] < MIN_PACKETS) {
      return 0;
    }
    long sendInterval = lastSendUs[slot] - firstSendUs[slot];
    long arrivalInterval = lastArrivalUs[slot] - firstArrivalUs[slot];
    if (sendInterval <= 0 || arrivalInterval <= 0) {
      return 0;
    }
    // the last packet sent takes no send time; the first received takes no receive time
    long sendBps = (bytes[slot] - lastSendSize[slot]) * 8_000_000 / sendInterval;
    long receiveBps = (bytes[slot] - firstArrivalSize[slot]) * 8_000_000 / arrivalInterval;
    return Math.min(sendBps, receiveBps);
  }

  /** Packets of the cluster reported received so far. */
  int packets(int cluster) {
    int slot = Math.floorMod(cluster, CLUSTERS);
    return id[slot] == cluster ? packets[slot] : 0;
  }
}
