package dev.vertxsfu.cluster;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.app.SfuNode;
import dev.vertxsfu.client.LocalTrack;
import dev.vertxsfu.client.SfuWebSocketClient;
import dev.vertxsfu.client.TrackInfo;
import dev.vertxsfu.config.AdminConfig;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stats API (README, "Stats API") over two clustered nodes in one JVM (Hazelcast on
 * loopback): both clients' sockets are on the first node, so placement puts their room on the
 * second; the first node's HTTP answers the room's summary and each client's transport,
 * producers and consumers, as the room on the second node tells it over the bus. Without the
 * admin token it answers 401; unknown rooms and clients are 404.
 */
class StatsApiClusterTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String TOKEN = "StatsApiClusterTest-admin-token";
  private static final DtlsCertificate CERTIFICATE =
      DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
  private static final List<Vertx> nodes = new ArrayList<>();
  private static final List<SfuNode> sfus = new ArrayList<>();
  private static Vertx clients;
  private static WebClient http;

  @BeforeAll
  static void startCluster() throws Exception {
    SfuConfig config = SfuConfig.load(Map.of("SFU_HTTP_PORT", "0", "SFU_MEDIA_MIN_PORT", "0",
        "SFU_MEDIA_MAX_PORT", "0", "SFU_CLUSTER_ENABLED", "true", "SFU_CLUSTER_PORT", "5941",
        "SFU_ROOMS_EMPTY_CLOSE_SECONDS", "0",
        "SFU_CLUSTER_SECRET", "StatsApiClusterTest's secret, 32 characters"));
    for (int i = 0; i < 2; i++) {
      Vertx vertx = get(Clustering.vertx(config.cluster()));
      nodes.add(vertx);
      sfus.add(get(SfuNode.start(vertx, config, new AdminConfig(TOKEN), null, CERTIFICATE, 1)));
    }
    clients = Vertx.vertx();
    http = WebClient.create(clients);
    await().atMost(TIMEOUT).until(() -> get(nodes.get(0).sharedData()
        .getAsyncMap(RoomPlacement.NODES).compose(map -> map.size())) == 2);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    get(clients.close());
    for (Vertx vertx : nodes) {
      get(vertx.close());
    }
  }

  @Test
  void theFirstNodeAnswersForARoomOnTheSecond() throws Exception {
    try (SfuWebSocketClient alice = new SfuWebSocketClient(clients, "127.0.0.1",
            sfus.get(0).httpPort(), 320, 240);
        SfuWebSocketClient bob = new SfuWebSocketClient(clients, "127.0.0.1",
            sfus.get(0).httpPort(), 320, 240)) {
      get(alice.connect());
      get(bob.connect());
      await().atMost(TIMEOUT).until(() -> connectionsOn(0) >= 2);
      CompletableFuture<LocalTrack> camera = alice.publishCamera(320, 240);
      get(alice.join("stats", "alice"));
      get(bob.join("stats", "bob"));
      assertThat(sfus.get(1).rooms().roomCount()).isEqualTo(1);
      assertThat(sfus.get(0).rooms().roomCount()).isZero();
      await().atMost(TIMEOUT).until(() -> bob.events().available().size() == 1);
      get(bob.subscribeAll());
      TrackInfo track = get(camera).asSeenBy(alice.clientId());
      await().atMost(TIMEOUT).until(() -> bob.decoded(track).isPresent()
          && bob.decoded(track).orElseThrow().frames() >= 10);
      String secondNode = sfus.get(1).rooms().nodeId();

      assertThat(stats("/stats/rooms", null).statusCode()).isEqualTo(401);
      assertThat(stats("/stats/rooms/stats", "wrong-token-of-16+chars").statusCode())
          .isEqualTo(401);

      JsonObject list = ok("/stats/rooms");
      assertThat(list.getString("node")).isEqualTo(sfus.get(0).rooms().nodeId());
      assertThat(list.getBoolean("truncated")).isFalse();
      JsonObject listed = list.getJsonArray("rooms").getJsonObject(0);
      assertThat(listed.getString("room")).isEqualTo("stats");
      assertThat(listed.getString("node")).isEqualTo(secondNode);
      assertThat(listed.getInteger("clientCount")).isEqualTo(2);

      JsonObject room = ok("/stats/rooms/stats");
      assertThat(room.getString("node")).isEqualTo(secondNode);
      assertThat(room.getInteger("producerCount")).isEqualTo(1);
      assertThat(room.getInteger("consumerCount")).isEqualTo(1);
      assertThat(room.getJsonArray("clients")).extracting(c -> ((JsonObject) c).getString("name"))
          .containsExactlyInAnyOrder("alice", "bob");
      assertThat(room.getJsonArray("clients"))
          .extracting(c -> ((JsonObject) c).getString("state")).containsOnly("connected");

      await().atMost(TIMEOUT).untilAsserted(() -> {
        JsonObject publisher = ok("/stats/rooms/stats/clients/" + alice.clientId());
        JsonObject transport = publisher.getJsonObject("transport");
        assertThat(transport.getString("state")).isEqualTo("connected");
        assertThat(transport.getString("dtlsState")).isEqualTo("connected");
        assertThat(transport.getString("iceState")).isIn("connected", "completed");
        // the client's address as ICE selected it (libwebrtc may pick any local interface)
        assertThat(transport.getJsonObject("iceSelectedTuple").getString("remoteAddress"))
            .isNotBlank().doesNotStartWith("/");
        assertThat(transport.getJsonObject("iceSelectedTuple").getInteger("remotePort"))
            .isPositive();
        assertThat(transport.getJsonObject("iceSelectedTuple").getInteger("localPort"))
            .isPositive();
        JsonObject video = publisher.getJsonArray("producers").stream()
            .map(JsonObject.class::cast).filter(p -> p.getString("kind").equals("video"))
            .findFirst().orElseThrow();
        assertThat(video.getString("trackId")).isEqualTo(track.trackId());
        JsonObject layer = video.getJsonArray("layers").getJsonObject(0);
        assertThat(layer.getLong("bitrate")).isPositive();
        assertThat(layer.getLong("packetsReceived")).isPositive();
        assertThat(layer.getLong("keyFrames")).isPositive();
        assertThat(layer.getDouble("fractionLost")).isBetween(0.0, 1.0);
        assertThat(layer.getDouble("jitterMillis")).isNotNegative();
        assertThat(layer.getInteger("width")).isEqualTo(320);

        JsonObject subscriber = ok("/stats/rooms/stats/clients/" + bob.clientId());
        JsonArray consumers = subscriber.getJsonArray("consumers");
        assertThat(consumers).hasSize(1);
        JsonObject consumer = consumers.getJsonObject(0);
        assertThat(consumer.getString("clientId")).isEqualTo(alice.clientId());
        assertThat(consumer.getString("kind")).isEqualTo("video");
        assertThat(consumer.getBoolean("started")).isTrue();
        assertThat(consumer.getLong("packetsSent")).isPositive();
        assertThat(consumer.getLong("bytesSent")).isGreaterThan(consumer.getLong("packetsSent"));
        assertThat(consumer.getLong("nacksReceived")).isNotNegative();
        assertThat(consumer.getLong("plisReceived")).isNotNegative();
        assertThat(subscriber.getJsonObject("transport").getLong("availableOutgoingBitrate"))
            .isPositive();
        // the subscriber's report blocks name the SRs the SFU passed on: a loopback round trip
        assertThat(consumer.getLong("rttMillis")).isNotNull().isBetween(0L, 1_000L);
        assertThat(subscriber.getJsonObject("transport").getLong("rttMillis"))
            .isEqualTo(consumer.getLong("rttMillis"));
      });

      assertThat(stats("/stats/rooms/nowhere", TOKEN).statusCode()).isEqualTo(404);
      assertThat(stats("/stats/rooms/stats/clients/nobody", TOKEN).statusCode()).isEqualTo(404);
      assertThat(stats("/stats/rooms/stats/clients/no%20body", TOKEN).statusCode())
          .isEqualTo(400);
    }
  }

  private static JsonObject ok(String path) throws Exception {
    HttpResponse<Buffer> response = stats(path, TOKEN);
    assertThat(response.statusCode()).as(path + ": " + response.bodyAsString()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).isEqualTo("application/json");
    return response.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> stats(String path, String token) throws Exception {
    var request = http.get(sfus.get(0).httpPort(), "127.0.0.1", path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return get(request.send());
  }

  private static long connectionsOn(int node) throws Exception {
    String nodeId = sfus.get(node).rooms().nodeId();
    JsonObject load = get(nodes.get(0).sharedData().<String, JsonObject>getAsyncMap(
        RoomPlacement.NODES).compose(map -> map.get(nodeId)));
    return load == null ? 0 : load.getLong("connections", 0L);
  }

  private static <T> T get(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toSeconds(), SECONDS);
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(TIMEOUT.toSeconds(), SECONDS);
  }
}
