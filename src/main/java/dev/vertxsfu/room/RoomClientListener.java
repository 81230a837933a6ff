package dev.vertxsfu.room;

import dev.vertxsfu.media.transport.TransportState;
import java.util.List;

/**
 * What a room tells one client, on the room's event loop: the inlivedev/sfu callbacks
 * ({@code OnRenegotiation}, {@code OnTracksAvailable}, ...) as PROTOCOL.md carries them.
 * Implementations hand the events on (to a WebSocket, the event bus, a test) and return.
 */
public interface RoomClientListener {
  /** The SFU renegotiates: answer with {@link RoomVerticle#answer}. */
  void onOffer(String sdp);

  /** Tracks of other clients this client may subscribe to. */
  void onTracksAvailable(List<TrackInfo> tracks);

  /** Tracks that left the room. */
  void onTracksRemoved(List<TrackInfo> tracks);

  void onConnectionStateChanged(TransportState state);
}
