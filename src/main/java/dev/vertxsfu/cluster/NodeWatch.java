package dev.vertxsfu.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import dev.vertxsfu.bus.BusAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Turns Hazelcast's verdict that a member is gone into {@link BusAddresses#NODE_LEFT} on this
 * node's event bus. Vert.x's own cluster manager has a single node listener, which Vert.x keeps
 * for itself; this listens to Hazelcast's membership directly. The id published is the Vert.x
 * node id, which vertx-hazelcast keeps in the member attribute {@value #NODE_ID_ATTRIBUTE}
 * (it is not the member's UUID), so it is the one rooms and placements know.
 *
 * <p>Started once per node by {@code SfuNode}. Hazelcast calls {@link #memberRemoved} on one
 * of its event threads; publishing on the event bus is safe from any thread, and every
 * consumer then runs on its own event loop. How soon a dead node is noticed is Hazelcast's
 * failure detection ({@link Clustering}).
 */
public final class NodeWatch implements MembershipListener {
  private static final Logger LOG = Logger.getLogger(NodeWatch.class.getName());
  /** Where vertx-hazelcast 5 puts a member's Vert.x node id. */
  static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";

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
    LOG.info(() -> "node joined the cluster: "
        + event.getMember().getAttribute(NODE_ID_ATTRIBUTE) + " at " + event.getMember().getAddress());
  }

  @Override
  public void memberRemoved(MembershipEvent event) {
    String attribute = event.getMember().getAttribute(NODE_ID_ATTRIBUTE);
    String nodeId = attribute != null ? attribute : event.getMember().getUuid().toString();
    LOG.warning(() -> "node left the cluster: " + nodeId + " at " + event.getMember().getAddress());
    // Local only: on a clustered bus a publish otherwise reaches only cluster-wide consumers.
    vertx.eventBus().publish(BusAddresses.NODE_LEFT, nodeId,
        new DeliveryOptions().setLocalOnly(true));
  }
}
