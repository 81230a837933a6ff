package dev.vertxsfu.room;

import dev.vertxsfu.media.router.LayerSelector;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What a subscriber asks of one track it receives ({@code track_settings}, docs/protocol.md
 * section 17): the size of its tile, the frame rate it needs, whether it shows it at all. The
 * front has checked the fields; the room checks the track.
 *
 * @param clientId the publisher
 * @param trackId the publisher's track
 * @param wish the tile's size (0: no limit), frame rate (0: no limit) and paused state
 */
record TrackSetting(String clientId, String trackId, LayerSelector.Wish wish) {

  String producerId() {
    return TrackInfo.producerId(clientId, trackId);
  }

  /** The {@code tracks} of a {@code track_settings} message, as the front let it through. */
  static List<TrackSetting> fromJson(JsonArray tracks) {
    List<TrackSetting> settings = new ArrayList<>(tracks.size());
    for (Object value : tracks) {
      JsonObject track = (JsonObject) value;
      settings.add(new TrackSetting(track.getString("clientId"), track.getString("trackId"),
          new LayerSelector.Wish(number(track, "maxWidth"), number(track, "maxHeight"),
              number(track, "maxFps"), Boolean.TRUE.equals(track.getValue("paused")))));
    }
    return settings;
  }

  /** An optional integer field; absent or null is 0 (no limit). */
  private static int number(JsonObject json, String key) {
    return json.getValue(key) instanceof Number number ? number.intValue() : 0;
  }
}
