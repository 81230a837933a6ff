package dev.vertxsfu.client;

import io.vertx.core.json.JsonObject;

/**
 * An {@code error} frame from the SFU (docs/protocol.md, "Errors"): the request it answers fails
 * with this; one that answers no pending request is kept in {@link ClientEvents#errors()}.
 */
public final class SfuErrorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final String text;
  private final String requestType;
  private final transient JsonObject frame;

  public SfuErrorException(String code, String message, String requestType) {
    this(code, message, requestType, new JsonObject());
  }

  private SfuErrorException(String code, String message, String requestType, JsonObject frame) {
    super(requestType == null ? code + ": " + message
        : code + ": " + message + " (" + requestType + ")");
    this.code = code;
    this.text = message;
    this.requestType = requestType;
    this.frame = frame;
  }

  static SfuErrorException fromFrame(JsonObject frame, String requestType) {
    return new SfuErrorException(frame.getString("code", "internal"),
        frame.getString("message", ""), requestType, frame.copy());
  }

  /** A further field of the {@code error} frame (such as {@code trackId}), or {@code null}. */
  public String field(String name) {
    Object value = frame.getValue(name);
    return value == null ? null : value.toString();
  }

  /** The docs/protocol.md code: {@code bad_request}, {@code not_allowed}, {@code room_full}... */
  public String code() {
    return code;
  }

  /** The frame's {@code message}, as the SFU wrote it. */
  public String text() {
    return text;
  }

  /** The type of the request it refused, or {@code null} for an unsolicited error. */
  public String requestType() {
    return requestType;
  }
}
