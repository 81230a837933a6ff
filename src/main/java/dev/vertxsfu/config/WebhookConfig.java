package dev.vertxsfu.config;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Where a node sends its rooms' events for applications, and how it signs them.
 *
 * @param urls the receivers ({@code webhooks.urls}, comma-separated {@code http(s)://} URLs);
 *     empty: no webhooks
 * @param secret the HMAC-SHA256 key of each body's signature ({@code webhooks.secret});
 *     required with URLs
 * @param queueSize events kept per receiver while it is slow or down; older ones are dropped
 *     past it
 */
public record WebhookConfig(List<String> urls, String secret, int queueSize) {
  public static final WebhookConfig OFF = new WebhookConfig(List.of(), "", 1000);

  public WebhookConfig {
    urls = List.copyOf(urls);
    secret = secret == null ? "" : secret;
    for (String url : urls) {
      if (!url.startsWith("http://") && !url.startsWith("https://")) {
        throw new IllegalArgumentException("webhooks.urls: not an http(s) URL: " + url);
      }
    }
    if (!urls.isEmpty() && secret.isEmpty()) {
      throw new IllegalArgumentException("webhooks.urls is set but webhooks.secret "
          + "(SFU_WEBHOOKS_SECRET) is not: receivers check each event's signature with it");
    }
    if (queueSize < 1) {
      throw new IllegalArgumentException("webhooks.queue-size must be positive");
    }
  }

  public boolean enabled() {
    return !urls.isEmpty();
  }

  public static WebhookConfig load(Map<String, String> env) {
    JsonObject defaults = SfuConfig.defaults();
    return new WebhookConfig(
        SfuConfig.SignalingConfig.parseOrigins(SfuConfig.string(defaults, env, "webhooks.urls")),
        SfuConfig.string(defaults, env, "webhooks.secret"),
        SfuConfig.integer(defaults, env, "webhooks.queue-size"));
  }

  @Override
  public String toString() {
    return "WebhookConfig[urls=" + urls + ", secret=" + (secret.isEmpty() ? "(none)" : "(set)")
        + ", queueSize=" + queueSize + "]";
  }
}
