package dev.vertxsfu.client;

import dev.onvoid.webrtc.RTCPeerConnectionState;

/**
 * When the client restarts ICE and when it gives up and joins again (docs/protocol.md section
 * 17): a peer connection that goes {@code disconnected} or {@code failed} restarts ICE at once;
 * an attempt that has not brought it back to {@code connected} within
 * {@link #attemptTimeoutMillis} (or that ends in {@code failed}) is followed by the next, and
 * after {@link #maxAttempts} of them the client joins again. Back to {@code connected}, it
 * starts from scratch.
 *
 * <p>Pure: the client passes the states libwebrtc reports and the time, and calls
 * {@link #tick} from a timer; it acts on what comes back. One per peer connection, called on
 * the client's signaling thread only.
 */
final class IceRestartPolicy {
  static final int DEFAULT_MAX_ATTEMPTS = 2;
  static final long DEFAULT_ATTEMPT_TIMEOUT_MILLIS = 10_000;

  /** What the client does now. */
  enum Action {
    NONE,
    /** Offer with {@code iceRestart}. */
    RESTART,
    /** Restarts did not help: leave the room and join again (section 11). */
    REJOIN
  }

  private final int maxAttempts;
  private final long attemptTimeoutMillis;
  private int attempts;
  /** When the running attempt started; -1 when none runs. */
  private long attemptStartedAt = -1;
  private boolean gaveUp;
  private boolean everConnected;

  IceRestartPolicy() {
    this(DEFAULT_MAX_ATTEMPTS, DEFAULT_ATTEMPT_TIMEOUT_MILLIS);
  }

  IceRestartPolicy(int maxAttempts, long attemptTimeoutMillis) {
    if (maxAttempts < 0 || attemptTimeoutMillis <= 0) {
      throw new IllegalArgumentException("attempts >= 0 and a positive timeout");
    }
    this.maxAttempts = maxAttempts;
    this.attemptTimeoutMillis = attemptTimeoutMillis;
  }

  /** The peer connection's state changed. */
  Action onState(RTCPeerConnectionState state, long now) {
    if (gaveUp) {
      return Action.NONE;
    }
    switch (state) {
      case CONNECTED -> {
        everConnected = true;
        attempts = 0;
        attemptStartedAt = -1;
        return Action.NONE;
      }
      case DISCONNECTED -> {
        return everConnected && attemptStartedAt < 0 ? next(now) : Action.NONE;
      }
      case FAILED -> {
        return everConnected ? next(now) : Action.NONE; // a failed attempt ends it early
      }
      default -> {
        return Action.NONE;
      }
    }
  }

  /** The client's timer: an attempt that took too long is followed by the next. */
  Action tick(long now) {
    if (gaveUp || attemptStartedAt < 0 || now - attemptStartedAt < attemptTimeoutMillis) {
      return Action.NONE;
    }
    return next(now);
  }

  /** How many restarts ran since the connection was last connected. */
  int attempts() {
    return attempts;
  }

  long attemptTimeoutMillis() {
    return attemptTimeoutMillis;
  }

  private Action next(long now) {
    if (attempts >= maxAttempts) {
      gaveUp = true;
      attemptStartedAt = -1;
      return Action.REJOIN;
    }
    attempts++;
    attemptStartedAt = now;
    return Action.RESTART;
  }
}
