package dev.vertxsfu.signaling;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The field checks behind {@link ProtocolMessages}: each throws {@code bad_request} with the
 * field's path ({@code candidate.sdpMLineIndex}, {@code tracks[2].trackId}). Pure.
 */
final class MessageFields {
  private static final int MAX_QUOTED = 64;
  /** The longest chat text; the room keeps the same limit. */
  static final int MAX_CHAT_TEXT = 2000;
  /** The most recipients one chat message may name. */
  static final int MAX_RECIPIENTS = 100;
  /** The most tracks one {@code track_settings} may name. */
  static final int MAX_TRACK_SETTINGS = 100;
  /** The largest tile size in pixels a {@code track_settings} may give. */
  static final int MAX_TILE_PIXELS = 16384;
  /** The largest frame rate a {@code track_settings} may give. */
  static final int MAX_FPS = 240;

  private MessageFields() {}

  static void nonEmptyString(JsonObject json, String key, String path) throws ProtocolException {
    if (!(json.getValue(key) instanceof String value) || value.isEmpty()) {
      throw ProtocolMessages.badRequest(path + " is required and must be a non-empty string");
    }
  }

  static void optionalString(JsonObject json, String key, String path) throws ProtocolException {
    Object value = json.getValue(key);
    if (value != null && !(value instanceof String)) {
      throw ProtocolMessages.badRequest(path + " must be a string");
    }
  }

  /**
   * {@code candidate}: {@code null} (end of candidates) or {@code {candidate, sdpMid,
   * sdpMLineIndex, usernameFragment?}} as a browser's {@code RTCIceCandidate.toJSON()} gives
   * it. The candidate line may be empty (some browsers end gathering so); what it says is the
   * room's to check.
   */
  static void candidate(JsonObject json) throws ProtocolException {
    if (!json.containsKey("candidate")) {
      throw ProtocolMessages.badRequest("candidate is required (an object, or null at the end)");
    }
    Object value = json.getValue("candidate");
    if (value == null) {
      return;
    }
    if (!(value instanceof JsonObject candidate)) {
      throw ProtocolMessages.badRequest("candidate must be an object or null");
    }
    if (!(candidate.getValue("candidate") instanceof String)) {
      throw ProtocolMessages.badRequest("candidate.candidate is required and must be a string");
    }
    optionalString(candidate, "sdpMid", "candidate.sdpMid");
    Object index = candidate.getValue("sdpMLineIndex");
    if (index != null && !(isInteger(index) && ((Number) index).longValue() >= 0
        && ((Number) index).longValue() <= 0xFFFF)) {
      throw ProtocolMessages.badRequest(
          "candidate.sdpMLineIndex must be an integer from 0 to 65535, or null");
    }
    optionalString(candidate, "usernameFragment", "candidate.usernameFragment");
  }

  /** {@code tracks} of a client's {@code tracks_added}: {@code {trackId: "media"|"screen"}}. */
  static void trackSources(JsonObject json) throws ProtocolException {
    if (!(json.getValue("tracks") instanceof JsonObject tracks)) {
      throw ProtocolMessages.badRequest(
          "tracks is required and must be an object of trackId to \"media\" or \"screen\"");
    }
    for (Map.Entry<String, Object> track : tracks) {
      String path = "tracks[" + quote(track.getKey()) + "]";
      if (track.getKey().isEmpty()) {
        throw ProtocolMessages.badRequest("tracks has an empty trackId");
      }
      if (!"media".equals(track.getValue()) && !"screen".equals(track.getValue())) {
        throw ProtocolMessages.badRequest(path + " must be \"media\" or \"screen\"");
      }
    }
  }

  /** {@code tracks} of {@code subscribe_tracks} and {@code unsubscribe_tracks}. */
  static void trackRefs(JsonObject json) throws ProtocolException {
    if (!(json.getValue("tracks") instanceof JsonArray tracks)) {
      throw ProtocolMessages.badRequest(
          "tracks is required and must be an array of {clientId, trackId}");
    }
    for (int i = 0; i < tracks.size(); i++) {
      String path = "tracks[" + i + "]";
      if (!(tracks.getValue(i) instanceof JsonObject track)) {
        throw ProtocolMessages.badRequest(path + " must be an object {clientId, trackId}");
      }
      nonEmptyString(track, "clientId", path + ".clientId");
      nonEmptyString(track, "trackId", path + ".trackId");
    }
  }

  /**
   * {@code room_message}: a non-empty {@code text} of at most {@link #MAX_CHAT_TEXT} characters,
   * and optionally {@code to}, at most {@link #MAX_RECIPIENTS} client ids.
   */
  static void roomMessage(JsonObject json) throws ProtocolException {
    nonEmptyString(json, "text", "text");
    int length = json.getString("text").length();
    if (length > MAX_CHAT_TEXT) {
      throw ProtocolMessages.badRequest("text has at most " + MAX_CHAT_TEXT
          + " characters, not " + length);
    }
    Object to = json.getValue("to");
    if (to == null) {
      return;
    }
    if (!(to instanceof JsonArray ids) || ids.size() > MAX_RECIPIENTS) {
      throw ProtocolMessages.badRequest("to must be an array of at most " + MAX_RECIPIENTS
          + " client ids");
    }
    for (int i = 0; i < ids.size(); i++) {
      if (!(ids.getValue(i) instanceof String id) || id.isEmpty()) {
        throw ProtocolMessages.badRequest("to[" + i + "] must be a non-empty client id");
      }
    }
  }

  /**
   * {@code track_settings}: {@code tracks}, 1 to {@link #MAX_TRACK_SETTINGS} objects
   * {@code {clientId, trackId, maxWidth, maxHeight, maxFps?, paused?}}; sizes are integers from
   * 0 (no limit) to {@link #MAX_TILE_PIXELS}, {@code maxFps} from 0 (no limit) to
   * {@link #MAX_FPS}, {@code paused} a boolean.
   */
  static void trackSettings(JsonObject json) throws ProtocolException {
    if (!(json.getValue("tracks") instanceof JsonArray tracks) || tracks.isEmpty()
        || tracks.size() > MAX_TRACK_SETTINGS) {
      throw ProtocolMessages.badRequest("tracks is required and must be an array of 1 to "
          + MAX_TRACK_SETTINGS + " {clientId, trackId, maxWidth, maxHeight, maxFps?, paused?}");
    }
    for (int i = 0; i < tracks.size(); i++) {
      String path = "tracks[" + i + "]";
      if (!(tracks.getValue(i) instanceof JsonObject track)) {
        throw ProtocolMessages.badRequest(path + " must be an object {clientId, trackId, "
            + "maxWidth, maxHeight, maxFps?, paused?}");
      }
      nonEmptyString(track, "clientId", path + ".clientId");
      nonEmptyString(track, "trackId", path + ".trackId");
      integerIn(track, "maxWidth", path + ".maxWidth", MAX_TILE_PIXELS, true);
      integerIn(track, "maxHeight", path + ".maxHeight", MAX_TILE_PIXELS, true);
      integerIn(track, "maxFps", path + ".maxFps", MAX_FPS, false);
      Object paused = track.getValue("paused");
      if (paused != null && !(paused instanceof Boolean)) {
        throw ProtocolMessages.badRequest(path + ".paused must be true or false");
      }
    }
  }

  private static void integerIn(JsonObject json, String key, String path, int max,
      boolean required) throws ProtocolException {
    Object value = json.getValue(key);
    if (value == null && !required) {
      return;
    }
    if (!isInteger(value) || ((Number) value).longValue() < 0
        || ((Number) value).longValue() > max) {
      throw ProtocolMessages.badRequest(path + (required ? " is required and" : "")
          + " must be an integer from 0 to " + max);
    }
  }

  /** {@code text} in double quotes, cut short so an error never echoes a long input. */
  static String quote(String text) {
    return "\"" + (text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...")
        + "\"";
  }

  private static boolean isInteger(Object value) {
    return value instanceof Integer || value instanceof Long;
  }
}
