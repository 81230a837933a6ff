package dev.vertxsfu.bench.janus;

/**
 * An error Janus reported in answer to a request: either the core's error object
 * ({@code {"janus":"error","error":{"code":458,"reason":"No such session ..."}}}, origin
 * {@link #CORE}) or a plugin's error inside a {@code success} or {@code event}
 * ({@code plugindata.data.error_code} and {@code error}, origin the plugin's package name, for
 * example {@code janus.plugin.videoroom} with 426 "No such room"). The request's future fails
 * with it on the connection's event loop.
 */
public final class JanusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The origin of errors of the Janus core (janus/apierror.h codes, 4xx). */
  public static final String CORE = "janus";

  private final String origin;
  private final int code;
  private final String reason;

  public JanusException(String origin, int code, String reason) {
    super(origin + " error " + code + ": " + reason);
    this.origin = origin;
    this.code = code;
    this.reason = reason;
  }

  /** {@link #CORE} or the plugin's package name. */
  public String origin() {
    return origin;
  }

  /** Janus's numeric error code (the core's and the VideoRoom's codes overlap: see origin). */
  public int code() {
    return code;
  }

  /** Janus's text, as it wrote it. */
  public String reason() {
    return reason;
  }
}
