package dev.vertxsfu.room;

import dev.vertxsfu.media.transport.TransportState;

/**
 * Whether a client's transport has been without a connection for too long (issue 11, item 4):
 * not connected within {@code connectTimeoutMillis} of the SFU's first answer (a client that
 * offers and never starts ICE), or disconnected or failed for {@code disconnectTimeoutMillis}
 * after it was connected (a client that vanished without closing its socket). The room then
 * lets the client go.
 *
 * <p>Pure: the room passes the transport's state and the time at its consent tick. One per
 * client with a transport, owned by the {@link Room}, on its loop.
 */
final class TransportWatch {
  private final long connectTimeoutMillis;
  private final long disconnectTimeoutMillis;
  private boolean everConnected;
  /** Since when the transport is not connected; -1 while it is. */
  private long unconnectedSince;

  TransportWatch(long connectTimeoutMillis, long disconnectTimeoutMillis, long answeredAt) {
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.disconnectTimeoutMillis = disconnectTimeoutMillis;
    this.unconnectedSince = answeredAt;
  }

  /** Whether the client should be let go now, its transport being in {@code state}. */
  boolean expired(TransportState state, long now) {
    if (state == TransportState.CONNECTED) {
      everConnected = true;
      unconnectedSince = -1;
      return false;
    }
    if (unconnectedSince < 0) {
      unconnectedSince = now;
    }
    return now - unconnectedSince >= (everConnected ? disconnectTimeoutMillis
        : connectTimeoutMillis);
  }

  /**
   * The client restarted ICE: if its transport is not connected, the time it has to connect
   * again counts from now (one ICE restart per timeout; each needs an offer of the client).
   */
  void iceRestarted(long now) {
    if (unconnectedSince >= 0) {
      unconnectedSince = now;
    }
  }

  /** Whether the transport was connected at some point. */
  boolean wasConnected() {
    return everConnected;
  }

  /** Why the client was let go, for logs. */
  String reason() {
    return everConnected ? "its transport stayed disconnected" : "its transport never connected";
  }
}
