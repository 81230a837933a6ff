package dev.vertxsfu.bench;

import dev.vertxsfu.wire.rtcp.ReceiverReport;
import dev.vertxsfu.wire.rtcp.ReportBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A subscriber's receive side: for every RTP packet that carries a {@link PacketTag} it
 * records the latency (arrival minus send, both {@code System.nanoTime()} of this process)
 * in a {@link LatencyHistogram} and counts the packet for its published stream; it sends an
 * RTCP receiver report for each SSRC it hears once a second, as a normal RTCP peer does. It
 * decodes nothing.
 *
 * <p>Per published stream (indexed by the tag's stream index) it keeps the number received
 * and the highest packet number seen, in primitive arrays; the receive path allocates nothing.
 *
 * <p>Threads: the peer's {@link PeerLoop}; the harness reads through {@link #sample}, which
 * runs on that loop.
 */
final class MediaSink implements SyntheticPeer.MediaListener {
  private static final int MAX_SSRCS = 31; // report blocks one RR holds

  /** What a sink had received at one instant, copied on its loop. */
  record Sample(long[] received, int[] highest, LatencyHistogram latency, long untagged) {}

  private final SyntheticPeer peer;
  private final long ownSsrc;
  private final long[] received;
  private final int[] highest;
  private final LatencyHistogram latency = new LatencyHistogram();
  private final int[] ssrcs = new int[MAX_SSRCS];
  private final int[] ssrcHighestSeq = new int[MAX_SSRCS];
  private final byte[] report = new byte[PeerLoop.MAX_DATAGRAM];
  private int ssrcCount;
  private long untagged;
  private volatile long total;

  MediaSink(SyntheticPeer peer, int maxStreams, long ownSsrc) {
    this.peer = peer;
    this.ownSsrc = ownSsrc;
    this.received = new long[maxStreams];
    this.highest = new int[maxStreams];
    Arrays.fill(highest, -1);
  }

  /** Any thread: listens to the peer and starts the receiver reports. */
  void start() {
    peer.loop().execute(() -> {
      peer.setListener(this);
      peer.loop().periodic(1_000_000_000L, this::sendReport);
    });
  }

  /** Tagged packets received so far (racy read from other threads, monotonic). */
  long total() {
    return total;
  }

  /**
   * Copies the counters on the sink's loop; with {@code resetLatency} the latency histogram
   * starts again after the copy (a measurement window's start).
   */
  CompletableFuture<Sample> sample(boolean resetLatency) {
    CompletableFuture<Sample> result = new CompletableFuture<>();
    peer.loop().execute(() -> {
      result.complete(snapshot());
      if (resetLatency) {
        latency.reset();
      }
    });
    return result;
  }

  /** The counters now; the sink's loop only (or a test that feeds {@link #onRtp} itself). */
  Sample snapshot() {
    return new Sample(received.clone(), highest.clone(), latency.copy(), untagged);
  }

  @Override
  public void onRtp(byte[] buf, int off, int len, long arrivalNanos) {
    trackSsrc(buf, off);
    if (!PacketTag.isPresent(buf, off, len)) {
      untagged++;
      return;
    }
    int stream = PacketTag.streamIndex(buf, off, len);
    if (stream >= received.length) {
      untagged++;
      return;
    }
    int number = PacketTag.packetNumber(buf, off, len);
    received[stream]++;
    if (number > highest[stream]) {
      highest[stream] = number;
    }
    latency.record(arrivalNanos - PacketTag.sendNanos(buf, off, len));
    total++;
  }

  @Override
  public void onRtcp(byte[] buf, int off, int len, long arrivalNanos) {
    // SRs from the SFU: nothing to do with them here
  }

  private void trackSsrc(byte[] buf, int off) {
    int ssrc = SrtpStreams.ssrc(buf, off + 8);
    int seq = ((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF);
    for (int i = 0; i < ssrcCount; i++) {
      if (ssrcs[i] == ssrc) {
        ssrcHighestSeq[i] = seq; // good enough for a report: the last one seen
        return;
      }
    }
    if (ssrcCount < MAX_SSRCS) {
      ssrcs[ssrcCount] = ssrc;
      ssrcHighestSeq[ssrcCount++] = seq;
    }
  }

  private void sendReport() {
    if (ssrcCount == 0 || !peer.isConnected()) {
      return;
    }
    List<ReportBlock> blocks = new ArrayList<>(ssrcCount);
    for (int i = 0; i < ssrcCount; i++) {
      blocks.add(new ReportBlock(ssrcs[i] & 0xFFFF_FFFFL, 0, 0, ssrcHighestSeq[i], 0, 0, 0));
    }
    int len = new ReceiverReport(ownSsrc, blocks).write(report, 0);
    peer.sendRtcp(report, 0, len);
  }
}
