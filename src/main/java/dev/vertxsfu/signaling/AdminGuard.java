package dev.vertxsfu.signaling;

import dev.vertxsfu.config.AdminConfig;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Lets a request on to an operator endpoint only with {@code Authorization: Bearer <token>}
 * matching {@code admin.token} ({@link AdminConfig}). A wrong or missing token gets 401 with
 * {@code WWW-Authenticate: Bearer}; with no token configured every request gets 404, as if the
 * endpoint did not exist. The comparison takes the same time wherever the tokens differ, and
 * whatever their lengths (both are hashed first), so timing tells an attacker nothing.
 *
 * <p>A route handler, called on the event loop of the signaling instance that serves the
 * request; immutable.
 */
final class AdminGuard implements Handler<RoutingContext> {
  private static final String BEARER = "Bearer ";
  private final byte[] tokenDigest;

  AdminGuard(AdminConfig config) {
    this.tokenDigest = config.enabled() ? sha256(config.token()) : null;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (tokenDigest == null) {
      ctx.response().setStatusCode(404).end();
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    boolean bearer = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
    byte[] given = sha256(bearer ? header.substring(BEARER.length()).trim() : "");
    if (bearer & MessageDigest.isEqual(given, tokenDigest)) {
      ctx.next();
    } else {
      ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"sfu-admin\"")
          .end();
    }
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
