package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code signaling.jwt-secret}: a join needs an HS256 token signed with it, unexpired, for the
 * room joined; otherwise {@code unauthorized} and close 1008 (docs/protocol.md, "Errors").
 */
@ExtendWith(VertxExtension.class)
class JoinTokenTest {
  private static final String SECRET = "a-test-secret-of-thirty-two-bytes!";

  private FakeRoom room;
  private int port;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    room = FakeRoom.start(vertx, "r1");
    port = Signaling.deploy(vertx, Map.of("SFU_SIGNALING_JWT_SECRET", SECRET)).actualPort();
  }

  @Test
  void aValidTokenForTheRoomJoins() {
    TestSocket client = TestSocket.connect(vertx, port);

    client.send(join(token(SECRET, new JsonObject().put("room", "r1"), 60)));

    assertThat(client.next().getString("type")).isEqualTo("joined");
    assertThat(room.nextRequest("join").getJsonObject("message").containsKey("token")).isFalse();
  }

  @Test
  void aValidTokenWithoutARoomClaimJoinsAnyRoom() {
    TestSocket client = TestSocket.connect(vertx, port);

    client.send(join(token(SECRET, new JsonObject().put("sub", "ada"), 60)));

    assertThat(client.next().getString("type")).isEqualTo("joined");
  }

  @Test
  void aTokenWhoseExpClaimIsAheadJoins() {
    TestSocket client = TestSocket.connect(vertx, port);
    long ahead = System.currentTimeMillis() / 1000 + 60;

    client.send(join(token(SECRET, new JsonObject().put("room", "r1").put("exp", ahead), 0)));

    assertThat(client.next().getString("type")).isEqualTo("joined");
  }

  @Test
  void aJoinWithoutTokenIsUnauthorizedAndClosed() {
    assertRefused(new JsonObject().put("type", "join").put("id", "j").put("room", "r1"));
  }

  @Test
  void aMalformedTokenIsUnauthorizedAndClosed() {
    assertRefused(join("not.a.jwt"));
  }

  @Test
  void aTokenSignedWithAnotherSecretIsUnauthorizedAndClosed() {
    assertRefused(join(token("another-secret-of-thirty-two-bytes", new JsonObject(), 60)));
  }

  @Test
  void anExpiredTokenIsUnauthorizedAndClosed() {
    long past = System.currentTimeMillis() / 1000 - 60;
    assertRefused(join(token(SECRET, new JsonObject().put("room", "r1").put("exp", past), 0)));
  }

  @Test
  void aTokenForAnotherRoomIsUnauthorizedAndClosed() {
    assertRefused(join(token(SECRET, new JsonObject().put("room", "r2"), 60)));
  }

  @Test
  void anUnsignedTokenIsUnauthorizedAndClosed() {
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}"
        .getBytes(StandardCharsets.UTF_8));
    String payload = base64.encodeToString("{\"room\":\"r1\"}".getBytes(StandardCharsets.UTF_8));
    assertRefused(join(header + "." + payload + "."));
  }

  private void assertRefused(JsonObject join) {
    TestSocket client = TestSocket.connect(vertx, port);

    client.send(join);

    JsonObject error = client.next();
    assertThat(error.getString("type")).isEqualTo("error");
    assertThat(error.getString("code")).isEqualTo("unauthorized");
    assertThat(error.getValue("id")).isEqualTo("j");
    assertThat(client.awaitClose()).isEqualTo((short) 1008);
    assertThat(room.startRequests).isEmpty();
    assertThat(room.requests).isEmpty();
  }

  private static JsonObject join(String token) {
    return new JsonObject().put("type", "join").put("id", "j").put("room", "r1")
        .put("token", token);
  }

  /** An HS256 token; {@code expiresInSeconds} 0 leaves {@code exp} to the claims. */
  private String token(String secret, JsonObject claims, int expiresInSeconds) {
    JWTAuth issuer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
        new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
    JWTOptions options = new JWTOptions().setAlgorithm("HS256");
    if (expiresInSeconds > 0) {
      options.setExpiresInSeconds(expiresInSeconds);
    }
    return issuer.generateToken(claims, options);
  }
}
