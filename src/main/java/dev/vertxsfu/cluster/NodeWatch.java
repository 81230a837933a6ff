package dev.vertxsfu.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import dev.vertxsfu.bus.BusAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Turns Hazelcast's verdict that a member is gone into {@link BusAddresses#NODE_LEFT} on this
 * node's event bus. Vert.x's own cluster manager has a single node listener, which Vert.x keeps
 * for itself; this listens to Hazelcast's membership directly. A Vert.x node id is its
 * Hazelcast member's UUID, so the id published is the one rooms and placements know.
 *
 * <p>Started once per node by {@code SfuNode}. Hazelcast calls {@link #memberRemoved} on one
 * of its event threads; publishing on the event bus is safe from any thread, and every
 * consumer then runs on its own event loop. How soon a dead node is noticed is Hazelcast's
 * failure detection ({@link Clustering}).
 */
public final class NodeWatch implements MembershipListener {
  private static final Logger LOG = Logger.getLogger(NodeWatch.class.getName());

  private final Vertx vertx;
  private final UUID registration;
  private final HazelcastClusterManager cluster;

  private NodeWatch(Vertx vertx, HazelcastClusterManager cluster) {
    this.vertx = vertx;
    this.cluster = cluster;
    this.registration = cluster.getHazelcastInstance().getCluster().addMembershipListener(this);
  }

  /** Watches the cluster of {@code vertx}; null when it runs alone (no node ever leaves). */
  public static NodeWatch start(Vertx vertx) {
    if (((VertxInternal) vertx).clusterManager() instanceof HazelcastClusterManager hazelcast) {
      return new NodeWatch(vertx, hazelcast);
    }
    return null;
  }

  /** Stops watching (the node is closing). */
  public void stop() {
    cluster.getHazelcastInstance().getCluster().removeMembershipListener(registration);
  }

  @Override
  public void memberAdded(MembershipEvent event) {
    LOG.info(() -> "node joined the cluster: " + event.getMember().getUuid());
  }

  @Override
  public void memberRemoved(MembershipEvent event) {
    String nodeId = event.getMember().getUuid().toString();
    LOG.warning(() -> "node left the cluster: " + nodeId + " at " + event.getMember().getAddress());
    vertx.eventBus().publish(BusAddresses.NODE_LEFT, nodeId);
  }
}
