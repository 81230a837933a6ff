package dev.vertxsfu.bench.janus;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;

/**
 * A handle attached to a plugin in a Janus session: one PeerConnection on Janus's side (a
 * VideoRoom publisher or subscriber). Janus's asynchronous events for it arrive here:
 * {@code webrtcup} (ICE and DTLS are up: {@link #webrtcUp()} completes), {@code hangup} (it
 * fails, if not up yet), {@code media}, {@code slowlink}, plugin events; all go to
 * {@link #eventHandler} too.
 *
 * <p>Made by {@link JanusConnection#attach}; its state is owned by the connection's event
 * loop, where its futures complete and its handler runs. Reading {@link #id()} is safe from any
 * thread.
 */
public final class JanusHandle {
  private final long id;
  private final String plugin;
  private final Promise<Void> webrtcUp = Promise.promise();
  private Handler<JsonObject> eventHandler = event -> { };

  JanusHandle(long id, String plugin) {
    this.id = id;
    this.plugin = plugin;
  }

  /** Janus's handle id (the {@code sender} of its events). */
  public long id() {
    return id;
  }

  public String plugin() {
    return plugin;
  }

  /** Completes when Janus reports {@code webrtcup}; fails on {@code hangup} before that. */
  public Future<Void> webrtcUp() {
    return webrtcUp.future();
  }

  /** Receives every asynchronous event of this handle, as Janus sent it (event loop). */
  public void eventHandler(Handler<JsonObject> handler) {
    this.eventHandler = handler;
  }

  /** Called by the connection on its event loop. */
  void onEvent(JanusReply event) {
    if ("webrtcup".equals(event.kind())) {
      webrtcUp.tryComplete();
    } else if ("hangup".equals(event.kind())) {
      webrtcUp.tryFail(new IllegalStateException("Janus hung up handle " + id + ": "
          + event.frame().getString("reason", "")));
    } else if ("detached".equals(event.kind())) {
      webrtcUp.tryFail(new IllegalStateException("Janus detached handle " + id));
    }
    eventHandler.handle(event.frame());
  }

  @Override
  public String toString() {
    return plugin + " handle " + id;
  }
}
