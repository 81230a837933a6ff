package dev.vertxsfu.cluster;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.app.SfuNode;
import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.BusCodecs;
import dev.vertxsfu.bus.ClientRequest;
import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.bus.Refusal;
import dev.vertxsfu.bus.RoomReply;
import dev.vertxsfu.bus.RoomStart;
import dev.vertxsfu.bus.RoomStarted;
import dev.vertxsfu.bus.SfuClient;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 2: the cluster is closed to processes without its secret. Two SFU nodes in
 * one JVM (real Hazelcast and a real event bus on 127.0.0.1) share a secret; rogue clustered
 * Vert.x instances try what the attacker did, sending the room's bus requests by hand
 * (a join without a token, a {@code leave} as another client, a client with a 1,000,000-character
 * name):
 * <ul>
 *   <li>one that knows only the old public cluster name does not become a Hazelcast member;
 *   <li>one that learned the cluster name (it is sent in clear) becomes a member, but its
 *       requests over a plain event bus never reach a room;
 *   <li>one with TLS and a certificate of its own making is refused as well.
 * </ul>
 * Each time the victim is still in its room and nobody else is.
 */
class ClusterSecurityTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** How long a rogue's request may take to fail: it must never succeed. */
  private static final DeliveryOptions ROGUE_REQUEST =
      new DeliveryOptions().setSendTimeout(5_000);
  private static final String SECRET = "ClusterSecurityTest's shared secret, 32+ characters";
  private static final int CLUSTER_PORT = 5921;
  private static final DtlsCertificate CERTIFICATE =
      DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
  private static final List<Vertx> nodes = new ArrayList<>();
  private static final List<SfuNode> sfus = new ArrayList<>();
  private static SfuConfig config;

  @BeforeAll
  static void startCluster() throws Exception {
    config = SfuConfig.load(Map.of("SFU_HTTP_PORT", "0", "SFU_MEDIA_MIN_PORT", "0",
        "SFU_MEDIA_MAX_PORT", "0", "SFU_CLUSTER_ENABLED", "true",
        "SFU_CLUSTER_PORT", String.valueOf(CLUSTER_PORT), "SFU_CLUSTER_SECRET", SECRET,
        "SFU_ROOMS_EMPTY_CLOSE_SECONDS", "0"));
    for (int i = 0; i < 2; i++) {
      Vertx vertx = get(Clustering.vertx(config.cluster()));
      nodes.add(vertx);
      sfus.add(get(SfuNode.start(vertx, config, CERTIFICATE, 1)));
    }
    await().atMost(TIMEOUT).until(() -> members(nodes.get(0)) == 2);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    for (Vertx vertx : nodes) {
      get(vertx.close());
    }
  }

  @Test
  void twoNodesWithTheSecretShareARoomOverTheEncryptedBus() throws Exception {
    SfuClient onFirst = SfuClient.create(nodes.get(0), "shared");
    SfuClient onSecond = SfuClient.create(nodes.get(1), "shared");
    JsonObject first = get(onFirst.join("first"));
    awaitRoomReachableFrom(nodes.get(1), "shared");
    JsonObject second = get(onSecond.join("second"));
    // one node hosts the room, so one of the two clients reached it from the other node
    assertThat(sfus.get(0).rooms().roomCount() + sfus.get(1).rooms().roomCount()).isEqualTo(1);
    assertThat(first.getJsonArray("clients")).isEmpty();
    assertThat(names(second)).containsExactly("first");
    get(onFirst.leave());
    get(onSecond.leave());
  }

  @Test
  void aRogueWithoutTheClusterNameDoesNotBecomeAMember() throws Exception {
    // the name every node used before the secret, and what an attacker would try first
    Vertx rogue = get(rogue("vertx-sfu", plainBus()));
    try {
      assertThat(members(rogue)).isEqualTo(1);
      assertThat(members(nodes.get(0))).isEqualTo(2);
    } finally {
      get(rogue.close());
    }
  }

  @Test
  void aMemberWithoutACertificateCannotJoinARoomNorMakeAClientLeave() throws Exception {
    Vertx rogue = get(rogue(clusterName(), plainBus()));
    try {
      // Hazelcast open source has no member authentication: the rogue is a member...
      await().atMost(TIMEOUT).until(() -> members(nodes.get(0)) == 3);
      // ... but its bus requests reach no room
      attackAndCheckTheRoom(rogue, "plain-bus");
    } finally {
      get(rogue.close());
    }
  }

  @Test
  void aMemberWithACertificateOfItsOwnCannotJoinARoomNorMakeAClientLeave() throws Exception {
    ClusterSecret ownSecret = ClusterSecret.of("the rogue's own secret of 32 characters");
    Vertx rogue = get(rogue(clusterName(), Clustering.eventBus(config.cluster(), ownSecret)));
    try {
      await().atMost(TIMEOUT).until(() -> members(nodes.get(0)) == 3);
      attackAndCheckTheRoom(rogue, "own-certificate");
    } finally {
      get(rogue.close());
    }
  }

  /**
   * A victim joins {@code room} through the first node; the rogue sends the room a join without
   * a token, a join with a 1,000,000-character name and the victim's {@code leave}. None may
   * succeed; afterwards the victim is still a member and a newcomer sees only the victim.
   */
  private static void attackAndCheckTheRoom(Vertx rogue, String room) throws Exception {
    SfuClient victim = SfuClient.create(nodes.get(0), room);
    get(victim.join("victim"));
    awaitRoomReachableFrom(nodes.get(1), room);
    // the rogue's Hazelcast holds the room's registration: were its requests let through, they
    // would reach the room
    await().atMost(TIMEOUT).until(() -> hazelcast(rogue).getHazelcastInstance()
        .getMultiMap("__vertx.subs").containsKey(BusAddresses.room(room)));
    String frontOfVictim = Clustering.nodeId(nodes.get(0));
    String rogueId = UUID.randomUUID().toString();

    assertRefused(rogue, room, rogueId, new JsonObject().put("type", "join").put("room", room)
        .put("name", "rogue"), Clustering.nodeId(rogue));
    assertRefused(rogue, room, rogueId, new JsonObject().put("type", "join").put("room", room)
        .put("name", "x".repeat(1_000_000)), Clustering.nodeId(rogue));
    assertRefused(rogue, room, victim.clientId(), new JsonObject().put("type", "leave"),
        frontOfVictim);

    assertThat(get(victim.isAllowNegotiation())).isNotNull(); // still joined
    SfuClient newcomer = SfuClient.create(nodes.get(1), room);
    assertThat(names(get(newcomer.join("newcomer")))).containsExactly("victim");
    get(newcomer.leave());
    get(victim.leave());
  }

  private static void assertRefused(Vertx rogue, String room, String clientId,
      JsonObject message, String front) throws Exception {
    Future<?> sent = rogue.eventBus().request(BusAddresses.room(room),
        new ClientRequest(clientId, front, message),
        ROGUE_REQUEST);
    ExecutionException failure = catchThrowableOfType(ExecutionException.class, () -> get(sent));
    assertThat(failure).as("the rogue's %s must fail", message.getString("type")).isNotNull();
    // not refused by the room (it never saw the request), nor lost for want of a handler
    assertThat(failure.getCause()).isInstanceOfSatisfying(ReplyException.class,
        reply -> assertThat(reply.failureType()).isEqualTo(ReplyFailure.TIMEOUT));
  }

  /**
   * Waits until a request from {@code node} reaches the room (the room refuses a client that
   * has not joined): Vert.x learns of a new consumer on another node a moment after it is
   * registered.
   */
  private static void awaitRoomReachableFrom(Vertx node, String room) {
    ClientRequest probe = new ClientRequest("probe", Clustering.nodeId(node), new JsonObject().put("type", "is_allow_renegotiation"));
    await().atMost(TIMEOUT).until(() -> {
      Future<?> sent = node.eventBus().request(BusAddresses.room(room), probe, ROGUE_REQUEST);
      ExecutionException failure = catchThrowableOfType(ExecutionException.class,
          () -> get(sent));
      return failure != null && failure.getCause() instanceof ReplyException reply
          && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE;
    });
  }

  /** A clustered Vert.x on the nodes' Hazelcast port range, under {@code clusterName}. */
  private static Future<Vertx> rogue(String clusterName, EventBusOptions bus) {
    return Vertx.builder()
        .with(new VertxOptions().setEventBusOptions(bus))
        .withClusterManager(new HazelcastClusterManager(
            Clustering.hazelcast(config.cluster(), clusterName)))
        .buildClustered()
        // a rogue that runs the SFU's own code speaks the typed contract
        .map(vertx -> {
          BusCodecs.register(vertx);
          return vertx;
        });
  }

  private static EventBusOptions plainBus() {
    return new EventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1");
  }

  /** The Hazelcast cluster name the nodes use (a listener on the network learns it). */
  private static String clusterName() {
    return hazelcast(nodes.get(0)).getHazelcastInstance().getConfig().getClusterName();
  }

  private static int members(Vertx vertx) {
    return hazelcast(vertx).getHazelcastInstance().getCluster().getMembers().size();
  }

  private static HazelcastClusterManager hazelcast(Vertx vertx) {
    return (HazelcastClusterManager) ((VertxInternal) vertx).clusterManager();
  }

  private static List<String> names(JsonObject joined) {
    JsonArray clients = joined.getJsonArray("clients");
    return clients.stream().map(c -> ((JsonObject) c).getString("name")).toList();
  }

  private static <T> T get(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toSeconds(), SECONDS);
  }
}
