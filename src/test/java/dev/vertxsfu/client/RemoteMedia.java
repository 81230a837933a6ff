package dev.vertxsfu.client;

import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.vertxsfu.testpeer.DecodedMedia;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the client receives, per m-line: the publisher track the SFU's last description named
 * on it ({@link RemoteDescriptionTracks}) and a {@link DecodedMedia} attached to its receiver.
 *
 * <p>When the SFU moves an m-line to another publisher's track (a new {@code a=msid} on the
 * same mid), a fresh {@link DecodedMedia} replaces the old one, so frames are never counted for
 * the wrong track. {@link #update} runs on the signaling executor; the maps are read anywhere.
 */
final class RemoteMedia {
  private final int width;
  private final int height;
  private final Map<String, RemoteTrackId> tracksByMid = new ConcurrentHashMap<>();
  private final Map<String, DecodedMedia> decodedByMid = new ConcurrentHashMap<>();
  private final Map<String, Sink> sinks = new HashMap<>();

  /** A sink attached to a receiver's track, kept to detach it from the same wrapper. */
  private record Sink(RemoteTrackId id, MediaStreamTrack track, DecodedMedia media) {}

  RemoteMedia(int expectedWidth, int expectedHeight) {
    this.width = expectedWidth;
    this.height = expectedHeight;
  }

  /** Re-reads which mid carries which track after {@code remoteSdp} was applied. */
  void update(RTCPeerConnection connection, String remoteSdp) {
    Map<String, RemoteTrackId> current = new HashMap<>();
    RemoteDescriptionTracks.read(remoteSdp).forEach(track -> current.put(track.mid(), track));
    for (RTCRtpTransceiver transceiver : connection.getTransceivers()) {
      String mid = transceiver.getMid();
      if (mid == null) {
        continue;
      }
      RemoteTrackId id = current.get(mid);
      Sink old = sinks.get(mid);
      if (old != null && old.id().equals(id)) {
        continue;
      }
      if (old != null) {
        detach(old);
        sinks.remove(mid);
        decodedByMid.remove(mid);
      }
      if (id != null) {
        Sink sink = attach(id, transceiver.getReceiver().getTrack());
        sinks.put(mid, sink);
        decodedByMid.put(mid, sink.media());
      }
    }
    tracksByMid.keySet().retainAll(current.keySet());
    tracksByMid.putAll(current);
  }

  Map<String, RemoteTrackId> tracksByMid() {
    return Map.copyOf(tracksByMid);
  }

  Map<String, DecodedMedia> decodedByMid() {
    return Map.copyOf(decodedByMid);
  }

  /** What is decoded of {@code track}, if the SFU currently sends it to this client. */
  Optional<DecodedMedia> decoded(TrackInfo track) {
    return tracksByMid.values().stream().filter(track::carriedBy).findFirst()
        .map(id -> decodedByMid.get(id.mid()));
  }

  /** Detaches every sink; the peer connection is about to close. */
  void detachAll() {
    sinks.values().forEach(RemoteMedia::detach);
    sinks.clear();
  }

  List<RemoteTrackId> tracks() {
    return List.copyOf(tracksByMid.values());
  }

  private Sink attach(RemoteTrackId id, MediaStreamTrack track) {
    DecodedMedia media = new DecodedMedia(width, height);
    if (track instanceof VideoTrack video) {
      video.addSink(media);
    } else if (track instanceof AudioTrack audio) {
      audio.addSink(media);
    }
    return new Sink(id, track, media);
  }

  private static void detach(Sink sink) {
    if (sink.track() instanceof VideoTrack video) {
      video.removeSink(sink.media());
    } else if (sink.track() instanceof AudioTrack audio) {
      audio.removeSink(sink.media());
    }
  }
}
