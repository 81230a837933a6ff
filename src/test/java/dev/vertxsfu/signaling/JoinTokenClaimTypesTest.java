package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A validly signed token whose time claim ({@code exp}, {@code nbf}, {@code iat}) is not a
 * number is a bad token like any other: {@code unauthorized} and close 1008. It used to throw a
 * ClassCastException inside the token check, and the socket got no reply and stayed open.
 */
@ExtendWith(VertxExtension.class)
class JoinTokenClaimTypesTest {
  private static final String SECRET = "a-test-secret-of-thirty-two-bytes!";

  static Stream<Arguments> illTypedTimeClaims() {
    List<Object> values = List.of("1999999999", new JsonObject().put("at", 1999999999),
        new JsonArray().add(1999999999), true);
    return Stream.of("exp", "nbf", "iat")
        .flatMap(claim -> values.stream().map(value -> Arguments.of(claim, value)));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("illTypedTimeClaims")
  void aSignedTokenWithAnIllTypedTimeClaimIsUnauthorizedAndClosed(String claim, Object value,
      Vertx vertx) {
    FakeRoom room = FakeRoom.start(vertx, "r1");
    int port = Signaling.deploy(vertx, Map.of("SFU_SIGNALING_JWT_SECRET", SECRET)).actualPort();
    TestSocket client = TestSocket.connect(vertx, port);
    String token = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
            new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)))
        .generateToken(new JsonObject().put("room", "r1").put(claim, value),
            new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true));

    client.send(new JsonObject().put("type", "join").put("id", "j").put("room", "r1")
        .put("token", token));

    JsonObject error = client.next();
    assertThat(error.getString("type")).isEqualTo("error");
    assertThat(error.getString("code")).isEqualTo("unauthorized");
    assertThat(error.getValue("id")).isEqualTo("j");
    assertThat(client.awaitClose()).isEqualTo((short) 1008);
    assertThat(room.startRequests).isEmpty();
  }
}
