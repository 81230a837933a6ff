package dev.vertxsfu.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which node hosts which room, cluster-wide (DESIGN.md, Cluster): a map {@code roomId ->
 * nodeId}, a lock per room so that two first joins on two nodes place one room, and each
 * node's load, published with a time to live, so a node that stops publishing (it died) is
 * neither chosen nor trusted any more.
 *
 * <p>A new room goes to the node with the least load: its rooms, their clients and the
 * WebSocket connections it holds. Ties go to the smallest node id. A node that drains (its
 * load says {@code draining}) and a node that is no longer a cluster member are never chosen,
 * and a room they hosted counts as placed nowhere. On one node without a
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

  /**
   * Forgets a node that left the cluster: its load, and every room placed on it, so their next
   * join places them on a live node. Every surviving node does it; it is idempotent.
   */
  public Future<Void> forgetNode(String deadNode) {
    return nodes().compose(map -> map.remove(deadNode))
        .compose(v -> rooms())
        .compose(map -> map.entries().compose(entries -> Future.join(entries.entrySet().stream()
            .filter(entry -> deadNode.equals(entry.getValue()))
            .map(entry -> map.removeIfPresent(entry.getKey(), deadNode))
            .toList())))
        .mapEmpty();
  }

  /**
   * What placement knows now, for operators ({@code GET /cluster}): {@code node} (this one),
   * {@code nodes} (each live node's last load) and {@code rooms} (room id -> node). Read from
   * the cluster-wide maps; any node gives the same answer.
   */
  public static Future<JsonObject> snapshot(Vertx vertx, String nodeId) {
    return vertx.sharedData().<String, JsonObject>getAsyncMap(NODES).compose(AsyncMap::entries)
        .compose(nodes -> vertx.sharedData().<String, String>getAsyncMap(ROOMS)
            .compose(AsyncMap::entries)
            .map(rooms -> new JsonObject().put("node", nodeId)
                .put("nodes", new JsonObject(new TreeMap<String, Object>(nodes)))
                .put("rooms", new JsonObject(new TreeMap<String, Object>(rooms)))));
  }

  /** The live node hosting {@code roomId}, or null. */
  private Future<String> hostOf(String roomId) {
    return rooms().compose(map -> map.get(roomId)).compose(host -> host == null
        ? Future.succeededFuture(null)
        : nodes().compose(map -> map.get(host))
            .map(load -> !wellFormed(load) || !isMember(host) || draining(load) ? null : host));
  }

  /** The live, non-draining node with the least load; fails when there is none. */
  private Future<String> leastLoaded() {
    return nodes().compose(AsyncMap::entries).compose(entries -> entries.entrySet().stream()
        .filter(e -> wellFormed(e.getValue()) && isMember(e.getKey()) && !draining(e.getValue()))
        .min(Comparator.<Map.Entry<String, JsonObject>>comparingLong(e -> load(e.getValue()))
            .thenComparing(Map.Entry::getKey))
        .map(e -> Future.succeededFuture(e.getKey()))
        .orElseGet(() -> Future.failedFuture("no node takes new rooms now")));
  }

  /** Whether {@code node} is in the cluster now (always, for this node without a cluster). */
  private boolean isMember(String node) {
    var cluster = ((VertxInternal) vertx).clusterManager();
    return cluster == null ? node.equals(nodeId) : cluster.getNodes().contains(node);
  }

  /**
   * Whether a load entry read back from the cluster-wide map has the shape this class writes:
   * counts that are non-negative integers and a boolean {@code draining}. Any Hazelcast member
   * can write the map (docs/threat-model.md); an entry of another shape is ignored rather than
   * allowed to fail every placement.
   */
  static boolean wellFormed(Object load) {
    if (!(load instanceof JsonObject json)) {
      return false;
    }
    for (String count : new String[] {"rooms", "clients", "connections"}) {
      Object value = json.getValue(count);
      if (value != null && !((value instanceof Integer || value instanceof Long)
          && ((Number) value).longValue() >= 0 && ((Number) value).longValue() < 1L << 40)) {
        return false;
      }
    }
    Object draining = json.getValue("draining");
    return draining == null || draining instanceof Boolean;
  }

  static boolean draining(JsonObject load) {
    return load.getBoolean("draining", false);
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
