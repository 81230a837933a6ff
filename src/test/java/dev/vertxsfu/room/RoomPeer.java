package dev.vertxsfu.room;

import static java.util.concurrent.TimeUnit.SECONDS;

import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.vertxsfu.media.router.ConsumerLayer;
import dev.vertxsfu.media.transport.TransportState;
import dev.vertxsfu.testpeer.DecodedMedia;
import dev.vertxsfu.testpeer.LibWebRtc;
import dev.vertxsfu.testpeer.SimulcastSdp;
import dev.vertxsfu.testpeer.SyntheticCamera;
import dev.vertxsfu.testpeer.SyntheticMicrophone;
import dev.vertxsfu.testpeer.TestPeer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real libwebrtc client of a {@link RoomVerticle}, driven through the room's Java API the way
 * the signaling layer will drive it: offer first, answer the SFU's offers, decode what arrives.
 * SFU offers are answered on the peer's own thread, never on the room's loop.
 */
final class RoomPeer implements AutoCloseable, RoomClientListener {
  final String id;
  final RoomVerticle room;
  final LibWebRtc libWebRtc = new LibWebRtc();
  final TestPeer peer = new TestPeer(libWebRtc);
  final List<TrackInfo> available = new CopyOnWriteArrayList<>();
  final List<TrackInfo> removed = new CopyOnWriteArrayList<>();
  final List<TransportState> states = new CopyOnWriteArrayList<>();
  final CompletableFuture<Void> connected = new CompletableFuture<>();
  /**
   * What this peer decoded, per kind ("video", "audio"): libwebrtc keeps a receiver's first
   * track id when the SFU reuses its m-line, so the track id cannot tell which is which.
   */
  final Map<String, DecodedMedia> decoded = new ConcurrentHashMap<>();
  final List<CompletableFuture<Void>> answered = new CopyOnWriteArrayList<>();
  private final ExecutorService signaling = Executors.newSingleThreadExecutor();
  private final int width;
  private final int height;
  /** The layers this peer was told it receives ({@code layer_changed}), in order. */
  final List<ConsumerLayer> layers = new CopyOnWriteArrayList<>();
  private java.util.function.UnaryOperator<String> offerMunge = sdp -> sdp;
  /** Applied to every SDP of the SFU's before libwebrtc sees it (a relay's candidates). */
  private volatile java.util.function.UnaryOperator<String> remoteMunge = sdp -> sdp;
  private SyntheticCamera camera;
  /** The SFU's answer to this peer's first offer, once it came. */
  volatile String firstAnswer;
  private SyntheticMicrophone microphone;

  RoomPeer(String id, RoomVerticle room, int expectedWidth, int expectedHeight) {
    this.id = id;
    this.room = room;
    this.width = expectedWidth;
    this.height = expectedHeight;
    peer.onRemoteTrack(transceiver -> {
      var track = transceiver.getReceiver().getTrack();
      DecodedMedia media = decoded.computeIfAbsent(track.getKind(),
          key -> new DecodedMedia(expectedWidth, expectedHeight));
      if (track instanceof VideoTrack video) {
        video.addSink(media);
      } else if (track instanceof AudioTrack audio) {
        audio.addSink(media);
      }
    });
  }

  /** Joins and publishes a camera ("camera") and a microphone ("mic") in stream "s-" + id. */
  RoomPeer publish() throws Exception {
    CustomVideoSource video = libWebRtc.videoSource();
    CustomAudioSource audio = libWebRtc.audioSource();
    peer.addVideo(libWebRtc.factory(), video, "camera", "s-" + id);
    peer.addAudio(libWebRtc.factory(), audio, "mic", "s-" + id);
    join();
    room.setTracksSourceType(id, Map.of("camera", TrackInfo.MEDIA, "mic", TrackInfo.MEDIA))
        .toCompletionStage().toCompletableFuture().get(10, SECONDS);
    camera = new SyntheticCamera(video, width, height, 30);
    microphone = new SyntheticMicrophone(audio, libWebRtc.audioGate());
    return this;
  }

  /**
   * As {@link #publish}, with the camera as three SSRC simulcast encodings
   * ({@code a=ssrc-group:SIM}; libwebrtc sends as many as the camera's size allows).
   */
  RoomPeer publishSimulcast() throws Exception {
    offerMunge = sdp -> SimulcastSdp.threeLayers(sdp, new java.util.Random());
    return publish();
  }

  /**
   * Reaches the SFU through {@code relay} only: every SDP of the SFU's names the relay's port
   * ({@link dev.vertxsfu.testpeer.LossyRelay#mungeCandidates}). Call before joining.
   */
  RoomPeer through(dev.vertxsfu.testpeer.LossyRelay relay) {
    remoteMunge = relay::mungeCandidates;
    return this;
  }

  /** Joins as a subscriber only: one receive-only transceiver per kind. */
  RoomPeer subscribeOnly() throws Exception {
    addReceiveOnly();
    join();
    return this;
  }

  /**
   * Joins as a subscriber only and makes its first offer without waiting for its ICE and DTLS:
   * what it does next (subscribe, answer the SFU's offer) races its transport.
   */
  RoomPeer subscribeOnlyRacingItsTransport() throws Exception {
    addReceiveOnly();
    offerFirst();
    return this;
  }

  private void addReceiveOnly() {
    peer.addReceiveOnly(libWebRtc.factory().createVideoTrack("placeholder-video",
        libWebRtc.videoSource()));
    peer.addReceiveOnly(libWebRtc.factory().createAudioTrack("placeholder-audio",
        libWebRtc.audioSource()));
  }

  /** Joins, makes the first offer and waits until its transport is connected. */
  private void join() throws Exception {
    offerFirst();
    connected.get(20, SECONDS);
  }

  /**
   * Joins and makes the first offer. Like every signaling step of this peer it runs on the
   * peer's signaling thread, so an SFU offer that follows the answer waits its turn.
   */
  private void offerFirst() throws Exception {
    room.addClient(id, this).toCompletionStage().toCompletableFuture().get(10, SECONDS);
    signaling.submit(() -> {
      String answer = room.negotiate(id, peer.createOffer(offerMunge))
          .toCompletionStage().toCompletableFuture().get(10, SECONDS);
      firstAnswer = answer;
      peer.applyAnswer(remoteMunge.apply(answer));
      return null;
    }).get(20, SECONDS);
  }

  /** Subscribes to every track of {@code publisher} and waits until the SFU's offer is answered. */
  void subscribeTo(String publisher) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    answered.add(done);
    room.subscribe(id, List.of(publisher + "/camera", publisher + "/mic"))
        .toCompletionStage().toCompletableFuture().get(10, SECONDS);
    done.get(20, SECONDS);
  }

  DecodedMedia video() {
    return decoded.computeIfAbsent("video", key -> new DecodedMedia(width, height));
  }

  DecodedMedia audio() {
    return decoded.computeIfAbsent("audio", key -> new DecodedMedia(width, height));
  }

  int framesSent() {
    return camera.pushed();
  }

  @Override
  public void onOffer(String sdp) {
    signaling.execute(() -> {
      try {
        String answer = peer.answer(remoteMunge.apply(sdp));
        room.answer(id, answer).toCompletionStage().toCompletableFuture().get(10, SECONDS);
        answered.forEach(future -> future.complete(null));
      } catch (Exception e) {
        answered.forEach(future -> future.completeExceptionally(e));
      }
    });
  }

  @Override
  public void onLayerChanged(String clientId, String trackId, ConsumerLayer layer) {
    layers.add(layer);
  }

  @Override
  public void onTracksAvailable(List<TrackInfo> tracks) {
    available.addAll(tracks);
  }

  @Override
  public void onTracksRemoved(List<TrackInfo> tracks) {
    removed.addAll(tracks);
  }

  @Override
  public void onConnectionStateChanged(TransportState state) {
    states.add(state);
    if (state == TransportState.CONNECTED) {
      connected.complete(null);
    } else if (state == TransportState.FAILED) {
      connected.completeExceptionally(new IllegalStateException(id + " failed to connect"));
    }
  }

  @Override
  public void close() throws Exception {
    if (camera != null) {
      camera.close();
      microphone.close();
    }
    signaling.shutdownNow();
    peer.close();
    libWebRtc.close();
  }
}
