package dev.vertxsfu.media.cc;

/**
 * Spreads one {@link ProbeCluster} over time (the probing half of libwebrtc's pacer): from the
 * cluster's start, at most {@code targetBps} in total may have left, media and padding together,
 * plus one packet of slack, and never more than the cluster's bytes. The transport asks
 * {@link #paddingDue} on its pacing timer and sends that much padding; the media that leaves
 * meanwhile counts toward the cluster ({@link #onSent}), so the cluster's rate is the target, not
 * the target on top of the media.
 *
 * <p>The cluster ends when its bytes and packets are out, or {@value #MAX_OVERRUN_FACTOR} times
 * its duration after its start even if the transport could not send them all (no consumer to pad
 * on, a transport that refused): a cluster sent late would measure the timer, not the path.
 *
 * <p>Pure: owned by the subscriber's {@link TransportCongestionControlClient} on the room's loop;
 * times in µs are passed in. Allocates nothing.
 */
public final class ProbePacer {
  /** How long past its nominal duration a cluster may take before it is given up. */
  static final int MAX_OVERRUN_FACTOR = 3;
  /** The size a padding-only packet is counted at before it is sent (RFC 3550: at most 255). */
  public static final int PADDING_PACKET_BYTES = 255;

  private int cluster = SendHistory.NO_PROBE;
  private long targetBps;
  private int bytesToSend;
  private int packetsToSend;
  private long startUs;
  private long deadlineUs;
  private long bytesSent;
  private int packetsSent;

  /** Starts {@code probe} now, replacing any cluster still going. */
  public void start(ProbeCluster probe, long nowUs) {
    cluster = probe.id();
    targetBps = probe.targetBps();
    bytesToSend = probe.bytes();
    packetsToSend = probe.packets();
    startUs = nowUs;
    long durationUs = Math.max(1, (long) probe.bytes() * 8_000_000 / Math.max(1, probe.targetBps()));
    deadlineUs = nowUs + MAX_OVERRUN_FACTOR * durationUs;
    bytesSent = 0;
    packetsSent = 0;
  }

  /** The cluster being sent, or {@link SendHistory#NO_PROBE}. */
  public int cluster() {
    return cluster;
  }

  /** Whether a cluster is being sent. */
  public boolean active() {
    return cluster != SendHistory.NO_PROBE;
  }

  /** A packet of the cluster left (media or padding); ends the cluster once all of it is out. */
  public void onSent(int sizeBytes) {
    if (!active()) {
      return;
    }
    bytesSent += sizeBytes;
    packetsSent++;
    if (bytesSent >= bytesToSend && packetsSent >= packetsToSend) {
      cluster = SendHistory.NO_PROBE;
    }
  }

  /** Ends the cluster now (the path showed a queue building under it). */
  public void stop() {
    cluster = SendHistory.NO_PROBE;
  }

  /** Ends the cluster if its deadline has passed; whether it did (or none was going). */
  public boolean expired(long nowUs) {
    if (active() && nowUs > deadlineUs) {
      cluster = SendHistory.NO_PROBE;
    }
    return !active();
  }

  /**
   * How many bytes of padding to send now: what the target rate allows since the start (plus one
   * padding packet, so the first leaves at once) less what left, within the cluster's bytes; when
   * the bytes are out but not yet the packets, one more packet. 0 when none is due, or when the
   * cluster has ended (which this call may decide, past its deadline).
   */
  public int paddingDue(long nowUs) {
    if (!active()) {
      return 0;
    }
    if (expired(nowUs)) {
      return 0;
    }
    if (bytesSent >= bytesToSend) {
      return packetsSent < packetsToSend ? PADDING_PACKET_BYTES : 0;
    }
    long elapsedUs = Math.max(0, nowUs - startUs);
    long allowed = Math.min(bytesToSend, targetBps * elapsedUs / 8_000_000 + PADDING_PACKET_BYTES);
    return (int) Math.max(0, allowed - bytesSent);
  }
}
