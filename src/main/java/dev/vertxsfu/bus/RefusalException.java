package dev.vertxsfu.bus;

/**
 * A failed bus request, as {@link BusRequest} completes it: the {@link Refusal} to give the
 * client, and whether the recipient never answered (timed out, or no handler): then it may or
 * may not have acted on the request. No stack trace: it is an answer, not a bug.
 */
public final class RefusalException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Refusal refusal;
  private final boolean unanswered;

  RefusalException(Refusal refusal, boolean unanswered) {
    super(refusal.code().wireName() + ": " + refusal.text(), null, false, false);
    this.refusal = refusal;
    this.unanswered = unanswered;
  }

  public Refusal refusal() {
    return refusal;
  }

  /** docs/protocol.md's code. */
  public ErrorCode code() {
    return refusal.code();
  }

  /** Nobody answered: the recipient may or may not have acted on the request. */
  public boolean unanswered() {
    return unanswered;
  }

  /** The failure of a request as a refusal: see {@link Refusal#of(Throwable)}. */
  public static RefusalException of(Throwable failure) {
    return failure instanceof RefusalException refused ? refused
        : new RefusalException(Refusal.of(failure), Refusal.unanswered(failure));
  }
}
