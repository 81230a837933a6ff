package dev.vertxsfu.client;

import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCRtpEncodingParameters;
import dev.onvoid.webrtc.RTCRtpSendParameters;
import dev.vertxsfu.client.JoinedReply.Member;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the client does with each server event of docs/protocol.md (a frame that answers no
 * request): negotiation events go to the {@link Negotiator}, candidates to the peer
 * connection, {@code tracks_added} gets its {@code media}/{@code screen} reply, the rest is
 * recorded in {@link ClientEvents}. Also writes this client's own candidates. Runs on the
 * signaling thread.
 */
final class ServerEventHandler {
  private final ClientEvents events;
  private final Map<String, LocalTrack> localTracks;
  private SignalingChannel channel;
  private Negotiator negotiator;
  private ClientPeerConnection peer;
  private volatile boolean dynacast;

  ServerEventHandler(ClientEvents events, Map<String, LocalTrack> localTracks) {
    this.events = events;
    this.localTracks = localTracks;
  }

  /** The parts made after this handler (they need it, or what needs it). */
  void bind(SignalingChannel channel, Negotiator negotiator, ClientPeerConnection peer) {
    this.channel = channel;
    this.negotiator = negotiator;
    this.peer = peer;
  }

  void onEvent(JsonObject event) {
    switch (String.valueOf(event.getString("type"))) {
      case "offer" -> negotiator.onServerOffer(event.getString("sdp"));
      case "allow_renegotiation" -> negotiator.onAllowRenegotiation();
      case "tracks_added" -> nameSources(event.getJsonArray("tracks", new JsonArray()));
      case "tracks_available" -> {
        JsonArray announced = event.getJsonArray("tracks", new JsonArray());
        for (int i = 0; i < announced.size(); i++) {
          JsonObject track = announced.getJsonObject(i);
          events.codec(TrackInfo.fromJson(track), track.getString("codec"));
        }
        events.tracksAvailable(tracks(event));
      }
      case "tracks_removed" -> events.tracksRemoved(tracks(event));
      case "candidate" -> addRemoteCandidate(event.getJsonObject("candidate"));
      case "connection_state" -> events.connectionState(event.getString("state"));
      case "client_joined" -> events.clientJoined(Member.fromJson(event));
      case "client_left" -> events.clientLeft(Member.fromJson(event));
      case "error" -> events.error(SfuErrorException.fromFrame(event, null));
      case "room_moved" -> events.roomMoved(event.getString("reason"));
      case "layer_changed" -> events.layerChanged(event);
      case "track_paused", "track_resumed" -> events.trackPaused(TrackPause.fromJson(event));
      case "layers_wanted" -> {
        events.layersWanted(event);
        if (dynacast) {
          applyLayersWanted(event);
        }
      }
      default -> { } // a newer server's event: docs/protocol.md lets the protocol grow
    }
  }

  /** Whether {@code layers_wanted} is applied to the named track's sender. */
  void dynacast(boolean apply) {
    this.dynacast = apply;
  }

  /**
   * docs/protocol.md section 20: each encoding of the track's sender is made active when its
   * index is in {@code spatial} (webrtc-java's encodings carry no rids; this client sends SSRC
   * simulcast, whose encodings are in the {@code a=ssrc-group:SIM} order, smallest first).
   */
  private void applyLayersWanted(JsonObject event) {
    LocalTrack local = localTracks.get(String.valueOf(event.getString("trackId")));
    JsonArray spatial = event.getJsonArray("spatial");
    if (local == null || spatial == null) {
      return;
    }
    RTCRtpSendParameters parameters = local.sender().getParameters();
    List<RTCRtpEncodingParameters> encodings = parameters.encodings;
    if (encodings == null || encodings.size() < 2) {
      return;
    }
    for (int i = 0; i < encodings.size(); i++) {
      encodings.get(i).active = spatial.contains(i);
    }
    local.sender().setParameters(parameters);
    events.layersApplied(event);
  }

  /** Sends a local candidate (already on 127.0.0.1), or {@code null} at the end of them. */
  static void sendCandidate(SignalingChannel channel, RTCIceCandidate candidate) {
    JsonObject fields = new JsonObject();
    if (candidate == null) {
      fields.putNull("candidate");
    } else {
      fields.put("candidate", new JsonObject().put("candidate", candidate.sdp)
          .put("sdpMid", candidate.sdpMid).put("sdpMLineIndex", candidate.sdpMLineIndex));
    }
    channel.send("candidate", fields);
  }

  /** docs/protocol.md step 3: name each track the SFU holds back {@code media} or {@code screen} */
  private void nameSources(JsonArray added) {
    JsonObject sources = new JsonObject();
    for (int i = 0; i < added.size(); i++) {
      String trackId = added.getJsonObject(i).getString("trackId");
      LocalTrack local = localTracks.get(trackId);
      sources.put(trackId, local == null ? LocalTrack.MEDIA : local.source());
    }
    events.sourceTypesSent(sources);
    channel.request("tracks_added", new JsonObject().put("tracks", sources))
        .whenComplete((reply, error) -> {
          if (error instanceof SfuErrorException refused) {
            events.error(refused);
          }
        });
  }

  private void addRemoteCandidate(JsonObject candidate) {
    if (candidate == null) {
      return; // the end of the SFU's candidates: libwebrtc needs nothing for it
    }
    peer.addRemoteCandidate(new RTCIceCandidate(candidate.getString("sdpMid"),
        candidate.getInteger("sdpMLineIndex", 0), candidate.getString("candidate")));
  }

  private static List<TrackInfo> tracks(JsonObject event) {
    JsonArray tracks = event.getJsonArray("tracks", new JsonArray());
    List<TrackInfo> infos = new ArrayList<>();
    for (int i = 0; i < tracks.size(); i++) {
      infos.add(TrackInfo.fromJson(tracks.getJsonObject(i)));
    }
    return infos;
  }
}
