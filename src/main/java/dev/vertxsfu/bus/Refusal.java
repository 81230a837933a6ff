package dev.vertxsfu.bus;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.Objects;

/**
 * A request refused, as it crosses the event bus: docs/protocol.md's {@code code} and a text
 * for the client. This class is the one place that maps refusals to and from Vert.x's
 * {@link ReplyException}: {@link #failOn} fails a request with the code's
 * {@link ErrorCode#failureCode()} and the text as its message; {@link #of(Throwable)} reads any
 * failure of a request back (a room's refusal, no answer in time, no room at all, or anything
 * else). Immutable.
 *
 * @param code the docs/protocol.md code
 * @param text why, for the client
 */
public record Refusal(ErrorCode code, String text) {

  public Refusal {
    Objects.requireNonNull(code, "code");
    text = text == null ? "" : text;
  }

  /** Fails {@code request} with this refusal. */
  public void failOn(Message<?> request) {
    request.fail(code.failureCode(), text);
  }

  /** This refusal as the failure of a future. */
  public RefusalException exception() {
    return new RefusalException(this, false);
  }

  /**
   * What a failed request means for the client: the refusal the recipient sent
   * ({@link #failOn}); {@code unavailable} when nobody answered in time or nothing is
   * registered at the address; {@code internal} for anything else, such as a handler that threw.
   */
  public static Refusal of(Throwable failure) {
    if (failure instanceof RefusalException refused) {
      return refused.refusal();
    }
    if (failure instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
        ErrorCode code = ErrorCode.ofFailureCode(reply.failureCode());
        return code == null ? new Refusal(ErrorCode.INTERNAL, "the request failed")
            : new Refusal(code, reply.getMessage());
      }
      if (unanswered(failure)) {
        return new Refusal(ErrorCode.UNAVAILABLE, "no answer: " + reply.getMessage());
      }
    }
    return new Refusal(ErrorCode.INTERNAL, "the request failed");
  }

  /** Whether nobody answered: timed out, or nothing registered at the address. */
  public static boolean unanswered(Throwable failure) {
    if (failure instanceof RefusalException refused) {
      return refused.unanswered();
    }
    return failure instanceof ReplyException reply
        && (reply.failureType() == ReplyFailure.TIMEOUT
            || reply.failureType() == ReplyFailure.NO_HANDLERS);
  }
}
