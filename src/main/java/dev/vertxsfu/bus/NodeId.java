package dev.vertxsfu.bus;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.UUID;

/**
 * This node's id on the bus ({@link BusAddresses#roomsOn}, a request's front): the cluster
 * manager's (a Hazelcast member UUID) when clustered, else one made up once per Vert.x
 * instance. Here rather than in {@code cluster}, so that the bus contract depends on no other
 * package of the SFU. Any thread.
 */
public final class NodeId {
  private NodeId() {}

  public static String of(Vertx vertx) {
    var cluster = ((VertxInternal) vertx).clusterManager();
    if (cluster != null) {
      return cluster.getNodeId();
    }
    return vertx.sharedData().<String, String>getLocalMap("sfu.node")
        .computeIfAbsent("id", key -> UUID.randomUUID().toString());
  }
}
