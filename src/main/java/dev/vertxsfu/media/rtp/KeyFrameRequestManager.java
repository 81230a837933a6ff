package dev.vertxsfu.media.rtp;

/**
 * Throttles the keyframe requests (PLI, RFC 4585 §6.3.1; FIR, RFC 5104 §4.3.1) sent to one
 * publisher: consumers starting, subscribers' PLIs and unrepairable loss may all ask, but the
 * publisher gets at most one request per {@code intervalMillis}. A request that arrives inside
 * the interval is remembered and sent when it ends, unless a keyframe arrived meanwhile.
 *
 * <p>Owned by a {@code Producer} on the room's event loop; the owner's timer calls
 * {@link #poll}.
 */
public final class KeyFrameRequestManager {
  private final long intervalMillis;
  private long lastSentMillis = Long.MIN_VALUE;
  private boolean pending;

  public KeyFrameRequestManager(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  /** Someone wants a keyframe: returns true if a request must go to the publisher now. */
  public boolean request(long nowMillis) {
    if (lastSentMillis == Long.MIN_VALUE || nowMillis - lastSentMillis >= intervalMillis) {
      lastSentMillis = nowMillis;
      pending = false;
      return true;
    }
    pending = true;
    return false;
  }

  /** Timer: returns true if a remembered request must go out now. */
  public boolean poll(long nowMillis) {
    return pending && request(nowMillis);
  }

  /** A keyframe arrived: what was remembered is answered. */
  public void onKeyFrame() {
    pending = false;
  }

  public boolean pending() {
    return pending;
  }
}
