package dev.vertxsfu.signaling;

import java.util.ArrayDeque;

/**
 * Counts one connection's bad frames in a sliding window (docs/protocol.md, "Limits": more than
 * 20 in 10 s closes the socket with 1008); also its messages before it joined a room. The caller
 * passes the time, so tests need no clock.
 * Owned by one {@link ClientConnection}, used on its event loop only.
 */
final class BadFrameLimiter {
  /** Bad frames a client may send within {@link #WINDOW_MILLIS}. */
  static final int MAX_BAD_FRAMES = 20;
  static final long WINDOW_MILLIS = 10_000;

  private final int maxInWindow;
  private final long windowMillis;
  /** The times of the bad frames still inside the window, oldest first. */
  private final ArrayDeque<Long> times = new ArrayDeque<>();

  BadFrameLimiter() {
    this(MAX_BAD_FRAMES, WINDOW_MILLIS);
  }

  BadFrameLimiter(int maxInWindow, long windowMillis) {
    this.maxInWindow = maxInWindow;
    this.windowMillis = windowMillis;
  }

  int maxInWindow() {
    return maxInWindow;
  }

  /**
   * Records a bad frame at {@code nowMillis} (a monotonic clock).
   *
   * @return whether this frame is one too many: more than the limit within the window
   */
  boolean recordAndCheck(long nowMillis) {
    while (!times.isEmpty() && nowMillis - times.peekFirst() >= windowMillis) {
      times.pollFirst();
    }
    times.addLast(nowMillis);
    return times.size() > maxInWindow;
  }
}
