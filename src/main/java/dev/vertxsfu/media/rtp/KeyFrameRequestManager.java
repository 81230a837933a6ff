package dev.vertxsfu.media.rtp;

/**
 * Throttles the keyframe requests (PLI, RFC 4585 §6.3.1; FIR, RFC 5104 §4.3.1) sent to one
 * publisher: consumers starting or still waiting, subscribers' PLIs and unrepairable loss may
 * all ask, but the publisher gets at most one request per {@code intervalMillis}. A request
 * that arrives inside the interval is remembered and sent when it ends, unless a keyframe
 * arrived meanwhile.
 *
 * <p>Which request: a PLI, unless the previous request went unanswered (no keyframe arrived
 * since it was sent) and the publisher negotiated {@code ccm fir}; then a FIR, which RFC 5104
 * §4.3.1.1 makes the stronger demand (a decoder refresh point, not a hint). Back to PLI once a
 * keyframe arrives. The interval stays 1 s in the producer: mediasoup's shorter retries made
 * libwebrtc publishers scale down under the extra keyframes (the closing notes of stop 8).
 *
 * <p>Owned by a {@code Producer} on the room's event loop; the owner's timer calls
 * {@link #poll}.
 */
public final class KeyFrameRequestManager {
  /** What to send to the publisher now. */
  public enum Request { NONE, PLI, FIR }

  private final long intervalMillis;
  private final boolean firNegotiated;
  private long lastSentMillis = Long.MIN_VALUE;
  private boolean pending;
  /** A keyframe arrived after the last request sent (or none was sent yet). */
  private boolean answered = true;

  /** @param firNegotiated whether the publisher accepts FIR ({@code a=rtcp-fb:* ccm fir}) */
  public KeyFrameRequestManager(long intervalMillis, boolean firNegotiated) {
    this.intervalMillis = intervalMillis;
    this.firNegotiated = firNegotiated;
  }

  /** Someone wants a keyframe: what must go to the publisher now, if anything. */
  public Request request(long nowMillis) {
    if (lastSentMillis == Long.MIN_VALUE || nowMillis - lastSentMillis >= intervalMillis) {
      lastSentMillis = nowMillis;
      pending = false;
      Request request = firNegotiated && !answered ? Request.FIR : Request.PLI;
      answered = false;
      return request;
    }
    pending = true;
    return Request.NONE;
  }

  /**
   * Someone wants a keyframe but its owner holds the request back for now (another layer of
   * the publisher was just asked): remembered, and {@link #poll} sends it once due.
   */
  public void defer() {
    pending = true;
  }

  /** Timer: a remembered request that must go out now, if any. */
  public Request poll(long nowMillis) {
    return pending ? request(nowMillis) : Request.NONE;
  }

  /** A keyframe arrived: what was asked for is answered. */
  public void onKeyFrame() {
    pending = false;
    answered = true;
  }

  public boolean pending() {
    return pending;
  }
}
