package dev.vertxsfu.client;

import io.vertx.core.json.JsonObject;

/**
 * A {@code track_paused} or {@code track_resumed} server message (docs/protocol.md §19): the SFU
 * stopped, or started again, forwarding another client's track to this one, and why
 * ({@code bandwidth}: the subscriber's estimate does not carry even the track's lowest layer).
 *
 * @param clientId the publisher
 * @param trackId the publisher's track
 * @param paused true for {@code track_paused}, false for {@code track_resumed}
 * @param reason the message's reason
 */
public record TrackPause(String clientId, String trackId, boolean paused, String reason) {
  /** The reason of a pause for the subscriber's bandwidth. */
  public static final String BANDWIDTH = "bandwidth";

  static TrackPause fromJson(JsonObject event) {
    return new TrackPause(event.getString("clientId"), event.getString("trackId"),
        "track_paused".equals(event.getString("type")), event.getString("reason"));
  }
}
