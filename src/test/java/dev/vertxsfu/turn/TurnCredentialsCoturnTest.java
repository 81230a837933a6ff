package dev.vertxsfu.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.app.SfuNode;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TURN credentials of {@code joined.iceServers} against a real coturn with
 * {@code use-auth-secret}: a node configured with coturn's URL and secret hands a joining client
 * a username and credential with which coturn opens a relay allocation, and coturn refuses
 * (401) the same username with a wrong credential, and a correctly signed one whose expiry has
 * passed. The client side is {@link TurnAllocateClient}, a TURN Allocate over real UDP.
 */
class TurnCredentialsCoturnTest {
  private static final String SECRET = "turn-secret-" + Long.toHexString(new SecureRandom()
      .nextLong());
  private static final long TIMEOUT_SECONDS = 20;

  private static Coturn coturn;
  private static Vertx vertx;
  private static int httpPort;
  /** Held here: Vert.x closes a client that is no longer referenced, sockets and all. */
  private static WebSocketClient sockets;

  @BeforeAll
  static void startCoturnAndNode() throws Exception {
    coturn = Coturn.start(SECRET);
    SfuConfig config = SfuConfig.load(Map.of("SFU_HTTP_PORT", "0", "SFU_MEDIA_MIN_PORT", "0",
        "SFU_MEDIA_MAX_PORT", "0", "SFU_CLUSTER_ENABLED", "false",
        "SFU_ICE_SERVERS", coturn.stunUrl() + "," + coturn.turnUrl(),
        "SFU_ICE_TURN_SECRET", SECRET, "SFU_ICE_TURN_TTL_SECONDS", "300"));
    DtlsCertificate certificate =
        DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
    vertx = Vertx.vertx();
    httpPort = SfuNode.start(vertx, config, certificate, 1).toCompletionStage()
        .toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).httpPort();
    sockets = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (vertx != null) {
        vertx.close().toCompletionStage().toCompletableFuture()
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } finally {
      if (coturn != null) {
        coturn.close();
      }
    }
  }

  @Test
  void joinedCarriesStunAndTurnServersWhoseCredentialCoturnAccepts() throws Exception {
    JsonObject joined = join("turn-accepted");
    JsonArray servers = joined.getJsonArray("iceServers");

    assertThat(servers).hasSize(2);
    assertThat(servers.getJsonObject(0)).isEqualTo(new JsonObject()
        .put("urls", new JsonArray().add(coturn.stunUrl())));
    JsonObject turn = servers.getJsonObject(1);
    assertThat(turn.getJsonArray("urls")).containsExactly(coturn.turnUrl());
    String username = turn.getString("username");
    assertThat(username).endsWith(":" + joined.getString("clientId"));
    long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
    assertThat(expiry - Instant.now().getEpochSecond()).isBetween(290L, 300L);

    TurnAllocateClient.Answer answer = new TurnAllocateClient()
        .allocate(coturn.address(), username, turn.getString("credential"));

    assertThat(answer.allocated()).as("%s; coturn's log: %s", answer, coturn.log).isTrue();
  }

  @Test
  void aWrongCredentialIsRefusedWith401() throws Exception {
    JsonObject turn = join("turn-wrong").getJsonArray("iceServers").getJsonObject(1);
    String wrong = hmacSha1Base64("not-the-secret", turn.getString("username"));

    TurnAllocateClient.Answer answer = new TurnAllocateClient()
        .allocate(coturn.address(), turn.getString("username"), wrong);

    assertThat(answer.messageType()).isEqualTo(TurnAllocateClient.ALLOCATE_ERROR_RESPONSE);
    assertThat(answer.errorCode()).isEqualTo(401);
  }

  @Test
  void anExpiredCredentialIsRefusedWith401() throws Exception {
    String username = join("turn-expired").getJsonArray("iceServers").getJsonObject(1)
        .getString("username");
    String expired = (Instant.now().getEpochSecond() - 60)
        + username.substring(username.indexOf(':'));

    TurnAllocateClient.Answer answer = new TurnAllocateClient()
        .allocate(coturn.address(), expired, hmacSha1Base64(SECRET, expired));

    assertThat(answer.messageType()).isEqualTo(TurnAllocateClient.ALLOCATE_ERROR_RESPONSE);
    assertThat(answer.errorCode()).isEqualTo(401);
  }

  /** Joins {@code room} on a raw WebSocket and returns the {@code joined} reply. */
  private static JsonObject join(String room) throws Exception {
    WebSocket socket = sockets.connect(httpPort, "127.0.0.1", "/ws")
        .toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    CompletableFuture<JsonObject> joined = new CompletableFuture<>();
    socket.textMessageHandler(text -> joined.complete(new JsonObject(text)));
    socket.writeTextMessage(new JsonObject().put("type", "join").put("id", 1).put("room", room)
        .encode());
    JsonObject reply = joined.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertThat(reply.getString("type")).as(reply.encode()).isEqualTo("joined");
    return reply;
  }

  /** The TURN REST API credential, computed here apart from the SFU's code. */
  private static String hmacSha1Base64(String secret, String text) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }
}
