package dev.vertxsfu.bench.janus;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * One frame from Janus's WebSocket API, parsed: its kind ({@code janus}: {@code ack},
 * {@code success}, {@code event}, {@code error}, {@code webrtcup}, {@code media},
 * {@code hangup}, ...), the transaction it answers, the handle that sent it, the plugin's data
 * and the JSEP (SDP) it carries.
 *
 * <p>Pure: parsing and reading fields, no I/O. {@link #parse} and the accessors throw
 * {@link JanusReplyException} on a frame that breaks the API's shape, never a
 * {@code ClassCastException} or {@code NullPointerException}. Made by {@link JanusConnection}
 * on its event loop.
 *
 * @param kind the {@code janus} field
 * @param transaction the request's transaction it answers, or {@code null} for an event
 * @param sender the handle id that sent it, or 0
 * @param frame the whole frame
 */
record JanusReply(String kind, String transaction, long sender, JsonObject frame) {

  /** Parses a text frame; throws {@link JanusReplyException} when it is no Janus API frame. */
  static JanusReply parse(String text) {
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new JanusReplyException("not a JSON object: " + abbreviate(text), e);
    }
    String kind = string(frame, "janus");
    if (kind == null) {
      throw new JanusReplyException("no \"janus\" field: " + abbreviate(text));
    }
    return new JanusReply(kind, string(frame, "transaction"), number(frame, "sender"), frame);
  }

  /**
   * The error this frame reports, or {@code null}: the core's {@code error} object, or a
   * plugin's {@code error_code} and {@code error} in its data.
   */
  JanusException error() {
    if ("error".equals(kind)) {
      JsonObject error = object(frame, "error");
      if (error == null || !(error.getValue("code") instanceof Number code)) {
        throw new JanusReplyException("an error frame without error.code: " + frame.encode());
      }
      String reason = string(error, "reason");
      return new JanusException(JanusException.CORE, code.intValue(), reason == null ? "" : reason);
    }
    JsonObject data = pluginData();
    if (data.containsKey("error_code") || data.containsKey("error")) {
      Object code = data.getValue("error_code");
      String reason = string(data, "error");
      return new JanusException(plugin(), code instanceof Number n ? n.intValue() : 0,
          reason == null ? "" : reason);
    }
    return null;
  }

  /** {@code data.id}: the session id of a {@code create}, the handle id of an {@code attach}. */
  long dataId() {
    JsonObject data = object(frame, "data");
    long id = data == null ? 0 : number(data, "id");
    if (id == 0) {
      throw new JanusReplyException("no data.id in: " + frame.encode());
    }
    return id;
  }

  /** The plugin's package name ({@code plugindata.plugin}), or the empty string. */
  String plugin() {
    JsonObject pluginData = object(frame, "plugindata");
    String plugin = pluginData == null ? null : string(pluginData, "plugin");
    return plugin == null ? "" : plugin;
  }

  /** The plugin's answer ({@code plugindata.data}); empty when the frame has none. */
  JsonObject pluginData() {
    JsonObject pluginData = object(frame, "plugindata");
    JsonObject data = pluginData == null ? null : object(pluginData, "data");
    return data == null ? new JsonObject() : data;
  }

  /** A number the plugin's data must hold (a feed id, a room), or the exception. */
  long pluginNumber(String field) {
    long value = number(pluginData(), field);
    if (value == 0) {
      throw new JanusReplyException("no plugindata.data." + field + " in: " + frame.encode());
    }
    return value;
  }

  /** The SDP of the frame's JSEP, which must be of {@code type} ("offer" or "answer"). */
  String jsep(String type) {
    JsonObject jsep = object(frame, "jsep");
    if (jsep == null || !type.equals(string(jsep, "type")) || string(jsep, "sdp") == null) {
      throw new JanusReplyException("no jsep " + type + " in: " + abbreviate(frame.encode()));
    }
    return jsep.getString("sdp");
  }

  private static String string(JsonObject object, String field) {
    Object value = object.getValue(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new JanusReplyException("\"" + field + "\" is not a string: " + object.encode());
  }

  /** A positive integer (Janus ids are 53-bit), 0 when absent. */
  private static long number(JsonObject object, String field) {
    Object value = object.getValue(field);
    if (value == null) {
      return 0;
    }
    if (value instanceof Number number && number.longValue() > 0
        && number.doubleValue() == number.longValue()) {
      return number.longValue();
    }
    throw new JanusReplyException("\"" + field + "\" is not a positive integer: " + object.encode());
  }

  private static JsonObject object(JsonObject object, String field) {
    Object value = object.getValue(field);
    if (value == null || value instanceof JsonObject) {
      return (JsonObject) value;
    }
    throw new JanusReplyException("\"" + field + "\" is not an object: " + object.encode());
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
