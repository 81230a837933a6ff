package dev.vertxsfu.cluster;

import io.vertx.core.Vertx;

/**
 * How many WebSockets this node's signaling fronts hold, for the node's load in placement: each
 * front instance keeps its own count under its own key in a node-local map, and the room
 * manager adds them up when it publishes the load. Here, between the two, so that neither
 * package needs the other. Any thread.
 */
public final class NodeConnections {
  /** Node-local map: WebSocket connections per signaling instance. */
  static final String MAP = "sfu.signaling-connections";

  private NodeConnections() {}

  /** The front {@code key} holds {@code count} sockets now. */
  public static void publish(Vertx vertx, String key, int count) {
    vertx.sharedData().<String, Integer>getLocalMap(MAP).put(key, count);
  }

  /** The front {@code key} is gone. */
  public static void forget(Vertx vertx, String key) {
    vertx.sharedData().<String, Integer>getLocalMap(MAP).remove(key);
  }

  /** The sockets all fronts of {@code vertx}'s node hold now. */
  public static int total(Vertx vertx) {
    return vertx.sharedData().<String, Integer>getLocalMap(MAP).values().stream()
        .mapToInt(Integer::intValue).sum();
  }
}
