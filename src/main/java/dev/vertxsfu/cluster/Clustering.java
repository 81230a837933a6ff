package dev.vertxsfu.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.vertxsfu.bus.BusCodecs;
import dev.vertxsfu.bus.NodeId;
import dev.vertxsfu.config.SfuConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Starts Vert.x for a node: clustered through Hazelcast when {@code cluster.enabled}, alone
 * otherwise. Hazelcast binds and announces {@code cluster.host}, finds the others by a headless
 * Service's DNS name (Kubernetes) or a fixed member list, never by multicast, and notices a dead
 * member within a few seconds (1 s heartbeats, 5 s without one).
 *
 * <p>Only nodes that share the cluster's secret ({@link ClusterSecret}) work together: the
 * Hazelcast cluster name is derived from it, and the event bus between nodes runs over TLS 1.3
 * with client certificates that the secret's certificate authority signed
 * ({@link ClusterCertificates}); a process without the secret can neither send a request to a
 * room nor receive one (docs/threat-model.md). A node given no secret and no other members
 * generates one: it is a cluster of one.
 *
 * <p>Called once by {@code Main}, and by tests that run several nodes in one JVM.
 */
public final class Clustering {
  private static final Logger LOG = Logger.getLogger(Clustering.class.getName());

  private Clustering() {}

  /** A Vert.x instance for {@code config}, clustered or not. */
  public static Future<Vertx> vertx(SfuConfig.ClusterConfig config) {
    return vertx(config, null, null);
  }

  /** The same, with Vert.x's metrics from {@code metrics} (both null: no metrics). */
  public static Future<Vertx> vertx(SfuConfig.ClusterConfig config,
      MetricsOptions metricsOptions, VertxMetricsFactory metrics) {
    // Netty's epoll transport where it loads (Linux): rooms' sockets send in sendmmsg batches.
    VertxOptions options = new VertxOptions().setPreferNativeTransport(true);
    if (metricsOptions != null) {
      options.setMetricsOptions(metricsOptions);
    }
    if (!config.enabled()) {
      return Future.succeededFuture(
          withCodecs(Vertx.builder().with(options).withMetrics(metrics).build()));
    }
    ClusterSecret secret;
    try {
      secret = ClusterSecret.of(secretOf(config));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    options.setEventBusOptions(eventBus(config, secret));
    return Vertx.builder()
        .with(options)
        .withMetrics(metrics)
        .withClusterManager(new HazelcastClusterManager(hazelcast(config, secret.clusterName())))
        .buildClustered()
        .map(Clustering::withCodecs);
  }

  /** Every node registers the bus records' codecs before it deploys anything. */
  private static Vertx withCodecs(Vertx vertx) {
    BusCodecs.register(vertx);
    return vertx;
  }

  /** The configured secret, or a new one for a node that runs alone. */
  private static String secretOf(SfuConfig.ClusterConfig config) {
    if (!config.secret().isEmpty()) {
      return config.secret();
    }
    if (config.expectsOthers()) {
      throw new IllegalArgumentException("cluster.members or cluster.dns is set but "
          + "cluster.secret (SFU_CLUSTER_SECRET) is not: every node of a cluster needs the "
          + "same secret, e.g. the output of `openssl rand -base64 32`");
    }
    LOG.info("no cluster.secret given: generated one for this one-node cluster (to add nodes, "
        + "start every node with the same SFU_CLUSTER_SECRET)");
    return ClusterSecret.generate(new SecureRandom());
  }

  /**
   * The event bus between nodes: bound and announced on the cluster host, like Hazelcast, on
   * {@code cluster.bus-port}; TLS 1.3 both ways, each side showing a certificate of the
   * cluster's authority and trusting only those.
   */
  static EventBusOptions eventBus(SfuConfig.ClusterConfig config, ClusterSecret secret) {
    ClusterCertificates.NodeIdentity identity = ClusterCertificates.issue(secret, config.host(),
        new SecureRandom(), Instant.now());
    return new EventBusOptions()
        .setHost(config.host()).setClusterPublicHost(config.host()).setPort(config.busPort())
        .setSsl(true)
        .setClientAuth(ClientAuth.REQUIRED)
        .setEnabledSecureTransportProtocols(Set.of("TLSv1.3"))
        .setKeyCertOptions(new PemKeyCertOptions()
            .addKeyValue(Buffer.buffer(identity.keyPem()))
            .addCertValue(Buffer.buffer(identity.certificatePem())))
        .setTrustOptions(new PemTrustOptions()
            .addCertValue(Buffer.buffer(identity.caCertificatePem())));
  }

  /**
   * This node's id: the cluster manager's (a Hazelcast member UUID) when clustered, else one
   * made up once per Vert.x instance. Any thread.
   */
  public static String nodeId(Vertx vertx) {
    return NodeId.of(vertx);
  }

  /** Vert.x's own Hazelcast configuration (its maps) with our network and failure detection. */
  static Config hazelcast(SfuConfig.ClusterConfig cluster, String clusterName) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.logging.type", "slf4j"); // Logback, as the rest (app.Logging)
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
