package dev.vertxsfu.ops;

import dev.vertxsfu.config.WebhookConfig;
import dev.vertxsfu.room.RoomSampler;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the node's room events ({@link RoomSampler#EVENTS}) to the configured receivers as
 * webhooks, as LiveKit does: {@code POST} of the event's JSON with
 * {@code X-Sfu-Signature: sha256=<hex HMAC-SHA256 of the body under webhooks.secret>} and
 * {@code X-Sfu-Event: <event>}. Each receiver gets the events in order, one request at a time;
 * a failed one (no 2xx within {@link #REQUEST_TIMEOUT_MILLIS}) is tried {@link #ATTEMPTS} times
 * with growing pauses, then dropped. Each receiver's queue holds {@code webhooks.queue-size}
 * events; past it the oldest is dropped and counted.
 *
 * <p>Rooms only publish on the local bus and never wait: a slow, failing or hanging receiver
 * delays nothing but its own queue. One verticle per node, deployed by {@code SfuNode}; all its
 * state is on its own event loop.
 */
public final class WebhookSender extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
  static final long REQUEST_TIMEOUT_MILLIS = 5_000;
  static final int ATTEMPTS = 3;
  static final long FIRST_RETRY_MILLIS = 500;

  private final WebhookConfig config;
  private final List<Receiver> receivers = new ArrayList<>();
  private WebClient client;
  private long dropped;

  /** One receiver: its queue, and whether a request to it is under way. */
  private final class Receiver {
    final String url;
    final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    boolean sending;

    Receiver(String url) {
      this.url = url;
    }

    void offer(Buffer body) {
      if (queue.size() == config.queueSize()) {
        queue.poll();
        dropped++;
        LOG.atWarn().addKeyValue("webhook", url).log("queue full: dropped the oldest event");
      }
      queue.add(body);
      next();
    }

    void next() {
      if (!sending && !queue.isEmpty()) {
        sending = true;
        send(queue.peek(), 1);
      }
    }

    void send(Buffer body, int attempt) {
      JsonObject event = body.toJsonObject();
      client.postAbs(url).timeout(REQUEST_TIMEOUT_MILLIS)
          .putHeader("content-type", "application/json")
          .putHeader("X-Sfu-Event", event.getString("event"))
          .putHeader("X-Sfu-Signature", "sha256=" + sign(body))
          .sendBuffer(body)
          .onComplete(done -> {
            if (done.succeeded() && done.result().statusCode() / 100 == 2) {
              finished();
            } else if (attempt < ATTEMPTS) {
              vertx.setTimer(FIRST_RETRY_MILLIS << (attempt - 1), id -> send(body, attempt + 1));
            } else {
              LOG.atWarn().addKeyValue("webhook", url).log("gave up on event {} after {} tries: {}",
                  event.getString("event"), ATTEMPTS, done.succeeded()
                      ? "status " + done.result().statusCode() : done.cause().toString());
              finished();
            }
          });
    }

    void finished() {
      queue.poll();
      sending = false;
      next();
    }
  }

  public WebhookSender(WebhookConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    client = WebClient.create(vertx, new WebClientOptions()
        .setConnectTimeout((int) REQUEST_TIMEOUT_MILLIS));
    config.urls().forEach(url -> receivers.add(new Receiver(url)));
    return vertx.eventBus().<JsonObject>localConsumer(RoomSampler.EVENTS, message -> {
      Buffer body = message.body().copy().put("id", UUID.randomUUID().toString()).toBuffer();
      receivers.forEach(receiver -> receiver.offer(body));
    }).completion();
  }

  /** Events dropped because a receiver's queue was full (on this verticle's loop). */
  long dropped() {
    return dropped;
  }

  private String sign(Buffer body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(config.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes()));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }
}
