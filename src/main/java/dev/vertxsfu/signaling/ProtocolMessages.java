package dev.vertxsfu.signaling;

import dev.vertxsfu.bus.ErrorCode;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * The syntax of docs/protocol.md v1 client messages: from the text of one WebSocket message to a
 * {@link ClientMessage}, or a {@link ProtocolException} with code {@code bad_request} that
 * names the offending field. Pure: no state, no I/O, callable from any thread.
 *
 * <p>Fields a type does not define are let through untouched (a later version may add them);
 * optional fields may be absent or {@code null}.
 */
final class ProtocolMessages {
  /** The largest message a client may send, in bytes of UTF-8 (docs/protocol.md, "Limits"). */
  static final int MAX_MESSAGE_BYTES = 64 * 1024;
  /** The longest string {@code id} a request may carry (replies echo it). */
  static final int MAX_ID_CHARS = 256;
  /** A room name: 1-128 characters of {@code [A-Za-z0-9_.-]}. */
  private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  private ProtocolMessages() {}

  /** Parses and checks one text message. */
  static ClientMessage parse(String text) throws ProtocolException {
    if (exceedsLimit(text)) {
      throw badRequest("message larger than " + MAX_MESSAGE_BYTES + " bytes");
    }
    JsonObject json = decodeObject(text);
    Object id = id(json);
    try {
      ClientMessageType type = type(json);
      checkFields(type, json);
      return new ClientMessage(type, id, json);
    } catch (ProtocolException e) {
      throw e.withId(id);
    }
  }

  /** The refusal of a binary message: the protocol is JSON in text messages only. */
  static ProtocolException binaryMessage() {
    return badRequest("binary messages are not accepted: send JSON in text messages");
  }

  /** Whether {@code text} takes more than {@link #MAX_MESSAGE_BYTES} in UTF-8. */
  static boolean exceedsLimit(CharSequence text) {
    int chars = text.length();
    if (chars > MAX_MESSAGE_BYTES) {
      return true; // every char takes at least one byte
    }
    if (chars * 3 <= MAX_MESSAGE_BYTES) {
      return false; // no char takes more than three (a surrogate pair takes four for two)
    }
    return utf8Length(text) > MAX_MESSAGE_BYTES;
  }

  /** The bytes {@code text} takes in UTF-8 (a surrogate pair takes four). */
  static long utf8Length(CharSequence text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes;
  }

  private static JsonObject decodeObject(String text) throws ProtocolException {
    Object value;
    try {
      value = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw badRequest("not valid JSON");
    } catch (RuntimeException e) { // whatever else the JSON parser may throw: still bad input
      throw badRequest("not valid JSON");
    }
    if (!(value instanceof JsonObject json)) {
      throw badRequest("a message must be a JSON object");
    }
    return json;
  }

  /**
   * The request id: a string of at most {@link #MAX_ID_CHARS} characters or an integer;
   * {@code null} when absent. Every reply echoes it, so a longer one is refused (and not
   * echoed): a client must not make the node write its own large input back again and again.
   */
  private static Object id(JsonObject json) throws ProtocolException {
    Object id = json.getValue("id");
    if (id instanceof String text && text.length() > MAX_ID_CHARS) {
      throw badRequest("id must be at most " + MAX_ID_CHARS + " characters");
    }
    if (id == null || id instanceof String || id instanceof Integer || id instanceof Long) {
      return id;
    }
    throw badRequest("id must be a string or an integer");
  }

  private static ClientMessageType type(JsonObject json) throws ProtocolException {
    Object type = json.getValue("type");
    if (!(type instanceof String name)) {
      throw badRequest("type is required and must be a string");
    }
    ClientMessageType known = ClientMessageType.fromWireName(name);
    if (known == null) {
      throw badRequest("unknown type " + MessageFields.quote(name));
    }
    return known;
  }

  private static void checkFields(ClientMessageType type, JsonObject json)
      throws ProtocolException {
    switch (type) {
      case JOIN -> {
        if (!(json.getValue("room") instanceof String room) || !ROOM.matcher(room).matches()) {
          throw badRequest("room must be 1-128 characters of [A-Za-z0-9_.-]");
        }
        MessageFields.optionalString(json, "name", "name");
        MessageFields.optionalString(json, "token", "token");
      }
      case OFFER, ANSWER -> MessageFields.nonEmptyString(json, "sdp", "sdp");
      case CANDIDATE -> MessageFields.candidate(json);
      case TRACKS_ADDED -> MessageFields.trackSources(json);
      case SUBSCRIBE_TRACKS, UNSUBSCRIBE_TRACKS -> MessageFields.trackRefs(json);
      case MUTE_TRACK -> {
        MessageFields.nonEmptyString(json, "trackId", "trackId");
        if (!(json.getValue("muted") instanceof Boolean)) {
          throw badRequest("muted is required and must be true or false");
        }
      }
      case ROOM_MESSAGE -> MessageFields.roomMessage(json);
      case TRACK_SETTINGS -> MessageFields.trackSettings(json);
      case IS_ALLOW_RENEGOTIATION, LEAVE -> {
        // no fields
      }
    }
  }

  static ProtocolException badRequest(String message) {
    return new ProtocolException(ErrorCode.BAD_REQUEST, message);
  }
}
