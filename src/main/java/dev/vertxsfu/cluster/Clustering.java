package dev.vertxsfu.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.vertxsfu.config.SfuConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.UUID;

/**
 * Starts Vert.x for a node: clustered through Hazelcast when {@code cluster.enabled}, alone
 * otherwise. Hazelcast binds and announces {@code cluster.host}, finds the others by a headless
 * Service's DNS name (Kubernetes) or a fixed member list, never by multicast, and notices a dead
 * member within a few seconds (1 s heartbeats, 5 s without one).
 *
 * <p>Called once by {@code Main}, and by tests that run several nodes in one JVM.
 */
public final class Clustering {
  static final String CLUSTER_NAME = "vertx-sfu";

  private Clustering() {}

  /** A Vert.x instance for {@code config}, clustered or not. */
  public static Future<Vertx> vertx(SfuConfig.ClusterConfig config) {
    // Netty's epoll transport where it loads (Linux): rooms' sockets send in sendmmsg batches.
    VertxOptions options = new VertxOptions().setPreferNativeTransport(true);
    if (!config.enabled()) {
      return Future.succeededFuture(Vertx.vertx(options));
    }
    // The event bus between nodes: bound and announced on the cluster host, like Hazelcast.
    options.setEventBusOptions(new EventBusOptions()
        .setHost(config.host()).setClusterPublicHost(config.host()).setPort(0));
    return Vertx.builder()
        .with(options)
        .withClusterManager(new HazelcastClusterManager(hazelcast(config)))
        .buildClustered();
  }

  /**
   * This node's id: the cluster manager's (a Hazelcast member UUID) when clustered, else one
   * made up once per Vert.x instance. Any thread.
   */
  public static String nodeId(Vertx vertx) {
    var cluster = ((VertxInternal) vertx).clusterManager();
    if (cluster != null) {
      return cluster.getNodeId();
    }
    return vertx.sharedData().<String, String>getLocalMap("sfu.node")
        .computeIfAbsent("id", key -> UUID.randomUUID().toString());
  }

  /** Vert.x's own Hazelcast configuration (its maps) with our network and failure detection. */
  static Config hazelcast(SfuConfig.ClusterConfig cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(CLUSTER_NAME);
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    // SIGTERM starts the node's drain, which needs the cluster; Vert.x closes Hazelcast after it.
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(true).setPortCount(10);
    network.setPublicAddress(cluster.host());
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(cluster.host()));
    config.setProperty("hazelcast.socket.bind.any", "false");
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (!cluster.dns().isEmpty()) {
      join.getKubernetesConfig().setEnabled(true)
          .setProperty("service-dns", cluster.dns())
          .setProperty("service-port", String.valueOf(cluster.port()));
    } else {
      // a member given without a port is probed on the whole port range (port, port + count)
      join.getTcpIpConfig().setEnabled(true).addMember(cluster.host());
      cluster.members().forEach(member -> join.getTcpIpConfig().addMember(member));
    }
    return config;
  }
}
