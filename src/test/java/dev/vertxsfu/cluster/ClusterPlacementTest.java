package dev.vertxsfu.cluster;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.app.SfuNode;
import dev.vertxsfu.bus.SfuClient;
import dev.vertxsfu.client.LocalTrack;
import dev.vertxsfu.client.SfuWebSocketClient;
import dev.vertxsfu.client.TrackInfo;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three clustered nodes in one JVM (Hazelcast on loopback), each a whole SFU node: rooms are
 * placed cluster-wide, a client's WebSocket and its room may be on different nodes, and media
 * goes straight to the room's node.
 */
class ClusterPlacementTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final DtlsCertificate CERTIFICATE =
      DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
  private static final List<Vertx> nodes = new ArrayList<>();
  private static final List<SfuNode> sfus = new ArrayList<>();
  private static Vertx clients;

  @BeforeAll
  static void startCluster() throws Exception {
    SfuConfig config = SfuConfig.load(Map.of("SFU_HTTP_PORT", "0", "SFU_MEDIA_MIN_PORT", "0",
        "SFU_MEDIA_MAX_PORT", "0", "SFU_CLUSTER_ENABLED", "true", "SFU_CLUSTER_PORT", "5901",
        "SFU_ROOMS_EMPTY_CLOSE_SECONDS", "0",
        "SFU_CLUSTER_SECRET", "ClusterPlacementTest's secret, 32 characters"));
    for (int i = 0; i < 3; i++) {
      Vertx vertx = get(Clustering.vertx(config.cluster()));
      nodes.add(vertx);
      sfus.add(get(SfuNode.start(vertx, config, CERTIFICATE, 1)));
    }
    clients = Vertx.vertx();
    await().atMost(TIMEOUT).until(() -> liveNodes(nodes.get(0)) == 3);
  }

  /** Each test starts from a cluster without rooms, so the loads it places by are its own. */
  @AfterEach
  void roomsClose() {
    await().atMost(TIMEOUT).until(() -> roomsPerNode().stream().mapToInt(n -> n).sum() == 0);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    get(clients.close());
    for (Vertx vertx : nodes) {
      get(vertx.close());
    }
  }

  @Test
  void simultaneousFirstJoinsOnTwoNodesMakeOneRoom() throws Exception {
    SfuClient onFirst = SfuClient.create(nodes.get(0), "race");
    SfuClient onSecond = SfuClient.create(nodes.get(1), "race");
    Future<JsonObject> first = onFirst.join("first");
    Future<JsonObject> second = onSecond.join("second");
    JsonObject a = get(first);
    JsonObject b = get(second);
    // whichever came second sees the other: the two joins reached one room
    assertThat(a.getJsonArray("clients").size() + b.getJsonArray("clients").size()).isEqualTo(1);
    assertThat(roomsPerNode()).containsExactlyInAnyOrder(1, 0, 0);
    get(onFirst.leave());
    get(onSecond.leave());
  }

  @Test
  void clientsOnTwoNodesShareARoomOnTheThirdAndDecodeEachOther() throws Exception {
    try (SfuWebSocketClient alice = new SfuWebSocketClient(clients, "127.0.0.1",
            sfus.get(0).httpPort(), 320, 240);
        SfuWebSocketClient bob = new SfuWebSocketClient(clients, "127.0.0.1",
            sfus.get(1).httpPort(), 320, 240)) {
      get(alice.connect());
      get(bob.connect());
      // the sockets count as load: the room goes to the node without any
      int emptyNode = 2;
      await().atMost(TIMEOUT).until(() -> connectionsOn(0) >= 1 && connectionsOn(1) >= 1);
      int roomsBefore = sfus.get(emptyNode).rooms().roomCount();

      CompletableFuture<LocalTrack> aliceCamera = alice.publishCamera(320, 240);
      get(alice.join("shared", "alice"));
      CompletableFuture<LocalTrack> bobCamera = bob.publishCamera(320, 240);
      get(bob.join("shared", "bob"));
      assertThat(sfus.get(emptyNode).rooms().roomCount()).isEqualTo(roomsBefore + 1);

      await().atMost(TIMEOUT).until(() -> alice.events().available().size() == 1
          && bob.events().available().size() == 1);
      get(alice.subscribeAll());
      get(bob.subscribeAll());
      TrackInfo fromBob = get(bobCamera).asSeenBy(bob.clientId());
      TrackInfo fromAlice = get(aliceCamera).asSeenBy(alice.clientId());
      await().atMost(TIMEOUT).until(() -> alice.decoded(fromBob).isPresent()
          && bob.decoded(fromAlice).isPresent());
      await().atMost(TIMEOUT).until(() -> alice.decoded(fromBob).orElseThrow().frames() >= 30
          && bob.decoded(fromAlice).orElseThrow().frames() >= 30);
    }
  }

  private static List<Integer> roomsPerNode() {
    return sfus.stream().map(sfu -> sfu.rooms().roomCount()).toList();
  }

  private static long connectionsOn(int node) throws Exception {
    String nodeId = sfus.get(node).rooms().nodeId();
    JsonObject load = get(nodes.get(0).sharedData().<String, JsonObject>getAsyncMap(
        RoomPlacement.NODES).compose(map -> map.get(nodeId)));
    return load == null ? 0 : load.getLong("connections", 0L);
  }

  private static int liveNodes(Vertx vertx) throws Exception {
    return get(vertx.sharedData().getAsyncMap(RoomPlacement.NODES).compose(map -> map.size()));
  }

  private static <T> T get(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toSeconds(), SECONDS);
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(TIMEOUT.toSeconds(), SECONDS);
  }
}
