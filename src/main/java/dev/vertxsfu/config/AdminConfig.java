package dev.vertxsfu.config;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Who may read a node's operator endpoints ({@code /cluster}, {@code /metrics}, {@code /stats}):
 * the holder of {@code admin.token} ({@code SFU_ADMIN_TOKEN}), sent as
 * {@code Authorization: Bearer <token>}. Empty (the default) turns those endpoints off: they
 * answer 404 as if they did not exist, so a node never shows its rooms to whoever asks.
 * {@code /health} and {@code /ready} stay open and tell nothing about rooms.
 *
 * @param token the shared admin token; empty means the endpoints are off
 */
public record AdminConfig(String token) {
  /** No token: the operator endpoints are off. */
  public static final AdminConfig OFF = new AdminConfig("");
  /** The shortest token taken: a guessable one would open the node's view to anyone. */
  public static final int MIN_TOKEN_LENGTH = 16;

  public AdminConfig {
    token = token == null ? "" : token;
    if (!token.isEmpty() && token.length() < MIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException("admin.token must have at least " + MIN_TOKEN_LENGTH
          + " characters (or be empty to turn the admin endpoints off)");
    }
  }

  public boolean enabled() {
    return !token.isEmpty();
  }

  /** From the class path's defaults, overridden by the process environment. */
  public static AdminConfig load() {
    return load(System.getenv());
  }

  /** From the class path's defaults, overridden by {@code env}. */
  public static AdminConfig load(Map<String, String> env) {
    JsonObject defaults = SfuConfig.defaults();
    return new AdminConfig(SfuConfig.string(defaults, env, "admin.token"));
  }

  @Override
  public String toString() {
    return "AdminConfig[token=" + (enabled() ? "(set)" : "(none)") + "]";
  }
}
