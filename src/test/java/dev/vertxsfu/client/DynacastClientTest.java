package dev.vertxsfu.client;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.config.AdminConfig;
import dev.vertxsfu.testpeer.DecodedMedia;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dynacast end to end on the real node (docs/protocol.md section 20): a libwebrtc publisher
 * sends its 1280x720 camera as three SSRC simulcast encodings and applies {@code layers_wanted}
 * to its sender ({@code setParameters}, {@code active}); two subscribers watch it. While both
 * ask for a 160x90 tile, the publisher is told the top layer is not wanted and stops sending it
 * (the SFU's stats show the layer inactive); when one asks for a big tile, the top layer is
 * wanted again at once, the publisher resumes it, and that subscriber decodes it.
 */
class DynacastClientTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String TOKEN = "DynacastClientTest-admin-token";
  private InProcessNode node;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void startNode() throws Exception {
    node = InProcessNode.start(Map.of(), false, new AdminConfig(TOKEN));
  }

  @AfterEach
  void stopNode() throws Exception {
    node.close();
  }

  private SfuWebSocketClient client(int width, int height) {
    return new SfuWebSocketClient(node.vertx, "127.0.0.1", node.port, width, height);
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(TIMEOUT.toSeconds(), SECONDS);
  }

  /** Joins, subscribes to the publisher's camera and sends its settings for it. */
  private static TrackInfo watch(SfuWebSocketClient client, String name, int maxWidth,
      int maxHeight) throws Exception {
    get(client.connect());
    get(client.join("dynacast", name));
    get(client.firstNegotiation());
    await().atMost(TIMEOUT).until(() -> !client.events().available().isEmpty());
    TrackInfo camera = client.events().available().get(0);
    get(client.subscribe(List.of(camera)));
    get(client.trackSettings(camera, maxWidth, maxHeight, false));
    return camera;
  }

  /** The last {@code layers_wanted} the client got, or null. */
  private static JsonObject lastWanted(SfuWebSocketClient client) {
    List<JsonObject> events = client.events().layersWanted();
    return events.isEmpty() ? null : events.get(events.size() - 1);
  }

  /** The publisher's camera layers as the SFU's stats API shows them. */
  private JsonArray layersAtSfu(SfuWebSocketClient publisher) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port
        + "/stats/rooms/dynacast/clients/" + publisher.clientId()))
        .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonArray producers = new JsonObject(response.body()).getJsonArray("producers");
    for (int i = 0; i < producers.size(); i++) {
      if ("video".equals(producers.getJsonObject(i).getString("kind"))) {
        return producers.getJsonObject(i).getJsonArray("layers");
      }
    }
    throw new AssertionError("no video producer in " + response.body());
  }

  private static JsonObject lastLayer(SfuWebSocketClient client) {
    List<JsonObject> changes = client.events().layerChanges();
    return changes.isEmpty() ? new JsonObject().put("spatial", -2)
        : changes.get(changes.size() - 1);
  }

  @Test
  void theTopLayerStopsWhileOnlySmallTilesWatchAndComesBackForABigOne() throws Exception {
    try (SfuWebSocketClient alice = client(1280, 720).publishSimulcast().dynacast(true);
        SfuWebSocketClient small = client(320, 180);
        SfuWebSocketClient other = client(1280, 720)) {
      get(alice.connect());
      CompletableFuture<LocalTrack> published = alice.publishCamera(1280, 720);
      get(alice.join("dynacast", "alice"));
      LocalTrack camera = get(published);
      get(alice.events().peerConnected());
      await().atMost(TIMEOUT).until(() -> layersAtSfu(alice).size() == 3
          && layersAtSfu(alice).getJsonObject(2).getBoolean("active"));

      // 160x90 tiles: the smallest layer covers them even when libwebrtc scales its layers
      // down for CPU, as it may on this machine
      TrackInfo track = watch(small, "small", 160, 90);
      watch(other, "other", 160, 90);

      // both tiles small: the top layer is not wanted, after the 3 s hysteresis
      long asked = System.nanoTime();
      await().atMost(TIMEOUT).untilAsserted(() -> {
        JsonObject wanted = lastWanted(alice);
        assertThat(wanted).isNotNull();
        assertThat(wanted.getString("trackId")).isEqualTo(camera.trackId());
        assertThat(wanted.getJsonArray("spatial").getList()).contains(0).doesNotContain(2);
      });
      long toldMillis = (System.nanoTime() - asked) / 1_000_000;
      assertThat(lastWanted(alice).containsKey("rids")).as("SSRC simulcast has no rids")
          .isFalse();
      await().atMost(TIMEOUT).untilAsserted(() -> {
        JsonArray layers = layersAtSfu(alice);
        assertThat(layers.getJsonObject(2).getBoolean("active")).as("f at the SFU").isFalse();
        assertThat(layers.getJsonObject(0).getBoolean("active")).as("q at the SFU").isTrue();
      });
      long stoppedMillis = (System.nanoTime() - asked) / 1_000_000;
      assertThat(lastLayer(small).getInteger("spatial")).isZero();

      // one tile grows: the top layer is wanted at once, resumed, and decoded
      int eventsBefore = alice.events().layersWanted().size();
      long grow = System.nanoTime();
      get(other.trackSettings(track, 1280, 720, false));
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(alice.events().layersWanted()).hasSizeGreaterThan(eventsBefore);
        assertThat(lastWanted(alice).getJsonArray("spatial").getList()).contains(2);
      });
      long wantedAgainMillis = (System.nanoTime() - grow) / 1_000_000;
      await().atMost(TIMEOUT).untilAsserted(() -> {
        assertThat(lastLayer(other).getInteger("spatial")).isEqualTo(2);
        DecodedMedia decoded = other.decoded(track).orElseThrow();
        assertThat(decoded.lastWidth()).isEqualTo(lastLayer(other).getInteger("width"));
      });
      long decodedTopMillis = (System.nanoTime() - grow) / 1_000_000;
      assertThat(layersAtSfu(alice).getJsonObject(2).getBoolean("active")).isTrue();
      assertThat(lastLayer(small).getInteger("spatial")).isZero();
      System.out.printf("dynacast: told %s (no f) %d ms after the small tiles, f stopped at the"
          + " SFU after %d ms; f wanted again %d ms after the big tile, decoded after %d ms%n",
          alice.events().layersWanted().get(eventsBefore - 1).getJsonArray("spatial"),
          toldMillis, stoppedMillis, wantedAgainMillis, decodedTopMillis);
      assertThat(alice.events().layersApplied()).isNotEmpty();
      assertThat(alice.events().errors()).isEmpty();
      assertThat(other.events().errors()).isEmpty();
    }
  }
}
