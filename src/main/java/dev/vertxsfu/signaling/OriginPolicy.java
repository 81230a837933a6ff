package dev.vertxsfu.signaling;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web origins may open a signaling WebSocket ({@code signaling.allowed-origins}): the
 * defence against cross-site WebSocket hijacking, where a page on another site opens a socket
 * with the user's cookies. Pure; shared by the connections of one verticle instance.
 *
 * <p>An empty list allows every origin. An upgrade without an {@code Origin} header is
 * allowed: browsers always send one (RFC 6454 §7.3 and the Fetch standard), so its absence
 * means a non-browser client, which could send any header it liked anyway.
 */
final class OriginPolicy {
  private final Set<String> allowed;

  OriginPolicy(List<String> allowedOrigins) {
    this.allowed = allowedOrigins.stream().map(OriginPolicy::normalize)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Whether an upgrade carrying {@code origin} (the header's value, or null) may proceed. */
  boolean allows(String origin) {
    return allowed.isEmpty() || origin == null || allowed.contains(normalize(origin));
  }

  /** Origins compare as ASCII case-insensitive; a configured trailing slash is forgiven. */
  private static String normalize(String origin) {
    String trimmed = origin.trim().toLowerCase(Locale.ROOT);
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
