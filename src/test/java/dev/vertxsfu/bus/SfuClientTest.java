package dev.vertxsfu.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.room.RoomManager;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bus client API against a real room manager and rooms, with captured Chromium SDP. */
@ExtendWith(VertxExtension.class)
class SfuClientTest {
  static final DtlsCertificate CERTIFICATE =
      DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));

  private Vertx vertx;

  static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static String offer() throws Exception {
    try (var in = SfuClientTest.class.getResourceAsStream("/wire/sdp/chromium-offer-av-data.sdp")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    this.vertx = vertx;
    result(vertx.deployVerticle(new RoomManager(
        new SfuConfig.MediaConfig("127.0.0.1", "127.0.0.1", 0, 0), CERTIFICATE, 60_000)));
  }

  @Test
  void publishNameSourcesSubscribeAndGetTheSfusOffer() throws Exception {
    List<JsonArray> added = new CopyOnWriteArrayList<>();
    SfuClient alice = SfuClient.create(vertx, "room-1").onTracksAdded(added::add);
    result(alice.join("Alice"));
    assertThat(result(alice.negotiate(offer()))).contains("a=ice-lite");
    await().atMost(Duration.ofSeconds(5)).until(() -> !added.isEmpty());
    Map<String, String> sources = new HashMap<>();
    added.get(0).forEach(track -> sources.put(((JsonObject) track).getString("trackId"), "media"));
    result(alice.setTracksSourceType(sources));

    List<JsonArray> available = new CopyOnWriteArrayList<>();
    List<String> offers = new CopyOnWriteArrayList<>();
    SfuClient bob = SfuClient.create(vertx, "room-1")
        .onTracksAvailable(available::add).onRenegotiation(offers::add);
    result(bob.join("Bob"));
    // the tracks already in the room came as an event right after joined
    assertThat(bob.joined().getJsonArray("clients").getJsonObject(0).getString("name"))
        .isEqualTo("Alice");
    await().atMost(Duration.ofSeconds(5)).until(() -> !available.isEmpty());
    JsonArray tracks = available.get(0);
    assertThat(tracks).hasSize(2);
    assertThat(tracks.getJsonObject(0).getString("source")).isEqualTo("media");

    result(bob.subscribeTracks(List.of(new JsonObject()
        .put("clientId", alice.clientId())
        .put("trackId", tracks.getJsonObject(0).getString("trackId")))));
    assertThat(offers).isEmpty(); // bob has not offered yet
    assertThat(result(bob.negotiate(offer()))).contains("a=ice-lite");
    await().atMost(Duration.ofSeconds(5)).until(() -> offers.size() == 1);
    assertThat(offers.get(0)).contains("a=sendonly");
    assertThat(result(bob.isAllowNegotiation())).isFalse(); // our offer is out
  }

  @Test
  void refusalsCarryTheirProtocolCode() throws Exception {
    SfuClient alice = SfuClient.create(vertx, "room-2");
    result(alice.join("Alice"));
    assertThat(codeOf(alice.negotiate("not sdp"))).isEqualTo("bad_request");
    assertThat(codeOf(alice.answer("v=0"))).isEqualTo("not_allowed");
    assertThat(codeOf(alice.subscribeTracks(List.of(new JsonObject().put("clientId", "x")
        .put("trackId", "y"))))).isEqualTo("not_found");
    assertThat(codeOf(alice.setTracksSourceType(Map.of("nope", "media")))).isEqualTo("not_found");
    assertThat(result(alice.isAllowNegotiation())).isTrue();
    result(alice.leave());
  }

  private static String codeOf(Future<?> future) throws Exception {
    try {
      result(future);
    } catch (ExecutionException e) {
      return ((SfuClient.SfuClientException) e.getCause()).code();
    }
    throw new AssertionError("the request succeeded");
  }
}
