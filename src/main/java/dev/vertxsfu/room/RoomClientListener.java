package dev.vertxsfu.room;

import dev.vertxsfu.media.router.ConsumerLayer;
import dev.vertxsfu.media.speaker.ActiveSpeakerObserver;
import dev.vertxsfu.media.transport.TransportState;
import java.util.List;

/**
 * What a room tells one client, on the room's event loop: inlivedev/sfu's callbacks as
 * docs/protocol.md's server messages carry them. Events caused by a call of the client itself are
 * delivered after that call's reply. Implementations hand them on (to a WebSocket, the event
 * bus, a test) and return.
 */
public interface RoomClientListener {
  /** The SFU renegotiates ({@code offer}; {@code OnRenegotiation}): answer it. */
  void onOffer(String sdp);

  /** A client that was refused may negotiate now ({@code allow_renegotiation}). */
  default void onAllowRenegotiation() {
  }

  /** Tracks the SFU received from this client, held back until their source is named. */
  default void onTracksAdded(List<TrackInfo> tracks) {
  }

  /** Tracks of other clients this client may subscribe to. */
  void onTracksAvailable(List<TrackInfo> tracks);

  /** Tracks that left the room. */
  void onTracksRemoved(List<TrackInfo> tracks);

  /** The client's transport state as the SFU sees it ({@code connection_state}). */
  void onConnectionStateChanged(TransportState state);

  default void onClientJoined(String clientId, String name) {
  }

  default void onClientLeft(String clientId, String name) {
  }

  /**
   * The room is gone from this node ({@code room_moved}): the client is no longer in it and
   * joins again to find it on a live node. {@code reason} is {@code drain} or {@code node_lost};
   * or {@code transport_timeout} when the room let this client go because its transport did not
   * connect, or stayed disconnected, too long (it may join again).
   */
  default void onRoomMoved(String roomId, String reason) {
  }

  /** Something the client did not ask about went wrong (an unanswered SFU offer). */
  default void onError(String code, String message) {
  }

  /**
   * A subscription of this client was dropped after its {@code subscribe_tracks} had been
   * taken: made before the client's first offer, which then showed the client cannot receive
   * {@code track}'s codec ({@code codec_not_supported}). An {@code error} naming the track.
   */
  default void onSubscriptionDropped(TrackInfo track, String code, String message) {
    onError(code, message);
  }

  /** Another client muted or unmuted a track ({@code track_muted}, {@code track_unmuted}). */
  default void onTrackMuted(TrackInfo track) {
  }

  /** A chat message for this client ({@code room_message}). */
  default void onRoomMessage(ChatMessage message) {
  }

  /** Who speaks now, loudest first; empty when nobody does ({@code active_speakers}). */
  default void onActiveSpeakers(List<ActiveSpeakerObserver.Speaker> speakers) {
  }

  /**
   * The layer this client receives of another's simulcast track changed ({@code layer_changed}):
   * at the key frame where the switch happened, or {@link ConsumerLayer#NONE} when it gets
   * nothing (paused, or no layer flowing).
   */
  default void onLayerChanged(String clientId, String trackId, ConsumerLayer layer) {
  }

  /** The reason of a pause or resume decided by the subscriber's congestion control. */
  String BANDWIDTH = "bandwidth";

  /**
   * The SFU stopped forwarding another's track to this client ({@code track_paused}): for
   * {@link #BANDWIDTH}, even its lowest layer does not fit this client's estimated bandwidth.
   */
  default void onTrackPaused(String clientId, String trackId, String reason) {
  }

  /** The SFU forwards another's track to this client again ({@code track_resumed}). */
  default void onTrackResumed(String clientId, String trackId, String reason) {
  }

  /**
   * Which simulcast layers of this client's own track {@code trackId} its subscribers want now
   * ({@code layers_wanted}; possibly none): the client may stop encoding the others until a
   * later event names them again.
   *
   * @param spatial the layers' indexes in the track's encoding order, 0 the smallest
   * @param rids the same layers' rids, or null when the track's encodings have none
   *     ({@code a=ssrc-group:SIM})
   */
  default void onLayersWanted(String trackId, List<Integer> spatial, List<String> rids) {
  }
}
