package dev.vertxsfu.signaling;

import dev.vertxsfu.config.SfuConfig.SignalingConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * Decides whether a {@code join} may proceed (docs/protocol.md: {@code token}, "required when the
 * server is configured with a key"). With {@code signaling.jwt-secret} set, the join must carry
 * an HS256 JWT signed with that secret, not expired ({@code exp}, when the token has one, and
 * {@code nbf}, checked by vertx-auth-jwt without leeway), whose {@code room} claim, if present,
 * names the room joined. Without a secret every join passes and tokens are ignored.
 *
 * <p>One per verticle instance; called on its event loop.
 */
final class JoinAuthenticator {
  private static final String ALGORITHM = "HS256";

  /** Null when joins need no token. */
  private final JWTAuth jwt;

  private JoinAuthenticator(JWTAuth jwt) {
    this.jwt = jwt;
  }

  static JoinAuthenticator create(Vertx vertx, SignalingConfig config) {
    if (!config.requiresToken()) {
      return new JoinAuthenticator(null);
    }
    // Only HS256 keys are configured, so tokens under any other algorithm (none included)
    // find no key and fail.
    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
        new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(config.jwtSecret())));
    return new JoinAuthenticator(jwt);
  }

  /** Succeeds when {@code join} may go on; fails with an {@code unauthorized} refusal. */
  Future<Void> check(ClientMessage join) {
    if (jwt == null) {
      return Future.succeededFuture();
    }
    String token = join.token();
    if (token == null) {
      return refuse(join, "join needs a token");
    }
    return jwt.authenticate(new TokenCredentials(token))
        .recover(e -> refuse(join, "the token is invalid or expired"))
        .compose(user -> {
          Object room = claims(user).getValue("room");
          return room == null || room.equals(join.room())
              ? Future.succeededFuture()
              : refuse(join, "the token is not valid for room " + join.room());
        });
  }

  /** The token's payload: the principal carries the claims (attributes hold a copy too). */
  private static JsonObject claims(User user) {
    JsonObject accessToken = user.attributes().getJsonObject("accessToken");
    return accessToken != null ? accessToken : user.principal();
  }

  private static <T> Future<T> refuse(ClientMessage join, String why) {
    return Future.failedFuture(
        new ProtocolException(ErrorCode.UNAUTHORIZED, why).withId(join.id()));
  }
}
