package dev.vertxsfu.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.Comparator;
import java.util.Map;

/**
 * Which node hosts which room, cluster-wide (DESIGN.md, Cluster): a map {@code roomId ->
 * nodeId}, a lock per room so that two first joins on two nodes place one room, and each
 * node's load, published with a time to live, so a node that stops publishing (it died) is
 * neither chosen nor trusted any more.
 *
 * <p>A new room goes to the node with the least load: its rooms, their clients and the
 * WebSocket connections it holds. Ties go to the smallest node id. On one node without a
 * cluster, Vert.x's shared data is local and the same code places every room on that node.
 *
 * <p>Called by the node's room manager on its event loop.
 */
public final class RoomPlacement {
  static final String ROOMS = "sfu.room-nodes";
  static final String NODES = "sfu.node-load";
  /** A node's load entry expires unless refreshed: what "alive" means here. */
  public static final long LOAD_TTL_MILLIS = 5_000;
  static final long LOCK_TIMEOUT_MILLIS = 10_000;

  private final Vertx vertx;
  private final String nodeId;

  public RoomPlacement(Vertx vertx, String nodeId) {
    this.vertx = vertx;
    this.nodeId = nodeId;
  }

  public String nodeId() {
    return nodeId;
  }

  /** Publishes this node's load ({@code rooms}, {@code clients}, {@code connections}). */
  public Future<Void> publishLoad(JsonObject load) {
    return nodes().compose(map -> map.put(nodeId, load.copy().put("at", System.currentTimeMillis()),
        LOAD_TTL_MILLIS));
  }

  /** The node hosting {@code roomId}: where it runs, or a live node chosen now. */
  public Future<String> place(String roomId) {
    return hostOf(roomId).compose(host -> host != null ? Future.succeededFuture(host)
        : vertx.sharedData().getLockWithTimeout("sfu.room-lock." + roomId, LOCK_TIMEOUT_MILLIS)
            .compose(lock -> hostOf(roomId)
                .compose(again -> again != null ? Future.succeededFuture(again)
                    : leastLoaded().compose(chosen -> rooms()
                        .compose(map -> map.put(roomId, chosen)).map(chosen)))
                .eventually(() -> {
                  lock.release();
                  return Future.succeededFuture();
                })));
  }

  /** Forgets that this node hosts {@code roomId} (it closed). */
  public Future<Void> forget(String roomId) {
    return rooms().compose(map -> map.removeIfPresent(roomId, nodeId)).mapEmpty();
  }

  /** Forgets where {@code roomId} was, if it was on {@code deadNode}, so it is placed anew. */
  public Future<Void> forgetOn(String roomId, String deadNode) {
    return rooms().compose(map -> map.removeIfPresent(roomId, deadNode)).mapEmpty();
  }

  /** The live node hosting {@code roomId}, or null. */
  private Future<String> hostOf(String roomId) {
    return rooms().compose(map -> map.get(roomId)).compose(host -> host == null
        ? Future.succeededFuture(null)
        : nodes().compose(map -> map.get(host)).map(load -> load == null ? null : host));
  }

  private Future<String> leastLoaded() {
    return nodes().compose(AsyncMap::entries).map(entries -> entries.entrySet().stream()
        .min(Comparator.<Map.Entry<String, JsonObject>>comparingLong(e -> load(e.getValue()))
            .thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey)
        .orElse(nodeId));
  }

  static long load(JsonObject load) {
    return load.getLong("rooms", 0L) + load.getLong("clients", 0L)
        + load.getLong("connections", 0L);
  }

  private Future<AsyncMap<String, String>> rooms() {
    return vertx.sharedData().getAsyncMap(ROOMS);
  }

  private Future<AsyncMap<String, JsonObject>> nodes() {
    return vertx.sharedData().getAsyncMap(NODES);
  }
}
