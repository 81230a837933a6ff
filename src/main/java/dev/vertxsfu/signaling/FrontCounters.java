package dev.vertxsfu.signaling;

/**
 * What one signaling front refused or cut off since it started: plain counters, for a metrics
 * exporter to read. Owned by one {@link SignalingVerticle} instance and only touched on its
 * event loop (by the verticle and its {@link ClientConnection}s), so nothing is locked; read
 * them there too ({@link SignalingVerticle#counters()} copies them on the loop).
 */
public final class FrontCounters {
  /** WebSockets closed with 1013 because their client did not read what the node wrote. */
  long slowReaderCloses;
  /** Frames answered with {@code bad_request} before reaching a room. */
  long badFrames;
  /** WebSockets closed with 1008 for too many bad frames in the window. */
  long badFrameRateCloses;
  /** WebSockets closed with 1009 for a frame or message over the WebSocket limit. */
  long tooBigCloses;
  /** WebSockets closed with 1001 because no pong came in time. */
  long pingTimeouts;
  /** TCP connections closed because they sent no complete HTTP request in time. */
  long handshakeTimeouts;
  /** TCP connections refused because their address held too many already. */
  long perIpRefusals;

  FrontCounters() {}

  private FrontCounters(FrontCounters from) {
    slowReaderCloses = from.slowReaderCloses;
    badFrames = from.badFrames;
    badFrameRateCloses = from.badFrameRateCloses;
    tooBigCloses = from.tooBigCloses;
    pingTimeouts = from.pingTimeouts;
    handshakeTimeouts = from.handshakeTimeouts;
    perIpRefusals = from.perIpRefusals;
  }

  /** A copy, taken on the owner's loop, that any thread may read. */
  FrontCounters copy() {
    return new FrontCounters(this);
  }

  public long slowReaderCloses() {
    return slowReaderCloses;
  }

  public long badFrames() {
    return badFrames;
  }

  public long badFrameRateCloses() {
    return badFrameRateCloses;
  }

  public long tooBigCloses() {
    return tooBigCloses;
  }

  public long pingTimeouts() {
    return pingTimeouts;
  }

  public long handshakeTimeouts() {
    return handshakeTimeouts;
  }

  public long perIpRefusals() {
    return perIpRefusals;
  }

  @Override
  public String toString() {
    return "FrontCounters[slowReaderCloses=" + slowReaderCloses + ", badFrames=" + badFrames
        + ", badFrameRateCloses=" + badFrameRateCloses + ", tooBigCloses=" + tooBigCloses
        + ", pingTimeouts=" + pingTimeouts + ", handshakeTimeouts=" + handshakeTimeouts
        + ", perIpRefusals=" + perIpRefusals + "]";
  }
}
