package dev.vertxsfu.media.rtp;

/**
 * The sequence numbers a consumer sends: the producer's, shifted by an offset fixed when the
 * consumer forwards its first packet, so each consumer's stream (with its own SSRC) starts
 * where it chooses and runs without gaps the publisher did not make. Maps back for NACKs.
 *
 * <p>Owned by a {@code Consumer} on the room's event loop.
 */
public final class SeqManager {
  private final int firstOutput;
  private int offset;
  private boolean started;

  /** @param firstOutput the sequence number of the first packet this consumer sends */
  public SeqManager(int firstOutput) {
    this.firstOutput = firstOutput & 0xFFFF;
  }

  /** The outgoing sequence number for an incoming one; the first call fixes the offset. */
  public int output(int input) {
    if (!started) {
      offset = (firstOutput - input) & 0xFFFF;
      started = true;
    }
    return (input + offset) & 0xFFFF;
  }

  /** The incoming sequence number an outgoing one was made from (for a subscriber's NACK). */
  public int input(int output) {
    return (output - offset) & 0xFFFF;
  }

  public boolean started() {
    return started;
  }
}
