package dev.vertxsfu.client;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Java client that outlives its room's node and its own signaling node
 * (docs/protocol.md). It keeps what its user asked for: a room, a name, a camera
 * under fixed ids, and every track of the others. It runs that as a series of sessions, one
 * {@link SfuWebSocketClient} each. A session ends on {@code room_moved}, when its socket
 * closes, or when ICE restarts (which the session tries first, {@link IceRestartPolicy}) did not
 * bring its media back; the next one connects (the same server after a move, the next one after a lost
 * socket, with {@link Backoff} between failed attempts), joins, publishes the same camera again
 * and subscribes to everything available. Subscribers find the camera again by its ids.
 *
 * <p>Threads: a single scheduler thread of its own starts and ends sessions; each session's
 * work runs on that session's signaling thread. Old sessions are closed on a separate thread,
 * since a session may not be closed from its own callbacks. Read the current session from any
 * thread.
 */
public final class ReconnectingClient implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ReconnectingClient.class.getName());

  /** Where a signaling front listens. */
  public record Server(String host, int port) {}

  // Passed by argument.
  private final Vertx vertx;
  private final List<Server> servers;
  private final String room;
  private final String name;
  private final String cameraTrackId;
  private final String cameraStreamId;
  private final int width;
  private final int height;
  // Allocated by this.
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
      task -> daemon(task, "reconnecting-client"));
  private final Random random = new Random();
  private final List<SfuWebSocketClient> sessions = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> firstSession = new CompletableFuture<>();
  private volatile SfuWebSocketClient current;
  private int serverIndex;
  private boolean closed;

  public ReconnectingClient(Vertx vertx, List<Server> servers, String room, String name,
      int width, int height) {
    this.vertx = vertx;
    this.servers = List.copyOf(servers);
    this.room = room;
    this.name = name;
    this.cameraTrackId = "camera-" + name;
    this.cameraStreamId = "media-" + name;
    this.width = width;
    this.height = height;
  }

  /** Starts the first session; completes when it has joined and negotiated. */
  public CompletableFuture<Void> start() {
    scheduler.execute(() -> attempt(0));
    return firstSession;
  }

  /** The session running now (or the last one, while the next is being set up). */
  public SfuWebSocketClient session() {
    return current;
  }

  /** Every session that joined, oldest first. */
  public List<SfuWebSocketClient> sessions() {
    return List.copyOf(sessions);
  }

  /** The server the next attempt goes to. */
  private Server server() {
    return servers.get(Math.floorMod(serverIndex, servers.size()));
  }

  /** One attempt at a session; a failure schedules the next, on the next server. */
  private void attempt(int attempt) {
    if (closed) {
      return;
    }
    Server server = server();
    SfuWebSocketClient session =
        new SfuWebSocketClient(vertx, server.host(), server.port(), width, height);
    session.events().onTracksAvailable(tracks -> session.subscribe(tracks.stream()
        .filter(track -> !track.clientId().equals(session.clientId())).toList()));
    session.connect()
        .thenCompose(connected -> {
          CompletableFuture<LocalTrack> camera =
              session.publishCamera(cameraTrackId, cameraStreamId, width, height);
          return session.join(room, name).thenCompose(joined -> camera);
        })
        .thenCompose(camera -> session.firstNegotiation())
        .whenComplete((done, error) -> scheduler.execute(() -> {
          if (error == null && !closed) {
            began(session);
          } else {
            LOG.log(Level.FINE, error, () -> name + ": attempt " + attempt + " on " + server
                + " failed");
            closeLater(session);
            serverIndex++;
            scheduler.schedule(() -> attempt(attempt + 1),
                Backoff.delayMillis(attempt, random), TimeUnit.MILLISECONDS);
          }
        }));
  }

  /** A session joined: it is the current one until it ends. */
  private void began(SfuWebSocketClient session) {
    current = session;
    sessions.add(session);
    firstSession.complete(null);
    session.events().roomMoved().thenRun(() -> scheduler.execute(() -> ended(session, false)));
    session.socketClosed().thenRun(() -> scheduler.execute(() -> ended(session, true)));
    // ICE restarts did not bring the media back: join again, on the same server
    session.events().iceRestartsExhausted()
        .thenRun(() -> scheduler.execute(() -> ended(session, false)));
  }

  /** The session's room moved (same server next) or its socket closed (next server). */
  private void ended(SfuWebSocketClient session, boolean socketLost) {
    if (closed || session != current) {
      return;
    }
    current = null;
    LOG.info(() -> name + ": " + (socketLost ? "socket lost" : "room moved or media lost")
        + "; rejoining");
    if (socketLost) {
      serverIndex++;
    }
    closeLater(session);
    attempt(0);
  }

  private void closeLater(SfuWebSocketClient session) {
    Thread closer = daemon(() -> {
      try {
        session.close();
      } catch (Exception e) {
        LOG.log(Level.FINE, e, () -> name + ": closing an ended session");
      }
    }, "reconnecting-client-close");
    closer.start();
  }

  /** Ends the last session and stops reconnecting. */
  @Override
  public void close() throws Exception {
    CompletableFuture<SfuWebSocketClient> last = new CompletableFuture<>();
    scheduler.execute(() -> {
      closed = true;
      last.complete(current);
    });
    SfuWebSocketClient session = last.get(10, TimeUnit.SECONDS);
    scheduler.shutdownNow();
    if (session != null) {
      session.close();
    }
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
