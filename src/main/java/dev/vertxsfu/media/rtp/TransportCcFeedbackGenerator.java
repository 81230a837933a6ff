package dev.vertxsfu.media.rtp;

import dev.vertxsfu.wire.rtcp.TransportWideCcFeedback;
import dev.vertxsfu.wire.rtcp.TransportWideCcFeedbackBuilder;
import dev.vertxsfu.wire.rtp.SeqUnwrapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The receiver side of transport-wide congestion control for one publisher's transport
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3; mediasoup's
 * {@code TransportCongestionControlServer}): it notes the transport-wide sequence number and
 * arrival time of every packet, and reports them in feedback packets a few times a second.
 *
 * <p>A publisher that negotiated {@code transport-cc} estimates its bandwidth from this
 * feedback alone; without it libwebrtc's estimate times out and falls to its minimum (30 kbps,
 * measured), and the encoder drops frames.
 *
 * <p>Owned by the room's router on its event loop; times are arguments. Arrival storage starts
 * at {@value #INITIAL_CAPACITY} and doubles when the arrivals between two feedbacks need it, up
 * to {@value #MAX_PENDING} (a camera and a microphone fit in 64; the full 16 KB only for a
 * burst), and never shrinks; the feedback packets are objects, a few per transport per second.
 */
public final class TransportCcFeedbackGenerator {
  /** Arrivals kept between two feedbacks; more (a burst past 20k packets/s) are not reported. */
  static final int MAX_PENDING = 1024;
  /** Arrivals the storage holds before it first grows. */
  static final int INITIAL_CAPACITY = 64;

  private final long senderSsrc;
  private final SeqUnwrapper unwrapper = new SeqUnwrapper();
  private long[] seqs = new long[INITIAL_CAPACITY];
  private long[] arrivalsUs = new long[INITIAL_CAPACITY];
  private final TransportWideCcFeedbackBuilder builder;
  private int size;
  private int feedbackCount;
  private long mediaSsrc;

  public TransportCcFeedbackGenerator(long senderSsrc) {
    this.senderSsrc = senderSsrc;
    this.builder = new TransportWideCcFeedbackBuilder(senderSsrc, 0, 0);
  }

  /** A packet carrying transport-wide sequence number {@code sequenceNumber} arrived. */
  public void onPacket(int sequenceNumber, long arrivalUs, long packetSsrc) {
    long extended = unwrapper.unwrap(sequenceNumber);
    if (size == seqs.length) {
      if (size == MAX_PENDING) {
        return;
      }
      seqs = java.util.Arrays.copyOf(seqs, size * 2);
      arrivalsUs = java.util.Arrays.copyOf(arrivalsUs, size * 2);
    }
    mediaSsrc = packetSsrc;
    // arrivals are nearly in order: insert from the end
    int at = size;
    while (at > 0 && seqs[at - 1] > extended) {
      seqs[at] = seqs[at - 1];
      arrivalsUs[at] = arrivalsUs[at - 1];
      at--;
    }
    if (at > 0 && seqs[at - 1] == extended) {
      for (int i = at; i < size; i++) { // a duplicate: undo the shift
        seqs[i] = seqs[i + 1];
        arrivalsUs[i] = arrivalsUs[i + 1];
      }
      return;
    }
    seqs[at] = extended;
    arrivalsUs[at] = arrivalUs;
    size++;
  }

  /** Arrivals the storage holds now, for tests. */
  int capacity() {
    return seqs.length;
  }

  public boolean hasPending() {
    return size > 0;
  }

  /** The feedback for every arrival since the last call (usually one packet), oldest first. */
  public List<TransportWideCcFeedback> feedback() {
    List<TransportWideCcFeedback> out = new ArrayList<>(1);
    if (size == 0) {
      return out;
    }
    builder.reset(senderSsrc, mediaSsrc, nextCount());
    for (int i = 0; i < size; i++) {
      int seq = (int) (seqs[i] & 0xFFFF);
      if (!builder.addReceivedPacket(seq, arrivalsUs[i])) {
        out.add(builder.build()); // full, or a gap or delta it cannot express: start another
        builder.reset(senderSsrc, mediaSsrc, nextCount());
        builder.addReceivedPacket(seq, arrivalsUs[i]);
      }
    }
    out.add(builder.build());
    size = 0;
    return out;
  }

  private int nextCount() {
    int count = feedbackCount;
    feedbackCount = (feedbackCount + 1) & 0xFF;
    return count;
  }
}
