package dev.vertxsfu.bench.janus;

/**
 * A frame from Janus that does not follow the Janus API: not a JSON object, no {@code janus}
 * field, an error object without its code, a number where an id belongs that is not one.
 * Thrown by {@link JanusReply#parse}; the request it answers (when its transaction could be
 * read) fails with it.
 */
public final class JanusReplyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JanusReplyException(String message) {
    super(message);
  }

  public JanusReplyException(String message, Throwable cause) {
    super(message, cause);
  }
}
