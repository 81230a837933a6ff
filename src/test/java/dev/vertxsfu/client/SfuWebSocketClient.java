package dev.vertxsfu.client;

import static java.util.concurrent.TimeUnit.SECONDS;

import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpEncodingParameters;
import dev.onvoid.webrtc.RTCRtpSendParameters;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.vertxsfu.testpeer.DecodedMedia;
import dev.vertxsfu.testpeer.LoopbackPeers;
import dev.vertxsfu.testpeer.SimulcastSdp;
import dev.vertxsfu.testpeer.LibWebRtc;
import dev.vertxsfu.testpeer.SyntheticCamera;
import dev.vertxsfu.testpeer.SyntheticMicrophone;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of the SFU's signaling protocol (docs/protocol.md v1) on a real libwebrtc peer, the
 * way a browser SDK uses it: {@link #connect()}, {@link #join}, publish synthetic camera,
 * microphone and screen tracks, subscribe to other clients' tracks, decode what arrives,
 * {@link #leave()}. Negotiation follows docs/protocol.md's flow ({@link Negotiator}); the SFU's
 * {@code tracks_added} is answered with {@code media} or {@code screen} per track.
 *
 * <p>Threads: every public method may be called from any thread (except {@link #close()},
 * never from a callback of this client's futures) and returns at once. All signaling work
 * (the socket's frames, libwebrtc's callbacks, negotiation) runs on one thread of this client,
 * so libwebrtc's signaling state is never raced; the returned futures complete on it.
 *
 * <p>Owns: its libwebrtc instance (made first, before any source), its peer connection, the
 * synthetic sources of its tracks, its signaling thread, and Vert.x when it made it.
 */
public final class SfuWebSocketClient implements AutoCloseable {
  /** The frame size a subscriber counts decoded frames at, unless told otherwise. */
  public static final int DEFAULT_WIDTH = 320;
  public static final int DEFAULT_HEIGHT = 240;
  private static final int FRAMES_PER_SECOND = 15;
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  // Passed by argument.
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final String host;
  private final int port;
  // Allocated by this.
  private final ExecutorService signalingThread;
  private final LibWebRtc libWebRtc = new LibWebRtc();
  private final ClientEvents events = new ClientEvents();
  private final ServerEventHandler handler;
  private final RemoteMedia remote;
  private final ClientPeerConnection peer;
  private final SignalingChannel channel;
  private final Negotiator negotiator;
  private final Map<String, LocalTrack> localTracks = new ConcurrentHashMap<>();
  private final String mediaStreamId = "media-" + UUID.randomUUID();
  private final String screenStreamId = "screen-" + UUID.randomUUID();
  private final CompletableFuture<Void> firstNegotiation = new CompletableFuture<>();
  private volatile String clientId;
  /** Only touched on the signaling thread. */
  private final IceRestartPolicy restartPolicy = new IceRestartPolicy();
  private volatile boolean iceRestarts = true;

  /** A client of {@code ws://host:port/ws} on its own Vert.x. */
  public SfuWebSocketClient(String host, int port) {
    this(Vertx.vertx(), true, host, port, DEFAULT_WIDTH, DEFAULT_HEIGHT,
        LoopbackPeers.configuration());
  }

  /** A client on a Vert.x it borrows; decoded frames count at the given size. */
  public SfuWebSocketClient(Vertx vertx, String host, int port, int expectedWidth,
      int expectedHeight) {
    this(vertx, false, host, port, expectedWidth, expectedHeight,
        LoopbackPeers.configuration());
  }

  /**
   * A client whose libwebrtc may use TCP too ({@link LoopbackPeers#configurationWithTcp}: it
   * gathers active TCP candidates): with the SFU's UDP candidates removed from what it receives
   * ({@link #rewriteRemoteDescriptions}) it reaches the SFU over ICE-TCP only.
   */
  public static SfuWebSocketClient withIceTcp(Vertx vertx, String host, int port,
      int expectedWidth, int expectedHeight) {
    return new SfuWebSocketClient(vertx, false, host, port, expectedWidth, expectedHeight,
        LoopbackPeers.configurationWithTcp());
  }

  private SfuWebSocketClient(Vertx vertx, boolean ownsVertx, String host, int port,
      int expectedWidth, int expectedHeight, dev.onvoid.webrtc.RTCConfiguration configuration) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.host = host;
    this.port = port;
    this.signalingThread = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "sfu-client-" + INSTANCES.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.remote = new RemoteMedia(expectedWidth, expectedHeight);
    this.peer = new ClientPeerConnection(libWebRtc, configuration, this::onSignalingThread,
        new ClientPeerConnection.Listener() {
          @Override
          public void onLocalCandidate(RTCIceCandidate candidate) {
            ServerEventHandler.sendCandidate(channel, candidate);
          }

          @Override
          public void onConnectionState(RTCPeerConnectionState state) {
            if (state == RTCPeerConnectionState.CONNECTED) {
              events.peerConnectionConnected();
            } else if (state == RTCPeerConnectionState.FAILED) {
              events.peerConnectionFailed();
            }
            if (iceRestarts) {
              act(restartPolicy.onState(state, System.nanoTime() / 1_000_000));
            }
          }
        });
    this.handler = new ServerEventHandler(events, localTracks);
    this.channel = new SignalingChannel(vertx, this::onSignalingThread, handler::onEvent);
    this.negotiator = new Negotiator(peer, channel, this::onSignalingThread, events,
        sdp -> remote.update(peer.connection(), sdp));
    handler.bind(channel, negotiator, peer);
  }

  /**
   * Whether this client restarts ICE by itself when its connection goes {@code disconnected} or
   * {@code failed} ({@link IceRestartPolicy}; on unless turned off). When the restarts do not
   * bring it back, {@link ClientEvents#iceRestartsExhausted()} completes: rejoin.
   */
  public SfuWebSocketClient iceRestarts(boolean enabled) {
    this.iceRestarts = enabled;
    return this;
  }

  /** Restarts ICE now (docs/protocol.md section 18); completes when the answer is applied. */
  public CompletableFuture<Void> restartIce() {
    return onSignaling(() -> {
      events.iceRestartStarted(System.nanoTime());
      return negotiator.restartIce();
    });
  }

  /** What the restart policy asked for; on the signaling thread. */
  private void act(IceRestartPolicy.Action action) {
    switch (action) {
      case RESTART -> {
        events.iceRestartStarted(System.nanoTime());
        negotiator.restartIce(); // a refused or lost attempt is the policy timer's business
        vertx.setTimer(restartPolicy.attemptTimeoutMillis(), id -> onSignalingThread(() -> {
          if (iceRestarts) {
            act(restartPolicy.tick(System.nanoTime() / 1_000_000));
          }
        }));
      }
      case REJOIN -> events.gaveUpIceRestarts();
      case NONE -> { }
    }
  }

  /** Opens the WebSocket. */
  public CompletableFuture<Void> connect() {
    return onSignaling(() -> channel.connect(host, port));
  }

  /** {@code join} without a token. */
  public CompletableFuture<JoinedReply> join(String room, String name) {
    return join(room, name, null);
  }

  /**
   * Sends {@code join}; completes with the {@code joined} reply, then makes the first offer
   * ({@link #firstNegotiation()}): the tracks published so far, or one receive-only
   * transceiver per kind when there are none, so a subscriber-only client has a transport.
   */
  public CompletableFuture<JoinedReply> join(String room, String name, String token) {
    return join(room, name, token, true);
  }

  /**
   * Sends {@code join} but not the first offer, until {@link #makeFirstOffer()}: a client that
   * subscribes before it offers (as the JS SDK may, its offer being asynchronous).
   */
  public CompletableFuture<JoinedReply> joinWithoutOffer(String room, String name) {
    return join(room, name, null, false);
  }

  /** The first offer of a client that joined with {@link #joinWithoutOffer}. */
  public CompletableFuture<Void> makeFirstOffer() {
    return onSignaling(() -> {
      firstOffer();
      return firstNegotiation;
    });
  }

  /**
   * Makes every offer of this client go through {@code rewriter} before it is sent; call before
   * {@link #join}. A test plays a client with other codecs ({@code OfferCodecs}).
   */
  public SfuWebSocketClient rewriteOffers(java.util.function.UnaryOperator<String> rewriter) {
    onSignalingThread(() -> negotiator.rewriteOffers(rewriter));
    return this;
  }

  /**
   * Makes every SFU offer and answer go through {@code rewriter} before it is applied; call
   * before {@link #join}. A test routes this client's media through a relay of its own by
   * rewriting the SFU's candidates.
   */
  public SfuWebSocketClient rewriteRemoteDescriptions(
      java.util.function.UnaryOperator<String> rewriter) {
    onSignalingThread(() -> negotiator.rewriteRemoteDescriptions(rewriter));
    return this;
  }

  /**
   * Publishes cameras as three SSRC simulcast encodings ({@code a=ssrc-group:SIM}; webrtc-java
   * 0.14.0 cannot give encodings rids); libwebrtc sends as many as the capture's size allows
   * (three from 960x540 up). Call before {@link #join}.
   */
  public SfuWebSocketClient publishSimulcast() {
    java.util.Random random = new java.util.Random();
    onSignalingThread(() -> negotiator.mungeLocalOffers(
        sdp -> sdp.contains("a=ssrc-group:SIM") ? sdp : SimulcastSdp.threeLayers(sdp, random)));
    return this;
  }

  /**
   * Caps the encodings of {@code track}'s sender at {@code bitsPerSecond}, one per encoding,
   * smallest first ({@code RTCRtpSender.setParameters} {@code maxBitrate}): libwebrtc's own
   * defaults give a 1280x720 camera's top layer up to 2.5 Mbit/s. Call once the track is
   * negotiated; completes when applied.
   */
  public CompletableFuture<Void> maxBitrates(LocalTrack track, int... bitsPerSecond) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    boolean queued = onSignalingThread(() -> {
      try {
        RTCRtpSendParameters parameters = track.sender().getParameters();
        List<RTCRtpEncodingParameters> encodings = parameters.encodings;
        if (encodings == null || encodings.size() != bitsPerSecond.length) {
          throw new IllegalStateException("the sender has " + (encodings == null ? 0
              : encodings.size()) + " encodings, not " + bitsPerSecond.length);
        }
        for (int i = 0; i < bitsPerSecond.length; i++) {
          encodings.get(i).maxBitrate = bitsPerSecond[i];
        }
        track.sender().setParameters(parameters);
        done.complete(null);
      } catch (Exception e) {
        done.completeExceptionally(e);
      }
    });
    if (!queued) {
      done.completeExceptionally(new IllegalStateException("client closed"));
    }
    return done;
  }

  /**
   * Applies {@code layers_wanted} (docs/protocol.md section 20) to the published tracks'
   * senders: encodings no subscriber uses are paused ({@code active} false through
   * {@code RTCRtpSender.setParameters}). Off by default: the event is only recorded
   * ({@link ClientEvents#layersWanted}).
   */
  public SfuWebSocketClient dynacast(boolean apply) {
    handler.dynacast(apply);
    return this;
  }

  /**
   * Sends {@code track_settings} for one track: the tile's size (0: no limit) and whether it
   * is hidden.
   */
  public CompletableFuture<JsonObject> trackSettings(TrackInfo track, int maxWidth,
      int maxHeight, boolean paused) {
    JsonObject setting = new JsonObject().put("clientId", track.clientId())
        .put("trackId", track.trackId()).put("maxWidth", maxWidth).put("maxHeight", maxHeight)
        .put("paused", paused);
    return request("track_settings",
        new JsonObject().put("tracks", new io.vertx.core.json.JsonArray().add(setting)));
  }

  private CompletableFuture<JoinedReply> join(String room, String name, String token,
      boolean offer) {
    JsonObject fields = new JsonObject().put("room", room);
    if (name != null) {
      fields.put("name", name);
    }
    if (token != null) {
      fields.put("token", token);
    }
    return onSignaling(() -> channel.request("join", fields).thenApply(reply -> {
      JoinedReply joined = JoinedReply.fromJson(reply);
      clientId = joined.clientId();
      if (offer) {
        firstOffer();
      }
      return joined;
    }));
  }

  private void firstOffer() {
    if (localTracks.isEmpty()) {
      peer.addReceiveOnly(libWebRtc.factory().createVideoTrack(
          "recv-video", libWebRtc.videoSource()));
      peer.addReceiveOnly(libWebRtc.factory().createAudioTrack(
          "recv-audio", libWebRtc.audioSource()));
    }
    negotiator.negotiate().whenComplete((v, e) -> complete(firstNegotiation, v, e));
    negotiator.onJoined();
  }

  /** Publishes a synthetic camera; completes when the SFU's answer carrying it is applied. */
  public CompletableFuture<LocalTrack> publishCamera(int width, int height) {
    return publishVideo(width, height, LocalTrack.MEDIA, mediaStreamId,
        "camera-" + UUID.randomUUID());
  }

  /**
   * Publishes a synthetic camera under the given ids: a client that publishes again after its
   * room moved keeps its {@code trackId} and {@code streamId}, so subscribers find it again.
   */
  public CompletableFuture<LocalTrack> publishCamera(String trackId, String streamId, int width,
      int height) {
    return publishVideo(width, height, LocalTrack.MEDIA, streamId, trackId);
  }

  /** Publishes a synthetic screen share, named {@code screen} to the SFU. */
  public CompletableFuture<LocalTrack> publishScreen(int width, int height) {
    return publishVideo(width, height, LocalTrack.SCREEN, screenStreamId,
        "screen-" + UUID.randomUUID());
  }

  /** Publishes a synthetic microphone (a 440 Hz tone). */
  public CompletableFuture<LocalTrack> publishMicrophone() {
    return onSignaling(() -> {
      CustomAudioSource source = libWebRtc.audioSource();
      String trackId = "microphone-" + UUID.randomUUID();
      RTCRtpSender sender = peer.addTrack(
          libWebRtc.factory().createAudioTrack(trackId, source), mediaStreamId);
      LocalTrack track = new LocalTrack(trackId, mediaStreamId, "audio", LocalTrack.MEDIA,
          sender, new SyntheticMicrophone(source, libWebRtc.audioGate()));
      localTracks.put(trackId, track);
      return negotiator.negotiate().thenApply(v -> track);
    });
  }

  /** Stops publishing {@code track} and renegotiates. */
  public CompletableFuture<Void> unpublish(LocalTrack track) {
    return onSignaling(() -> {
      localTracks.remove(track.trackId());
      peer.removeTrack(track.sender());
      track.stop();
      return negotiator.negotiate();
    });
  }

  /** Sends {@code subscribe_tracks}; the SFU then offers the tracks, which this answers. */
  public CompletableFuture<Void> subscribe(List<TrackInfo> tracks) {
    return trackRequest("subscribe_tracks", tracks);
  }

  /** Subscribes to every track of other clients announced so far. */
  public CompletableFuture<Void> subscribeAll() {
    return subscribe(events.available().stream()
        .filter(track -> !track.clientId().equals(clientId)).toList());
  }

  public CompletableFuture<Void> unsubscribe(List<TrackInfo> tracks) {
    return trackRequest("unsubscribe_tracks", tracks);
  }

  /** Sends {@code leave}; completes with {@code left} (the SFU then closes the socket). */
  public CompletableFuture<JsonObject> leave() {
    return request("leave", new JsonObject());
  }

  /** Sends any request and completes with its reply: for protocol tests. */
  public CompletableFuture<JsonObject> request(String type, JsonObject fields) {
    return onSignaling(() -> channel.request(type, fields));
  }

  /** Completes with the WebSocket close status code once the socket is closed. */
  public CompletableFuture<Short> socketClosed() {
    return channel.closed();
  }

  /** Completes when the SFU's answer to the first offer (made by {@link #join}) is applied. */
  public CompletableFuture<Void> firstNegotiation() {
    return firstNegotiation;
  }

  /** The id from {@code joined}, or {@code null} before it. */
  public String clientId() {
    return clientId;
  }

  public ClientEvents events() {
    return events;
  }

  /** The tracks this client publishes now, by track id. */
  public Map<String, LocalTrack> localTracks() {
    return Map.copyOf(localTracks);
  }

  /** Per mid, the publisher track the SFU's last description sends on that m-line. */
  public Map<String, RemoteTrackId> remoteTracksByMid() {
    return remote.tracksByMid();
  }

  /** Per mid, what this client decoded of the track the SFU sends there now. */
  public Map<String, DecodedMedia> decodedByMid() {
    return remote.decodedByMid();
  }

  /** What this client decodes of {@code track}, if the SFU sends it here now. */
  public Optional<DecodedMedia> decoded(TrackInfo track) {
    return remote.decoded(track);
  }

  /** The peer connection's {@code getStats()} report (inbound-rtp, candidate pairs...). */
  public CompletableFuture<dev.onvoid.webrtc.RTCStatsReport> stats() {
    return onSignaling(() -> {
      CompletableFuture<dev.onvoid.webrtc.RTCStatsReport> report = new CompletableFuture<>();
      peer.connection().getStats(report::complete);
      return report;
    });
  }

  /** Frees the peer connection, libwebrtc, the sources, the socket, the thread, Vert.x if owned. */
  @Override
  public void close() throws Exception {
    CompletableFuture<Void> released = new CompletableFuture<>();
    boolean open = onSignalingThread(() -> {
      try {
        for (LocalTrack track : localTracks.values()) {
          track.stop();
        }
        remote.detachAll();
        peer.close();
        released.complete(null);
      } catch (Exception e) {
        released.completeExceptionally(e);
      }
    });
    if (!open) {
      return; // closed already
    }
    try {
      released.get(ClientPeerConnection.TIMEOUT_SECONDS, SECONDS);
    } finally {
      channel.close();
      signalingThread.shutdown();
      signalingThread.awaitTermination(ClientPeerConnection.TIMEOUT_SECONDS, SECONDS);
      libWebRtc.close();
      if (ownsVertx) {
        vertx.close().toCompletionStage().toCompletableFuture()
            .get(ClientPeerConnection.TIMEOUT_SECONDS, SECONDS);
      }
    }
  }

  private CompletableFuture<LocalTrack> publishVideo(int width, int height, String source,
      String streamId, String trackId) {
    return onSignaling(() -> {
      CustomVideoSource video = libWebRtc.videoSource();
      RTCRtpSender sender = peer.addTrack(
          libWebRtc.factory().createVideoTrack(trackId, video), streamId);
      LocalTrack track = new LocalTrack(trackId, streamId, "video", source, sender,
          new SyntheticCamera(video, width, height, FRAMES_PER_SECOND));
      localTracks.put(trackId, track);
      return negotiator.negotiate().thenApply(v -> track);
    });
  }

  private CompletableFuture<Void> trackRequest(String type, List<TrackInfo> tracks) {
    JsonArray references = new JsonArray();
    tracks.forEach(track -> references.add(track.reference()));
    return request(type, new JsonObject().put("tracks", references)).thenApply(reply -> null);
  }

  /**
   * Runs {@code task} on the signaling thread; once the client is closed it is dropped (what
   * libwebrtc or Vert.x report after {@link #close()} has no listener) and this says false.
   */
  private boolean onSignalingThread(Runnable task) {
    try {
      signalingThread.execute(task);
      return true;
    } catch (RejectedExecutionException closed) {
      return false;
    }
  }

  /** Runs {@code work} on the signaling thread; its future's failure keeps its own type. */
  private <T> CompletableFuture<T> onSignaling(Callable<CompletableFuture<T>> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    boolean accepted = onSignalingThread(() -> {
      try {
        work.call().whenComplete((value, error) -> complete(result, value, error));
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    });
    if (!accepted) {
      result.completeExceptionally(new IllegalStateException("the client is closed"));
    }
    return result;
  }

  private static <T> void complete(CompletableFuture<T> future, T value, Throwable error) {
    if (error == null) {
      future.complete(value);
    } else {
      future.completeExceptionally(error instanceof CompletionException && error.getCause() != null
          ? error.getCause() : error);
    }
  }
}
