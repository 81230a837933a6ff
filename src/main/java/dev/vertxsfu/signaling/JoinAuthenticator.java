package dev.vertxsfu.signaling;

import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.config.SfuConfig.SignalingConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.List;

/**
 * Decides whether a {@code join} may proceed (docs/protocol.md: {@code token}, "required when the
 * server is configured with a key"). With {@code signaling.jwt-secret} set, the join must carry
 * an HS256 JWT signed with that secret, not expired ({@code exp}, when the token has one, and
 * {@code nbf}, checked by vertx-auth-jwt without leeway), whose {@code room} claim, if present,
 * names the room joined. A time claim ({@code exp}, {@code nbf}, {@code iat}) that is not a
 * number makes the token invalid: vertx-auth-jwt throws a ClassCastException on one, which is
 * caught here and refused like any bad token. Without a secret every join passes and tokens
 * are ignored.
 *
 * <p>One per verticle instance; called on its event loop.
 */
final class JoinAuthenticator {
  private static final String ALGORITHM = "HS256";
  private static final String INVALID = "the token is invalid or expired";
  private static final List<String> TIME_CLAIMS = List.of("exp", "nbf", "iat");

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
    Future<User> user;
    try {
      // Throws (rather than failing the future) on a time claim that is not a number.
      user = jwt.authenticate(new TokenCredentials(token));
    } catch (RuntimeException e) {
      return refuse(join, INVALID);
    }
    return user
        .recover(e -> refuse(join, INVALID))
        .compose(authenticated -> {
          JsonObject claims = claims(authenticated);
          if (!timeClaimsAreNumbers(claims)) {
            return refuse(join, INVALID);
          }
          Object room = claims.getValue("room");
          return room == null || room.equals(join.room())
              ? Future.succeededFuture()
              : refuse(join, "the token is not valid for room " + join.room());
        });
  }

  /** RFC 7519 §4.1.4-4.1.6: {@code exp}, {@code nbf} and {@code iat} are NumericDates. */
  private static boolean timeClaimsAreNumbers(JsonObject claims) {
    for (String claim : TIME_CLAIMS) {
      Object value = claims.getValue(claim);
      if (value != null && !(value instanceof Number)) {
        return false;
      }
    }
    return true;
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
