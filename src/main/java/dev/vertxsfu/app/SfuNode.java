package dev.vertxsfu.app;

import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.room.RoomManager;
import dev.vertxsfu.signaling.SignalingVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One SFU node in a Vert.x instance: the room manager (rooms of this node) and
 * {@code signalingInstances} signaling fronts sharing the HTTP port, each on its own event loop.
 * Started by {@link Main}, and by tests that want a whole node in-process.
 */
public final class SfuNode {
  private final RoomManager rooms;
  private final List<SignalingVerticle> fronts;

  private SfuNode(RoomManager rooms, List<SignalingVerticle> fronts) {
    this.rooms = rooms;
    this.fronts = fronts;
  }

  /** Deploys the node's verticles; completes when all of them run. */
  public static Future<SfuNode> start(Vertx vertx, SfuConfig config,
      DtlsCertificate certificate, int signalingInstances) {
    List<SignalingVerticle> fronts = new CopyOnWriteArrayList<>();
    RoomManager rooms = new RoomManager(config.media(), certificate,
        config.rooms().emptyCloseSeconds() * 1000L);
    return vertx.deployVerticle(rooms)
        .compose(id -> vertx.deployVerticle(() -> {
          SignalingVerticle front = new SignalingVerticle(config);
          fronts.add(front);
          return front;
        }, new DeploymentOptions().setInstances(signalingInstances)))
        .map(id -> new SfuNode(rooms, fronts));
  }

  /** The node's rooms and its part in the cluster's placement. */
  public RoomManager rooms() {
    return rooms;
  }

  /** The HTTP and WebSocket port the node serves (all its fronts share it). */
  public int httpPort() {
    return fronts.get(0).actualPort();
  }
}
