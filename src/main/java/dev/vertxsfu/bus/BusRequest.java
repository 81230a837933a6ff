package dev.vertxsfu.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * The one way the SFU asks something over the event bus and waits: a request with a timeout,
 * whose answer must be of the type the contract says. It completes with that answer, or fails
 * with a {@link RefusalException}: the recipient's {@link Refusal}, {@code unavailable} when
 * nobody answered within the timeout or nothing is registered at the address
 * ({@link RefusalException#unanswered()}), {@code internal} for an answer of the wrong type or
 * any other failure.
 *
 * <p>A request that found nothing registered at its address is sent again a few times over
 * about a second ({@link #NO_HANDLER_RETRY_MILLIS}) before it fails. On a cluster, a room that
 * another node has just started is registered there before this node's copy of the
 * subscriptions (Hazelcast entry events) has heard of it, so the first request of a client
 * whose room was placed elsewhere could otherwise fail with "no handlers" right after the
 * start succeeded. Nothing was delivered when that failure comes, so sending again is safe.
 *
 * <p>Used by the signaling front's {@code RoomLink}, by {@link SfuClient} and
 * by the room manager asking another node to start a room. Immutable; any thread; the future
 * completes on the caller's context.
 */
public final class BusRequest {
  /** How long a room or manager may take to answer one request (docs/protocol.md, Limits). */
  public static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

  /** The pauses before each new attempt at an address with no handler: 1.27 s in all. */
  static final long[] NO_HANDLER_RETRY_MILLIS = {10, 20, 40, 80, 160, 320, 640};

  private final Vertx vertx;
  private final DeliveryOptions options;

  /** Requests on {@code vertx}'s bus (its codecs registered here) with {@code timeoutMillis}. */
  public BusRequest(Vertx vertx, long timeoutMillis) {
    BusCodecs.register(vertx);
    this.vertx = vertx;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMillis);
  }

  /** Sends {@code body} to {@code address}; completes with its answer of {@code replyType}. */
  public <T> Future<T> ask(String address, Object body, Class<T> replyType) {
    return ask(address, body, replyType, 0);
  }

  private <T> Future<T> ask(String address, Object body, Class<T> replyType, int attempt) {
    return vertx.eventBus().request(address, body, options).transform(ar -> {
      if (ar.failed() && noHandlers(ar.cause()) && attempt < NO_HANDLER_RETRY_MILLIS.length) {
        return vertx.timer(NO_HANDLER_RETRY_MILLIS[attempt])
            .compose(v -> ask(address, body, replyType, attempt + 1));
      }
      if (ar.failed()) {
        return Future.failedFuture(RefusalException.of(ar.cause()));
      }
      Object answer = ar.result().body();
      if (!replyType.isInstance(answer)) {
        return Future.failedFuture(new Refusal(ErrorCode.INTERNAL, address + " answered a "
            + (answer == null ? "null" : answer.getClass().getSimpleName()) + ", not a "
            + replyType.getSimpleName()).exception());
      }
      return Future.succeededFuture(replyType.cast(answer));
    });
  }

  private static boolean noHandlers(Throwable failure) {
    return failure instanceof ReplyException reply
        && reply.failureType() == ReplyFailure.NO_HANDLERS;
  }
}
