package dev.vertxsfu.app;

import dev.vertxsfu.cluster.NodeWatch;
import dev.vertxsfu.config.AdminConfig;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.ops.SfuMetrics;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.room.IceServerList;
import dev.vertxsfu.room.RoomManager;
import dev.vertxsfu.signaling.SignalingVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * One SFU node in a Vert.x instance: the room manager (rooms of this node) and
 * {@code signalingInstances} signaling fronts sharing the HTTP port, each on its own event loop,
 * plus the watch that tells them when another node leaves the cluster. Started by {@link Main},
 * and by tests that want a whole node in-process. Its methods may be called from any thread.
 */
public final class SfuNode {
  private static final Logger LOG = Logger.getLogger(SfuNode.class.getName());
  /** How often a drain looks whether the node is empty. */
  static final long DRAIN_CHECK_MILLIS = 100;

  private final Vertx vertx;
  private final RoomManager rooms;
  private final List<SignalingVerticle> fronts;
  private final NodeWatch watch;

  private SfuNode(Vertx vertx, RoomManager rooms, List<SignalingVerticle> fronts,
      NodeWatch watch) {
    this.vertx = vertx;
    this.rooms = rooms;
    this.fronts = fronts;
    this.watch = watch;
  }

  /** Deploys the node's verticles, its operator endpoints off; completes when all run. */
  public static Future<SfuNode> start(Vertx vertx, SfuConfig config,
      DtlsCertificate certificate, int signalingInstances) {
    return start(vertx, config, AdminConfig.OFF, null, certificate, signalingInstances);
  }

  /**
   * Deploys the node's verticles; completes when all of them run. {@code metrics}, when not
   * null, must be the one whose factory {@code vertx} was built with: it is served at
   * {@code /metrics} and reads this node's rooms and fronts.
   */
  public static Future<SfuNode> start(Vertx vertx, SfuConfig config, AdminConfig admin,
      SfuMetrics metrics, DtlsCertificate certificate, int signalingInstances) {
    List<SignalingVerticle> fronts = new CopyOnWriteArrayList<>();
    RoomManager rooms = new RoomManager(config.media(), certificate, config.rooms(),
        new IceServerList(config.ice(), Clock.systemUTC()));
    LOG.info(() -> "media: rooms bind UDP on " + rooms.mediaAddresses().bindHost()
        + " and announce host candidates " + rooms.mediaAddresses().announced()
        + " (media.announced-address " + config.media().announced() + ")");
    return vertx.deployVerticle(rooms)
        .compose(id -> vertx.deployVerticle(() -> {
          SignalingVerticle front = new SignalingVerticle(config, admin,
              metrics == null ? null : metrics.scrapeHandler());
          fronts.add(front);
          return front;
        }, new DeploymentOptions().setInstances(signalingInstances)))
        .compose(id -> metrics == null ? Future.succeededFuture()
            : metrics.bind(vertx, fronts))
        .map(id -> new SfuNode(vertx, rooms, fronts, NodeWatch.start(vertx)));
  }

  /** The node's rooms and its part in the cluster's placement. */
  public RoomManager rooms() {
    return rooms;
  }

  /** The HTTP and WebSocket port the node serves (all its fronts share it). */
  public int httpPort() {
    return fronts.get(0).actualPort();
  }

  /** Moves one room off this node; its clients hear {@code room_moved} and join again. */
  public Future<Void> moveRoom(String roomId) {
    return rooms.moveRoom(roomId, "drain");
  }

  /** Closes every WebSocket of the node with 1012; the clients reconnect. New ones are taken. */
  public Future<Void> closeConnections() {
    return Future.join(fronts.stream().map(front -> front.closeConnections(false)).toList())
        .mapEmpty();
  }

  /**
   * Drains the node (docs/protocol.md): no new rooms or sockets, every room moves,
   * every socket closes with 1012. Completes when the node holds no room and no socket, or
   * after {@code limit}, whichever comes first; the caller then closes Vert.x.
   */
  public Future<Void> drain(Duration limit) {
    long started = System.nanoTime();
    Promise<Void> empty = Promise.promise();
    rooms.drain()
        .transform(moved -> Future.join(fronts.stream().map(f -> f.closeConnections(true))
            .toList()))
        .onComplete(closed -> awaitEmpty(empty, started + limit.toNanos()));
    return empty.future().onComplete(done -> LOG.info(() -> "drained in "
        + (System.nanoTime() - started) / 1_000_000 + " ms"));
  }

  private void awaitEmpty(Promise<Void> empty, long deadlineNanos) {
    rooms.roomCountNow()
        .map(count -> count + SignalingVerticle.connectionsOnNode(vertx))
        .onComplete(held -> {
          if ((held.succeeded() && held.result() == 0) || System.nanoTime() >= deadlineNanos) {
            if (watch != null) {
              watch.stop();
            }
            empty.complete();
          } else {
            vertx.setTimer(DRAIN_CHECK_MILLIS, id -> awaitEmpty(empty, deadlineNanos));
          }
        });
  }
}
