package dev.vertxsfu.client;

import dev.vertxsfu.client.JoinedReply.Member;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * What a {@link SfuWebSocketClient} saw, for tests to assert on (with Awaitility or the
 * futures): server events, unsolicited errors, what it told the SFU, and how many
 * negotiations it completed. Written on the client's signaling thread, read from any thread.
 */
public final class ClientEvents {
  private final Map<String, TrackInfo> available = new ConcurrentHashMap<>();
  private final List<TrackInfo> removed = new CopyOnWriteArrayList<>();
  private final Map<String, String> codecs = new ConcurrentHashMap<>();
  private final List<Member> joined = new CopyOnWriteArrayList<>();
  private final List<Member> left = new CopyOnWriteArrayList<>();
  private final List<String> connectionStates = new CopyOnWriteArrayList<>();
  private final List<SfuErrorException> errors = new CopyOnWriteArrayList<>();
  private final List<JsonObject> sourceTypesSent = new CopyOnWriteArrayList<>();
  private final AtomicInteger negotiations = new AtomicInteger();
  private final AtomicInteger refusals = new AtomicInteger();
  private final AtomicInteger crossedOffersDropped = new AtomicInteger();
  private final CompletableFuture<Void> peerConnected = new CompletableFuture<>();
  private final CompletableFuture<String> roomMoved = new CompletableFuture<>();
  private final List<Long> iceRestarts = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> iceRestartsExhausted = new CompletableFuture<>();
  private volatile Consumer<List<TrackInfo>> onAvailable = tracks -> { };
  private final List<JsonObject> layerChanges = new CopyOnWriteArrayList<>();
  private final List<TrackPause> trackPauses = new CopyOnWriteArrayList<>();
  private final List<JsonObject> layersWanted = new CopyOnWriteArrayList<>();
  private final List<JsonObject> layersApplied = new CopyOnWriteArrayList<>();

  /** Tracks of other clients announced by {@code tracks_available} and not removed since. */
  public List<TrackInfo> available() {
    return List.copyOf(available.values());
  }

  /**
   * The {@code codec} (a MIME type such as {@code video/H264}) that {@code tracks_available}
   * gave {@code track}, or {@code null} if it gave none.
   */
  public String codecOf(TrackInfo track) {
    return codecs.get(key(track));
  }

  /** Every track {@code tracks_removed} named, in order. */
  public List<TrackInfo> removed() {
    return List.copyOf(removed);
  }

  /** {@code client_joined} events, in order. */
  public List<Member> clientsJoined() {
    return List.copyOf(joined);
  }

  /** {@code client_left} events, in order. */
  public List<Member> clientsLeft() {
    return List.copyOf(left);
  }

  /** The {@code state}s of the SFU's {@code connection_state} events, in order. */
  public List<String> connectionStates() {
    return List.copyOf(connectionStates);
  }

  /** {@code error} frames that answered no pending request. */
  public List<SfuErrorException> errors() {
    return List.copyOf(errors);
  }

  /** The {@code tracks} object of each {@code tracks_added} this client sent, in order. */
  public List<JsonObject> sourceTypesSent() {
    return List.copyOf(sourceTypesSent);
  }

  /** Offer/answer exchanges completed, either side offering. */
  public int negotiations() {
    return negotiations.get();
  }

  /** {@code is_allow_renegotiation} replies that said no. */
  public int refusals() {
    return refusals.get();
  }

  /** SFU offers that crossed an offer of this client and were dropped (docs/protocol.md step 6). */
  public int crossedOffersDropped() {
    return crossedOffersDropped.get();
  }

  /** Completes when this client's own peer connection reaches {@code connected}. */
  public CompletableFuture<Void> peerConnected() {
    return peerConnected;
  }

  /** Completes with the {@code reason} of a {@code room_moved} event (docs/protocol.md). */
  public CompletableFuture<String> roomMoved() {
    return roomMoved;
  }

  /** Calls {@code listener} on the signaling thread with each {@code tracks_available}'s tracks. */
  public void onTracksAvailable(Consumer<List<TrackInfo>> listener) {
    this.onAvailable = listener;
  }

  void tracksAvailable(List<TrackInfo> tracks) {
    tracks.forEach(track -> available.put(key(track), track));
    onAvailable.accept(tracks);
  }

  void codec(TrackInfo track, String codec) {
    if (codec != null) {
      codecs.put(key(track), codec);
    }
  }

  /** The {@code layer_changed} events, in order. */
  public List<JsonObject> layerChanges() {
    return layerChanges;
  }

  void layerChanged(JsonObject event) {
    layerChanges.add(event);
  }

  /** The {@code layers_wanted} events, in order. */
  public List<JsonObject> layersWanted() {
    return layersWanted;
  }

  void layersWanted(JsonObject event) {
    layersWanted.add(event);
  }

  /** The {@code layers_wanted} events applied to a sender (with dynacast on), in order. */
  public List<JsonObject> layersApplied() {
    return layersApplied;
  }

  void layersApplied(JsonObject event) {
    layersApplied.add(event);
  }

  /** The {@code track_paused} and {@code track_resumed} events, in order. */
  public List<TrackPause> trackPauses() {
    return trackPauses;
  }

  void trackPaused(TrackPause pause) {
    trackPauses.add(pause);
  }

  void roomMoved(String reason) {
    roomMoved.complete(reason);
  }

  void tracksRemoved(List<TrackInfo> tracks) {
    tracks.forEach(track -> available.remove(key(track)));
    removed.addAll(tracks);
  }

  void clientJoined(Member member) {
    joined.add(member);
  }

  void clientLeft(Member member) {
    left.add(member);
  }

  void connectionState(String state) {
    connectionStates.add(state);
  }

  void error(SfuErrorException error) {
    errors.add(error);
  }

  void sourceTypesSent(JsonObject tracks) {
    sourceTypesSent.add(tracks);
  }

  void negotiated() {
    negotiations.incrementAndGet();
  }

  void refused() {
    refusals.incrementAndGet();
  }

  void crossedOfferDropped() {
    crossedOffersDropped.incrementAndGet();
  }

  /** When each ICE restart this client started began ({@link System#nanoTime()}). */
  public List<Long> iceRestartsStarted() {
    return List.copyOf(iceRestarts);
  }

  /** Completes when ICE restarts did not bring the connection back: the client should rejoin. */
  public CompletableFuture<Void> iceRestartsExhausted() {
    return iceRestartsExhausted;
  }

  void iceRestartStarted(long nanoTime) {
    iceRestarts.add(nanoTime);
  }

  void gaveUpIceRestarts() {
    iceRestartsExhausted.complete(null);
  }

  void peerConnectionFailed() {
    peerConnected.completeExceptionally(new IllegalStateException("peer connection failed"));
  }

  void peerConnectionConnected() {
    peerConnected.complete(null);
  }

  private static String key(TrackInfo track) {
    return track.clientId() + "/" + track.trackId();
  }
}
