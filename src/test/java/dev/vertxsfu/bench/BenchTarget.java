package dev.vertxsfu.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A server the harness measures: our SFU ({@link VertxSfuTarget}) or, later, Janus VideoRoom.
 * It starts the server as a process of its own, and joins synthetic peers to rooms through the
 * server's own signaling. Media never goes through this interface: the harness drives it on
 * the {@link SyntheticPeer}s.
 *
 * <p>Threads: {@link #start} and {@link #close} on the harness's main thread; the futures
 * complete on signaling threads.
 */
interface BenchTarget extends AutoCloseable {
  /** What the harness needs to subscribe to one publisher: target-specific ids. */
  record Publication(int index, String clientId, String videoTrackId, String audioTrackId,
      long feedId) {}

  /** A short name for reports: {@code vertx-sfu}, {@code janus}. */
  String name();

  /** Starts the server process and waits until it takes clients. */
  ServerProcess start() throws Exception;

  /**
   * Joins {@code room} as publisher {@code index} on {@code peer}: offers a VP8 and an Opus
   * track with the given SSRCs, and starts the peer's transport. Completes once the server
   * accepts the tracks (the peer may still be connecting: wait on {@link
   * SyntheticPeer#connected()}).
   */
  CompletableFuture<Publication> publish(String room, int index, SyntheticPeer peer,
      long videoSsrc, long audioSsrc);

  /**
   * As {@link #publish}, with the video track as simulcast: one encoding per SSRC of
   * {@code videoSsrcs}, smallest first ({@code a=ssrc-group:SIM}).
   *
   * @throws UnsupportedOperationException from a target the harness cannot publish simulcast to
   */
  default CompletableFuture<Publication> publishSimulcast(String room, int index,
      SyntheticPeer peer, long[] videoSsrcs, long audioSsrc) {
    throw new UnsupportedOperationException(name() + ": no simulcast publisher");
  }

  /**
   * Joins {@code room} as a subscriber on {@code peer} and subscribes to every track of
   * {@code publications}; completes once the server's offer with all of them is answered.
   */
  CompletableFuture<Void> subscribe(String room, String name, SyntheticPeer peer,
      List<Publication> publications);

  /** Leaves every room this target joined (the server process keeps running). */
  CompletableFuture<Void> leaveAll();

  /** Closes every client and stops the server process. */
  @Override
  void close() throws Exception;
}
