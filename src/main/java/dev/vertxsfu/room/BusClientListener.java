package dev.vertxsfu.room;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.ClientEvent;
import dev.vertxsfu.media.router.ConsumerLayer;
import dev.vertxsfu.media.transport.TransportState;
import dev.vertxsfu.media.speaker.ActiveSpeakerObserver;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A client reached over the event bus: its room's events become docs/protocol.md server messages.
 * While the room handles a request of this client, its events are collected for the reply
 * (so they reach the client after the response, in order); otherwise they are sent to
 * {@link BusAddresses#client(String)} as {@link ClientEvent}s. On the room's event loop.
 */
final class BusClientListener implements RoomClientListener {
  private final EventBus bus;
  private final String address;
  private List<JsonObject> collecting;

  BusClientListener(EventBus bus, String address) {
    this.bus = bus;
    this.address = address;
  }

  /** Until {@link #stopCollecting}, events go into {@code events}. */
  void collect(List<JsonObject> events) {
    this.collecting = events;
  }

  void stopCollecting() {
    this.collecting = null;
  }

  private void emit(JsonObject event) {
    if (collecting != null) {
      collecting.add(event);
    } else {
      bus.send(address, new ClientEvent(event));
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
    return json.put("muted", track.muted());
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
  public void onTrackMuted(TrackInfo track) {
    emit(new JsonObject().put("type", track.muted() ? "track_muted" : "track_unmuted")
        .put("clientId", track.clientId()).put("trackId", track.trackId()));
  }

  @Override
  public void onRoomMessage(ChatMessage message) {
    JsonObject json = new JsonObject().put("type", "room_message").put("from", message.from())
        .put("name", message.name()).put("text", message.text())
        .put("timestamp", message.timestamp());
    if (!message.to().isEmpty()) {
      json.put("to", new JsonArray(message.to()));
    }
    if (message.history()) {
      json.put("history", true);
    }
    emit(json);
  }

  @Override
  public void onActiveSpeakers(List<ActiveSpeakerObserver.Speaker> speakers) {
    JsonArray array = new JsonArray();
    speakers.forEach(speaker -> array.add(new JsonObject().put("clientId", speaker.clientId())
        .put("level", Math.round(speaker.level() * 1000) / 1000.0)));
    emit(new JsonObject().put("type", "active_speakers").put("speakers", array));
  }

  @Override
  public void onError(String code, String message) {
    emit(new JsonObject().put("type", "error").put("code", code).put("message", message));
  }

  @Override
  public void onLayerChanged(String clientId, String trackId, ConsumerLayer layer) {
    JsonObject event = new JsonObject().put("type", "layer_changed").put("clientId", clientId)
        .put("trackId", trackId).put("spatial", layer.spatial())
        .put("temporal", layer.temporal());
    if (layer.rid() != null) {
      event.put("rid", layer.rid());
    }
    if (layer.width() > 0 && layer.height() > 0) {
      event.put("width", layer.width()).put("height", layer.height());
    }
    emit(event);
  }

  @Override
  public void onTrackPaused(String clientId, String trackId, String reason) {
    emit(new JsonObject().put("type", "track_paused").put("clientId", clientId)
        .put("trackId", trackId).put("reason", reason));
  }

  @Override
  public void onTrackResumed(String clientId, String trackId, String reason) {
    emit(new JsonObject().put("type", "track_resumed").put("clientId", clientId)
        .put("trackId", trackId).put("reason", reason));
  }

  @Override
  public void onLayersWanted(String trackId, List<Integer> spatial, List<String> rids) {
    JsonObject event = new JsonObject().put("type", "layers_wanted").put("trackId", trackId);
    if (rids != null) {
      event.put("rids", new JsonArray(List.copyOf(rids)));
    }
    emit(event.put("spatial", new JsonArray(List.copyOf(spatial))));
  }
}
