package dev.vertxsfu.client;

import io.vertx.core.json.JsonObject;

/**
 * A track in the room as docs/protocol.md's {@code TrackInfo} gives it, in {@code tracks_available}
 * and {@code tracks_removed}.
 *
 * @param clientId the publisher
 * @param trackId the publisher's track id (second part of its {@code a=msid})
 * @param streamId the publisher's stream id (first part of its {@code a=msid})
 * @param kind {@code audio} or {@code video}
 * @param source {@code media} or {@code screen}
 */
public record TrackInfo(String clientId, String trackId, String streamId, String kind,
    String source) {

  static TrackInfo fromJson(JsonObject json) {
    return new TrackInfo(json.getString("clientId"), json.getString("trackId"),
        json.getString("streamId"), json.getString("kind"), json.getString("source"));
  }

  /** The {@code {clientId, trackId}} that {@code subscribe_tracks} names it by. */
  JsonObject reference() {
    return new JsonObject().put("clientId", clientId).put("trackId", trackId);
  }

  /** Whether the SFU's {@code a=msid} on an m-line names this track. */
  public boolean carriedBy(RemoteTrackId remote) {
    return trackId.equals(remote.trackId()) && streamId.equals(remote.streamId());
  }
}
