package dev.vertxsfu.room;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.media.transport.TransportState;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A client reached over the event bus: its room's events become docs/protocol.md server messages.
 * While the room handles a request of this client, its events are collected for the reply
 * (so they reach the client after the response, in order); otherwise they are sent to
 * {@link BusAddresses#client(String)}. On the room's event loop.
 */
final class BusClientListener implements RoomClientListener {
  private final EventBus bus;
  private final String address;
  private JsonArray collecting;

  BusClientListener(EventBus bus, String address) {
    this.bus = bus;
    this.address = address;
  }

  /** Until {@link #stopCollecting}, events go into {@code events}. */
  void collect(JsonArray events) {
    this.collecting = events;
  }

  void stopCollecting() {
    this.collecting = null;
  }

  private void emit(JsonObject event) {
    if (collecting != null) {
      collecting.add(event);
    } else {
      bus.send(address, event);
    }
  }

  static JsonObject trackJson(TrackInfo track) {
    JsonObject json = new JsonObject().put("clientId", track.clientId())
        .put("trackId", track.trackId()).put("streamId", track.streamId())
        .put("kind", track.kind());
    if (track.source() != null) {
      json.put("source", track.source());
    }
    if (track.codec() != null) {
      json.put("codec", track.codec());
    }
    return json;
  }

  private static JsonArray tracksJson(List<TrackInfo> tracks) {
    JsonArray array = new JsonArray();
    tracks.forEach(track -> array.add(trackJson(track)));
    return array;
  }

  @Override
  public void onOffer(String sdp) {
    emit(new JsonObject().put("type", "offer").put("sdp", sdp));
  }

  @Override
  public void onAllowRenegotiation() {
    emit(new JsonObject().put("type", "allow_renegotiation"));
  }

  @Override
  public void onTracksAdded(List<TrackInfo> tracks) {
    JsonArray array = new JsonArray();
    tracks.forEach(track -> array.add(new JsonObject().put("trackId", track.trackId())
        .put("streamId", track.streamId()).put("kind", track.kind())));
    emit(new JsonObject().put("type", "tracks_added").put("tracks", array));
  }

  @Override
  public void onTracksAvailable(List<TrackInfo> tracks) {
    emit(new JsonObject().put("type", "tracks_available").put("tracks", tracksJson(tracks)));
  }

  @Override
  public void onTracksRemoved(List<TrackInfo> tracks) {
    emit(new JsonObject().put("type", "tracks_removed").put("tracks", tracksJson(tracks)));
  }

  @Override
  public void onConnectionStateChanged(TransportState state) {
    emit(new JsonObject().put("type", "connection_state").put("state", state.protocolName()));
  }

  @Override
  public void onClientJoined(String clientId, String name) {
    emit(new JsonObject().put("type", "client_joined").put("clientId", clientId).put("name", name));
  }

  @Override
  public void onClientLeft(String clientId, String name) {
    emit(new JsonObject().put("type", "client_left").put("clientId", clientId).put("name", name));
  }

  @Override
  public void onRoomMoved(String roomId, String reason) {
    emit(new JsonObject().put("type", "room_moved").put("room", roomId).put("reason", reason));
  }

  @Override
  public void onSubscriptionDropped(TrackInfo track, String code, String message) {
    emit(new JsonObject().put("type", "error").put("code", code).put("message", message)
        .put("clientId", track.clientId()).put("trackId", track.trackId())
        .put("codec", track.codec()));
  }

  @Override
  public void onError(String code, String message) {
    emit(new JsonObject().put("type", "error").put("code", code).put("message", message));
  }
}
