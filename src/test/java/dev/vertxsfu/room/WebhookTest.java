package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.config.WebhookConfig;
import dev.vertxsfu.media.transport.TransportState;
import dev.vertxsfu.ops.WebhookSender;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhooks to a Vert.x HTTP server in the test: a real publisher's room sends its events signed
 * and in order; a receiver that never answers delays no room call.
 */
@ExtendWith(VertxExtension.class)
class WebhookTest {
  private static final String SECRET = "WebhookTest: the receiver's shared secret";

  /** What the receiver got: the event, whether its signature checks out. */
  record Received(JsonObject event, String header, boolean signed) {}

  private static boolean signed(String body, String signature) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(
        StandardCharsets.UTF_8)))).equals(signature);
  }

  private static final RoomClientListener QUIET = new RoomClientListener() {
    @Override
    public void onOffer(String sdp) {}

    @Override
    public void onTracksAvailable(List<TrackInfo> tracks) {}

    @Override
    public void onTracksRemoved(List<TrackInfo> tracks) {}

    @Override
    public void onConnectionStateChanged(TransportState state) {}
  };

  @Test
  void aCallsEventsArriveSignedAndInOrder(Vertx vertx) throws Exception {
    List<Received> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = vertx.createHttpServer().requestHandler(request ->
        request.body().onSuccess(body -> {
          try {
            received.add(new Received(body.toJsonObject(), request.getHeader("X-Sfu-Event"),
                signed(body.toString(), request.getHeader("X-Sfu-Signature"))));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          request.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").await();
    vertx.deployVerticle(new WebhookSender(new WebhookConfig(
        List.of("http://127.0.0.1:" + receiver.actualPort() + "/hooks"), SECRET, 100))).await();
    RoomVerticle room = new RoomVerticle("wh-r1", RoomMediaTest.MEDIA, RoomMediaTest.CERTIFICATE);
    String deployment = vertx.deployVerticle(room).await();
    try (RoomPeer alice = new RoomPeer("alice", room, 320, 240).publish()) {
      room.removeClient("alice").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
    vertx.undeploy(deployment).await();
    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 8);
    assertThat(received).extracting(r -> r.event().getString("event")).containsExactly(
        "room_started", "client_joined", "track_published", "track_published",
        "track_unpublished", "track_unpublished", "client_left", "room_finished");
    assertThat(received).allMatch(Received::signed, "signed with the secret");
    assertThat(received).allMatch(r -> r.header().equals(r.event().getString("event")));
    assertThat(received).allMatch(r -> r.event().getString("room").equals("wh-r1"));
    assertThat(received).extracting(r -> r.event().getString("id")).doesNotHaveDuplicates();
    assertThat(received.get(1).event().getString("client")).isEqualTo("alice");
    assertThat(received.subList(2, 4)).extracting(r -> r.event().getJsonObject("track")
        .getString("trackId")).containsExactlyInAnyOrder("camera", "mic");
  }

  @Test
  void aReceiverThatNeverAnswersDelaysNoRoomCall(Vertx vertx) throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer hanging = vertx.createHttpServer()
        .requestHandler(request -> requests.incrementAndGet()) // never answers
        .listen(0, "127.0.0.1").await();
    vertx.deployVerticle(new WebhookSender(new WebhookConfig(
        List.of("http://127.0.0.1:" + hanging.actualPort() + "/"), SECRET, 4))).await();
    RoomVerticle room = new RoomVerticle("wh-r2", RoomMediaTest.MEDIA, RoomMediaTest.CERTIFICATE);
    vertx.deployVerticle(room).await();
    for (int i = 0; i < 20; i++) {
      String id = "c" + i;
      room.addClient(id, QUIET).toCompletionStage().toCompletableFuture()
          .get(1, TimeUnit.SECONDS);
      room.removeClient(id).toCompletionStage().toCompletableFuture()
          .get(1, TimeUnit.SECONDS);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> requests.get() == 1);
    assertThat(room.clientCount().toCompletionStage().toCompletableFuture()
        .get(1, TimeUnit.SECONDS)).isZero();
    assertThat(requests.get()).as("one request at a time: the first still hangs").isEqualTo(1);
  }
}
