package dev.vertxsfu.room;

import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.config.MediaAddresses;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.media.ice.IceCredentials;
import dev.vertxsfu.media.negotiation.Answer;
import dev.vertxsfu.media.negotiation.HostCandidate;
import dev.vertxsfu.media.negotiation.LocalEndpoint;
import dev.vertxsfu.media.negotiation.MediaCapabilities;
import dev.vertxsfu.media.negotiation.MediaKind;
import dev.vertxsfu.media.negotiation.NegotiatedSendTrack;
import dev.vertxsfu.media.negotiation.NegotiationException;
import dev.vertxsfu.media.negotiation.ReceivedTrack;
import dev.vertxsfu.media.negotiation.SendTrack;
import dev.vertxsfu.media.negotiation.SessionNegotiator;
import dev.vertxsfu.media.router.ConsumerLayer;
import dev.vertxsfu.media.router.LayerSelector;
import dev.vertxsfu.media.router.Producer;
import dev.vertxsfu.media.router.Router;
import dev.vertxsfu.media.speaker.ActiveSpeakerObserver;
import dev.vertxsfu.media.transport.WebRtcServer;
import dev.vertxsfu.wire.WireFormatException;
import dev.vertxsfu.wire.sdp.Candidate;
import dev.vertxsfu.wire.sdp.SessionDescription;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * What a room is, apart from Vert.x: its clients, their transports and negotiations, the
 * router, and the rules of docs/protocol.md's flow (tracks held back until their source is named,
 * who may offer when, glare). {@link RoomVerticle} owns it and calls it on its event loop; every
 * method runs there and returns at once.
 *
 * <p>Calls made with {@link #call} queue the events they cause and deliver them by
 * {@link #flush} after the call's reply has gone out, so an SFU offer never overtakes the
 * answer it follows. A refused call throws {@link RoomException} with docs/protocol.md's code.
 *
 * <p>It keeps the limits of {@link RoomLimits}: clients per room ({@code room_full}), name
 * length, tracks and subscriptions per client ({@code not_allowed} naming the setting), and
 * lets a client go whose transport does not connect, or stays disconnected, too long
 * ({@link TransportWatch}).
 */
final class Room {
  private static final Logger LOG = Logger.getLogger(Room.class.getName());
  /**
   * The error code of a subscription whose codec the subscriber cannot receive (an addition to
   * v1's codes; a v1 client treats it as any other refusal).
   */
  static final String CODEC_NOT_SUPPORTED = "codec_not_supported";
  /** The {@code room_moved} reason of a client let go by its {@link TransportWatch}. */
  static final String TRANSPORT_TIMEOUT = "transport_timeout";

  /** How often the room ranks its speakers, and so sends {@code active_speakers} at most. */
  static final long SPEAKER_INTERVAL_MILLIS = 300;

  private final String roomId;
  private final MediaAddresses addresses;
  private final DtlsCertificate certificate;
  private final RoomLimits limits;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Client> clients = new LinkedHashMap<>();
  private boolean joined;
  private final SsrcAllocator ssrcs = new SsrcAllocator(random);
  /** Immutable, shared by every client's negotiator (one per client was ~4 KB each). */
  private final MediaCapabilities capabilities = MediaCapabilities.defaults();
  private final WebRtcServer server = new WebRtcServer();
  private final Router router = new Router(random);
  private final ClientTransportFactory transports;
  private final ArrayDeque<Runnable> outbox = new ArrayDeque<>();
  private final ActiveSpeakerObserver speakers =
      new ActiveSpeakerObserver(SPEAKER_INTERVAL_MILLIS);
  private final RoomChat chat = new RoomChat();
  private final RoomLifecycle lifecycle;
  private int callDepth;
  private MediaSocket socket;
  /** The socket's shards on other loops, bound and given back with it; empty for none. */
  private List<SendShard> shards = List.of();
  private ShardPlacement placement = new ShardPlacement(0, 0);
  /** The room's ICE-TCP connections; null when the node has no ICE-TCP port. */
  private IceTcpChannels iceTcp;
  /** The node's ICE-TCP port, announced as passive TCP candidates; 0 for none. */
  private int iceTcpPort;
  private RoomVerticle.SendFilter sendFilter;
  private long lastConsentCheck;
  /** Told the id of a client the room let go by itself (its transport timed out). */
  private Consumer<String> departures = clientId -> { };
  /** Run when a client leaves: the room may give its port back ({@link #holdsMedia}). */
  private Runnable afterLeave = () -> { };

  Room(String roomId, MediaAddresses addresses, DtlsCertificate certificate, Executor owner,
      Executor blocking, SfuConfig.RoomsConfig limits) {
    this.roomId = roomId;
    this.addresses = addresses;
    this.certificate = certificate;
    this.limits = new RoomLimits(limits);
    router.onLayerChanged(this::onLayerChanged);
    router.onBandwidthPause(this::onBandwidthPause);
    router.onLayersWanted(this::onLayersWanted);
    this.lifecycle = new RoomLifecycle(roomId);
    this.transports = new ClientTransportFactory(certificate, owner, blocking, router,
        (client, buf, off, len, to) -> {
          if (sendFilter != null && !sendFilter.send(client.id, buf, off, len)) {
            return;
          }
          if (iceTcp != null && iceTcp.send(buf, off, len, to)) {
            return; // the tuple is an ICE-TCP connection
          }
          if (client.socketIndex > 0) {
            shards.get(client.socketIndex - 1).send(buf, off, len, to);
          } else if (socket != null) {
            socket.send(buf, off, len, to);
          }
        });
  }

  /** The room's socket, bound for a client's first offer; its port goes into answers. */
  void attach(MediaSocket socket) {
    attach(socket, List.of(), 0);
  }

  /**
   * The room's socket and its {@link SendShard}s ({@code media.send-shards}), bound together:
   * after {@code shardAfter} clients, new clients are placed on the shards
   * ({@link ShardPlacement}).
   */
  void attach(MediaSocket socket, List<SendShard> shards, int shardAfter) {
    this.socket = socket;
    this.shards = List.copyOf(shards);
    this.placement = new ShardPlacement(shards.size(), shardAfter);
  }

  /** The socket is given back ({@link #holdsMedia} turned false), and its shards with it. */
  void detach() {
    this.socket = null;
    this.shards = List.of();
    for (Client client : clients.values()) { // none holds media: each is placed anew
      client.socketIndex = -1;
    }
  }

  /**
   * The node serves ICE-TCP on {@code port}: the room's answers announce it (passive TCP host
   * candidates on the announced addresses, below every UDP one), and the node hands the room
   * connections ({@link IceTcpChannels#adopt}) whose first check named one of its clients.
   */
  void enableIceTcp(int port, IceTcpChannels channels) {
    this.iceTcpPort = port;
    this.iceTcp = channels;
  }

  /** The room's ICE-TCP connections, or null without ICE-TCP. */
  IceTcpChannels iceTcp() {
    return iceTcp;
  }

  boolean hasSocket() {
    return socket != null;
  }

  /** Whether a client has negotiated, and so needs the room's socket (its port is in its SDP). */
  boolean holdsMedia() {
    for (Client client : clients.values()) {
      if (client.negotiator != null) {
        return true;
      }
    }
    return false;
  }

  void onDeparture(Consumer<String> departures) {
    this.departures = departures;
  }

  void afterLeave(Runnable afterLeave) {
    this.afterLeave = afterLeave;
  }

  WebRtcServer server() {
    return server;
  }

  Router router() {
    return router;
  }

  /** The room's lifecycle lines and join-to-connected times. */
  RoomLifecycle lifecycle() {
    return lifecycle;
  }

  int clientCount() {
    return clients.size();
  }

  /** Whether a client has ever joined (a room started for a join that has not arrived yet). */
  boolean everJoined() {
    return joined;
  }

  /** The clients, for the room's metrics sample ({@link RoomSampler}); read only. */
  java.util.Collection<Client> clientsView() {
    return java.util.Collections.unmodifiableCollection(clients.values());
  }

  void setSendFilter(RoomVerticle.SendFilter filter) {
    this.sendFilter = filter;
  }

  /** Runs a call, holding back the events it causes until {@link #flush}. */
  <T> T call(Callable<T> task) throws Exception {
    callDepth++;
    try {
      return task.call();
    } finally {
      callDepth--;
    }
  }

  /** Delivers the events held back by calls. */
  void flush() {
    while (callDepth == 0 && !outbox.isEmpty()) {
      outbox.poll().run();
    }
  }

  private void emit(Client client, Consumer<RoomClientListener> event) {
    Runnable delivery = () -> event.accept(client.listener);
    if (callDepth > 0) {
      outbox.add(delivery);
    } else {
      delivery.run();
    }
  }

  // ---- the client's calls (docs/protocol.md messages) ----

  /** {@code join}: the clients already there; tracks available follow as an event. */
  List<Client> join(String clientId, String name, RoomClientListener listener) {
    if (clients.containsKey(clientId)) {
      throw new RoomException(ErrorCode.NOT_ALLOWED, "client " + clientId + " is already in the room");
    }
    limits.checkJoin(roomId, clients.size(), name);
    List<Client> present = new ArrayList<>(clients.values());
    Client client = new Client(clientId, name, listener, IceCredentials.generate(random));
    clients.put(clientId, client);
    joined = true;
    lifecycle.clientJoined(clientId, clients.size(), RoomVerticle.now());
    for (Client other : present) {
      emit(other, l -> l.onClientJoined(clientId, name));
    }
    List<TrackInfo> available = announcedTracks(clientId);
    if (!available.isEmpty()) {
      emit(client, l -> l.onTracksAvailable(available));
    }
    chat.history().forEach(message -> emit(client, l -> l.onRoomMessage(message)));
    return present;
  }

  /** {@code offer}: returns the answer. */
  String offer(String clientId, String offerSdp, long now) {
    Client client = client(clientId);
    SessionDescription offer = parse(offerSdp);
    limits.checkOffer(offer);
    boolean first = client.negotiator == null;
    if (first) {
      client.negotiator = negotiator(client);
    }
    NegotiationState.Actions glare = client.negotiation.clientOffer();
    if (glare.rollback() && client.negotiator.hasPendingOffer()) {
      client.negotiator.rollback(); // docs/protocol.md step 6: the client's offer wins
    }
    Answer answer;
    try {
      answer = client.negotiator.answer(offer);
    } catch (NegotiationException e) {
      if (first) {
        client.negotiator = null; // it holds no media yet
      }
      // a glare rolled the SFU's offer back: it goes out again, as after an answered offer
      act(client, client.negotiation.afterClientOfferAnswered(now), now);
      throw new RoomException(ErrorCode.BAD_REQUEST, e.getMessage());
    }
    if (client.transport == null) {
      createTransport(client, answer, now);
    } else if (client.followIceRestart(now)) {
      LOG.fine(() -> "room " + roomId + ": client " + client.id + " restarted ICE");
    }
    for (ReceivedTrack removed : answer.removedTracks()) {
      unpublish(client, removed, now);
    }
    List<TrackInfo> added = new ArrayList<>();
    for (ReceivedTrack track : answer.addedTracks()) {
      client.published.put(track.trackId(), track);
      Producer producer = router.createProducer(MediaParameters.producer(
          TrackInfo.producerId(clientId, track.trackId()), track), client.transport);
      if (track.kind() == MediaKind.AUDIO && track.extensionIds().audioLevel() > 0) {
        speakers.add(clientId, producer.measureAudioLevel(track.extensionIds().audioLevel()));
      }
      added.add(client.info(track));
      lifecycle.trackPublished(clientId, added.get(added.size() - 1));
    }
    if (!added.isEmpty()) {
      emit(client, l -> l.onTracksAdded(added)); // held back until their source is named
    }
    dropUnreceivable(client);
    act(client, client.negotiation.afterClientOfferAnswered(now), now);
    return answer.sdp();
  }

  /** {@code answer}: the client's answer to the SFU's offer. */
  void answer(String clientId, String answerSdp, long now) {
    Client client = client(clientId);
    if (client.negotiator == null || !client.negotiator.hasPendingOffer()) {
      throw new RoomException(ErrorCode.NOT_ALLOWED, "no offer of the SFU is waiting for an answer");
    }
    List<NegotiatedSendTrack> negotiated;
    try {
      negotiated = client.negotiator.applyAnswer(parse(answerSdp));
    } catch (NegotiationException e) {
      throw new RoomException(ErrorCode.BAD_REQUEST, e.getMessage());
    }
    for (NegotiatedSendTrack track : negotiated) {
      SendTrack offered = client.receiving.get(track.key());
      if (offered == null || !track.accepted() || router.consumer(track.key()) != null) {
        continue;
      }
      String producerId = client.producerOfKey.get(track.key());
      Producer producer = router.producer(producerId);
      if (producer != null) {
        dev.vertxsfu.media.router.Consumer consumer = router.createConsumer(producer,
            MediaParameters.consumer(track.key(), publishedTrack(producerId), offered, track),
            client.transport, now);
        LayerSelector.Wish wish = client.wishes.get(track.key());
        if (wish != null) {
          consumer.applyWish(wish, now);
        }
      }
    }
    client.followIceRestart(now); // an answer that changed the client's ICE credentials
    NegotiationState.Actions next = client.negotiation.clientAnswer(now);
    if (next != null) {
      act(client, next, now);
    }
  }

  /** {@code candidate}: checked, not used (ICE-lite learns addresses from the checks). */
  void addIceCandidate(String clientId, String candidate) {
    client(clientId);
    if (candidate != null && !candidate.isBlank()) {
      try {
        Candidate.parse(candidate);
      } catch (WireFormatException e) {
        throw new RoomException(ErrorCode.BAD_REQUEST, "invalid candidate: " + e.getMessage());
      }
    }
  }

  /** {@code is_allow_renegotiation}. */
  boolean isAllowRenegotiation(String clientId, long now) {
    return client(clientId).negotiation.isAllowRenegotiation(now);
  }

  /** {@code tracks_added}: the client names the source of its held-back tracks. */
  void setTracksSourceType(String clientId, Map<String, String> sources) {
    Client client = client(clientId);
    for (Map.Entry<String, String> entry : sources.entrySet()) {
      if (!client.published.containsKey(entry.getKey())) {
        throw new RoomException(ErrorCode.NOT_FOUND, "no track " + entry.getKey() + " of " + clientId);
      }
      if (!TrackInfo.MEDIA.equals(entry.getValue()) && !TrackInfo.SCREEN.equals(entry.getValue())) {
        throw new RoomException(ErrorCode.BAD_REQUEST, "a source is media or screen: " + entry.getValue());
      }
    }
    List<TrackInfo> announced = new ArrayList<>();
    for (Map.Entry<String, String> entry : sources.entrySet()) {
      boolean wasHeld = client.sources.put(entry.getKey(), entry.getValue()) == null;
      Producer producer = router.producer(TrackInfo.producerId(clientId, entry.getKey()));
      if (producer != null) {
        producer.screenShare(TrackInfo.SCREEN.equals(entry.getValue())); // ranked first
      }
      if (wasHeld) {
        announced.add(client.info(client.published.get(entry.getKey())));
      }
    }
    if (!announced.isEmpty()) {
      others(client).forEach(other -> emit(other, l -> l.onTracksAvailable(announced)));
    }
  }

  /** {@code subscribe_tracks}: the SFU offers them. */
  void subscribe(String clientId, List<String> producerIds, long now) {
    Client client = client(clientId);
    long added = producerIds.stream().distinct()
        .filter(id -> !client.receiving.containsKey(client.keyFor(id))).count();
    limits.checkSubscriptions(clientId, client.receiving.size(), added);
    for (String producerId : producerIds) {
      ReceivedTrack track = announcedTrack(producerId);
      if (!canReceive(client, track)) {
        // offering it anyway would reject, and so waste, one m-line of the client for good
        throw codecNotSupported(client, producerId, track);
      }
    }
    boolean changed = false;
    for (String producerId : producerIds) {
      String key = client.keyFor(producerId);
      if (!client.receiving.containsKey(key)) {
        client.receiving.put(key, MediaParameters.sendTrack(key, publishedTrack(producerId),
            ssrcs.allocate(), ssrcs.allocate()));
        client.producerOfKey.put(key, producerId);
        changed = true;
      }
    }
    if (changed) {
      renegotiate(client, now);
    }
  }

  /** {@code unsubscribe_tracks}: the SFU offers without them. */
  void unsubscribe(String clientId, List<String> producerIds, long now) {
    Client client = client(clientId);
    boolean changed = false;
    for (String producerId : producerIds) {
      changed |= stopReceiving(client, client.keyFor(producerId));
    }
    if (changed) {
      renegotiate(client, now);
    }
  }

  /** {@code leave}, or the client's connection is gone. */
  void leave(String clientId, long now) {
    Client client = client(clientId);
    new ArrayList<>(client.published.values()).forEach(track -> unpublish(client, track, now));
    new ArrayList<>(client.receiving.keySet()).forEach(key -> stopReceiving(client, key));
    if (client.transport != null) {
      client.transport.close();
      server.remove(client.transport);
      router.removeEndpoint(client.transport);
    }
    clients.remove(clientId);
    if (client.socketIndex >= 0) {
      placement.release(client.socketIndex);
    }
    lifecycle.clientLeft(clientId, clients.size());
    for (Client other : clients.values()) {
      emit(other, l -> l.onClientLeft(clientId, client.name));
    }
    afterLeave.run();
  }

  /**
   * {@code mute_track}: the publisher stopped (or resumed) sending a track without unpublishing
   * it. The others hear it if the track is announced; a muted track is no speaker, and its
   * publisher is asked for no key frame. Muting twice changes nothing and tells nobody.
   */
  void muteTrack(String clientId, String trackId, boolean muted, long now) {
    Client client = client(clientId);
    ReceivedTrack track = client.published.get(trackId);
    if (track == null) {
      throw new RoomException(ErrorCode.NOT_FOUND, "no track " + trackId + " of " + clientId);
    }
    boolean changed = muted ? client.muted.add(trackId) : client.muted.remove(trackId);
    Producer producer = router.producer(TrackInfo.producerId(clientId, trackId));
    if (producer != null) {
      producer.setMuted(muted, now);
    }
    if (changed && client.sources.containsKey(trackId)) {
      TrackInfo info = client.info(track);
      others(client).forEach(other -> emit(other, l -> l.onTrackMuted(info)));
    }
  }

  /**
   * {@code track_settings}: the subscriber's tile size, frame rate and visibility per track it
   * receives, applied to its consumers (the layer a simulcast track forwards; a paused track
   * sends nothing) or kept for the consumer its next answer makes. Every track must be one it
   * subscribed to; otherwise nothing is applied ({@code not_found}).
   */
  void trackSettings(String clientId, List<TrackSetting> settings, long now) {
    Client client = client(clientId);
    for (TrackSetting setting : settings) {
      if (!client.receiving.containsKey(client.keyFor(setting.producerId()))) {
        throw new RoomException("not_found", "no subscription to track " + setting.trackId()
            + " of " + setting.clientId());
      }
    }
    for (TrackSetting setting : settings) {
      String key = client.keyFor(setting.producerId());
      client.wishes.put(key, setting.wish());
      dev.vertxsfu.media.router.Consumer consumer = router.consumer(key);
      if (consumer != null) {
        consumer.applyWish(setting.wish(), now);
      }
    }
  }

  /** A subscriber's simulcast consumer switched layers: the subscriber hears which. */
  private void onLayerChanged(dev.vertxsfu.media.router.Consumer consumer, ConsumerLayer layer) {
    lifecycle.layerChanged(consumer.id(), layer);
    toSubscriber(consumer, (l, publisherId, trackId) -> l.onLayerChanged(publisherId, trackId,
        layer));
  }

  /**
   * A subscriber's congestion control paused or resumed one of its tracks: the subscriber hears
   * it ({@code track_paused} / {@code track_resumed}, reason {@code bandwidth}).
   */
  private void onBandwidthPause(dev.vertxsfu.media.router.Consumer consumer, boolean paused) {
    lifecycle.bandwidthPause(consumer.id(), paused);
    toSubscriber(consumer, (l, publisherId, trackId) -> {
      if (paused) {
        l.onTrackPaused(publisherId, trackId, RoomClientListener.BANDWIDTH);
      } else {
        l.onTrackResumed(publisherId, trackId, RoomClientListener.BANDWIDTH);
      }
    });
  }

  /**
   * The layers of a simulcast track its subscribers want changed: its publisher hears which
   * ({@code layers_wanted}) and may stop encoding the others.
   */
  private void onLayersWanted(Producer producer, List<Integer> spatial) {
    String producerId = producer.id();
    int slash = producerId.indexOf('/');
    Client publisher = slash < 0 ? null : clients.get(producerId.substring(0, slash));
    if (publisher == null) {
      return;
    }
    String trackId = producerId.substring(slash + 1);
    List<String> rids = new ArrayList<>();
    for (int layer : spatial) {
      rids.add(producer.rid(layer));
    }
    List<String> named = rids.contains(null) ? null : List.copyOf(rids);
    LOG.fine(() -> "room " + roomId + ": " + producerId + " wanted layers " + spatial
        + " rids " + named);
    emit(publisher, l -> l.onLayersWanted(trackId, spatial, named));
  }

  private interface TrackEvent {
    void send(RoomClientListener listener, String publisherId, String trackId);
  }

  /** Sends an event about {@code consumer}'s track (publisher and track id) to its subscriber. */
  private void toSubscriber(dev.vertxsfu.media.router.Consumer consumer, TrackEvent event) {
    String key = consumer.id();
    int split = key.indexOf('>');
    Client subscriber = split < 0 ? null : clients.get(key.substring(0, split));
    String producerId = subscriber == null ? null : subscriber.producerOfKey.get(key);
    int slash = producerId == null ? -1 : producerId.indexOf('/');
    if (slash < 0) {
      return;
    }
    String publisherId = producerId.substring(0, slash);
    String trackId = producerId.substring(slash + 1);
    emit(subscriber, l -> event.send(l, publisherId, trackId));
  }

  /**
   * The send-side estimate toward {@code clientId} as a subscriber, in bit/s; -1 when it has
   * none (it negotiated no transport-wide feedback nor REMB, or is not here).
   */
  long estimateBps(String clientId) {
    Client client = clients.get(clientId);
    return client == null || client.transport == null ? -1 : router.estimateBps(client.transport);
  }

  /** Whether subscribers' bandwidth allocations are applied ({@link Router#applyAllocation}). */
  void applyBandwidthAllocation(boolean apply) {
    router.applyAllocation(apply);
  }

  /**
   * {@code room_message}: chat, to everyone else ({@code to} empty) or to the clients named.
   * Messages to everyone are kept for later joiners ({@link RoomChat}).
   *
   * @param wallMillis the node's wall clock, the message's timestamp
   */
  void sendMessage(String clientId, String text, List<String> to, long now, long wallMillis) {
    Client sender = client(clientId);
    List<Client> recipients = new ArrayList<>();
    for (String id : to) {
      Client recipient = clients.get(id);
      if (recipient == null) {
        throw new RoomException(ErrorCode.NOT_FOUND, "no client " + id + " in room " + roomId);
      }
      recipients.add(recipient);
    }
    chat.admit(sender, text, now);
    ChatMessage message = new ChatMessage(sender.id, sender.name, text, wallMillis,
        List.copyOf(to), false);
    if (to.isEmpty()) {
      chat.remember(message);
      recipients = others(sender);
    }
    recipients.forEach(recipient -> emit(recipient, l -> l.onRoomMessage(message)));
  }

  /** The tracks whose source was named, of every client but {@code exceptClientId}. */
  List<TrackInfo> announcedTracks(String exceptClientId) {
    List<TrackInfo> tracks = new ArrayList<>();
    for (Client client : clients.values()) {
      if (!client.id.equals(exceptClientId)) {
        client.published.values().stream().filter(t -> client.sources.containsKey(t.trackId()))
            .forEach(track -> tracks.add(client.info(track)));
      }
    }
    return tracks;
  }

  /** Whether a subscriber's probe is being sent: the verticle then calls {@link #pace} often. */
  boolean pacing() {
    return router.pacing();
  }

  /** The verticle's pacing timer, while {@link #pacing}: the probe padding due now leaves. */
  void pace() {
    router.pace();
  }

  /** Whether subscribers are probed ({@link Router#probing}); on unless a test turns it off. */
  void probeBandwidth(boolean on) {
    router.probing(on);
  }

  /** The room's timer: media timers, consent, negotiation timeouts. */
  void tick(long now) {
    router.tick(now);
    List<ActiveSpeakerObserver.Speaker> ranked = speakers.tick(now);
    if (ranked != null) {
      clients.values().forEach(client -> emit(client, l -> l.onActiveSpeakers(ranked)));
    }
    if (iceTcp != null) {
      iceTcp.tick(now);
    }
    boolean consent = now - lastConsentCheck >= RoomVerticle.CONSENT_CHECK_MILLIS;
    if (consent) {
      lastConsentCheck = now;
    }
    for (Client client : new ArrayList<>(clients.values())) {
      if (consent && client.transport != null) {
        client.transport.tick(now);
        if (client.watch.expired(client.transport.state(), now)) {
          letGo(client, now);
          continue;
        }
      }
      act(client, client.negotiation.tick(now), now);
    }
  }

  /**
   * The client's transport did not connect, or stayed disconnected, too long: it leaves (the
   * others hear {@code client_left} and {@code tracks_removed}) and is told {@code room_moved}
   * with reason {@code transport_timeout}, so its front lets it join again.
   */
  private void letGo(Client client, long now) {
    lifecycle.transportTimedOut(client.id, client.watch.wasConnected());
    leave(client.id, now); // its transport closes: connection_state closed comes first
    emit(client, l -> l.onRoomMoved(roomId, TRANSPORT_TIMEOUT));
    departures.accept(client.id);
  }

  /**
   * The room leaves this node (it drains): every client hears {@code room_moved} and nothing
   * else, since all of them go at once. The transports close with the room ({@link #close}).
   */
  void evacuate(String reason) {
    for (Client client : clients.values()) {
      emit(client, l -> l.onRoomMoved(roomId, reason));
    }
  }

  void close() {
    clients.values().forEach(client -> {
      if (client.transport != null) {
        client.transport.close();
      }
    });
    if (iceTcp != null) {
      iceTcp.close();
    }
  }

  // ---- inside ----

  /**
   * Subscriptions not on an m-line yet whose codec this client's offers now show it cannot
   * receive: those made before its first offer (remembered until it came), or, rarely, before
   * an offer that first listed a receiving m-line of the kind. Each is dropped and the client
   * hears {@code codec_not_supported} naming the track and the codec, as the subscribe call
   * itself would have, in an {@code error} event that also carries the track's
   * {@code clientId}, {@code trackId} and {@code codec}.
   */
  private void dropUnreceivable(Client client) {
    for (String key : new ArrayList<>(client.receiving.keySet())) {
      String producerId = client.producerOfKey.get(key);
      ReceivedTrack track = publishedTrack(producerId);
      if (track != null && router.consumer(key) == null && !canReceive(client, track)) {
        stopReceiving(client, key);
        RoomException refusal = codecNotSupported(client, producerId, track);
        TrackInfo info = clients.get(producerId.substring(0, producerId.indexOf('/'))).info(track);
        emit(client, l -> l.onSubscriptionDropped(info, refusal.code(), refusal.getMessage()));
      }
    }
  }

  private static boolean canReceive(Client client, ReceivedTrack track) {
    return client.negotiator == null // before its first offer, it may receive anything
        || client.negotiator.clientSupports(track.kind(), track.codecs().get(0).codec());
  }

  private static RoomException codecNotSupported(Client client, String producerId,
      ReceivedTrack track) {
    return new RoomException(ErrorCode.CODEC_NOT_SUPPORTED, "track " + producerId + " is "
        + Client.mimeType(track) + ", which client " + client.id + " cannot receive (its offers "
        + "list no such " + track.kind().sdpName() + " codec)");
  }

  private void renegotiate(Client client, long now) {
    if (client.transport == null) {
      client.negotiation.offerWanted(); // it has not offered yet: after its first offer
      return;
    }
    act(client, client.negotiation.sfuWantsOffer(now), now);
  }

  private void act(Client client, NegotiationState.Actions actions, long now) {
    if (client.negotiator == null) {
      return; // nothing was negotiated: it offers first
    }
    if (actions.rollback() && client.negotiator.hasPendingOffer()) {
      client.negotiator.rollback();
    }
    if (actions.offerTimedOut()) {
      emit(client, l -> l.onError("not_allowed",
          "the SFU's offer was not answered in time; it was withdrawn"));
    }
    if (actions.sendAllowRenegotiation()) {
      emit(client, RoomClientListener::onAllowRenegotiation);
    }
    if (actions.sendOffer()) {
      String sdp = client.negotiator.createOffer(new ArrayList<>(client.receiving.values())).sdp();
      emit(client, l -> l.onOffer(sdp));
    }
  }

  private void createTransport(Client client, Answer answer, long now) {
    client.transport = transports.create(client, answer.remote(),
        state -> {
          lifecycle.transportState(client.id, client.transport, state, RoomVerticle.now());
          emit(client, l -> l.onConnectionStateChanged(state));
        });
    client.watch = limits.watch(now);
    server.add(client.transport);
  }

  /**
   * The client's negotiator, made at its first offer: the answer names the port of the socket
   * the client is placed on (the room's, or one of its shards').
   */
  private SessionNegotiator negotiator(Client client) {
    if (socket == null) {
      throw new RoomException(ErrorCode.UNAVAILABLE, "room " + roomId + " has no media port; retry");
    }
    if (client.socketIndex < 0) {
      client.socketIndex = placement.place();
    }
    int port = client.socketIndex == 0 ? socket.port()
        : shards.get(client.socketIndex - 1).port();
    List<HostCandidate> candidates = new ArrayList<>();
    addresses.announced().forEach(address -> candidates.add(new HostCandidate(address, port)));
    if (iceTcpPort > 0) {
      addresses.announced().forEach(address ->
          candidates.add(HostCandidate.passiveTcp(address, iceTcpPort)));
    }
    LocalEndpoint local = new LocalEndpoint(client.ice.ufrag(), client.ice.password(),
        certificate.fingerprint().algorithm(), certificate.fingerprint().value(), candidates);
    return new SessionNegotiator(local, capabilities, "sfu-" + roomId);
  }

  private void unpublish(Client publisher, ReceivedTrack track, long now) {
    String producerId = TrackInfo.producerId(publisher.id, track.trackId());
    TrackInfo info = publisher.info(track);
    lifecycle.trackUnpublished(publisher.id, info);
    boolean announced = publisher.sources.remove(track.trackId()) != null;
    publisher.published.remove(track.trackId());
    publisher.muted.remove(track.trackId());
    Producer producer = router.producer(producerId);
    if (producer != null && producer.audioLevelMeter() != null) {
      speakers.remove(producer.audioLevelMeter());
    }
    router.closeProducer(producerId);
    for (Client other : others(publisher)) {
      if (announced) {
        emit(other, l -> l.onTracksRemoved(List.of(info)));
      }
      if (stopReceiving(other, other.keyFor(producerId))) {
        renegotiate(other, now);
      }
    }
  }

  private boolean stopReceiving(Client client, String key) {
    SendTrack track = client.receiving.remove(key);
    client.wishes.remove(key);
    client.producerOfKey.remove(key);
    router.closeConsumer(key);
    if (track != null) {
      ssrcs.release(track.ssrc());
      ssrcs.release(track.rtxSsrc());
    }
    return track != null;
  }

  private ReceivedTrack publishedTrack(String producerId) {
    int slash = producerId.indexOf('/');
    Client publisher = slash < 0 ? null : clients.get(producerId.substring(0, slash));
    return publisher == null ? null : publisher.published.get(producerId.substring(slash + 1));
  }

  /** A track others may subscribe to: published and its source named. */
  private ReceivedTrack announcedTrack(String producerId) {
    ReceivedTrack track = publishedTrack(producerId);
    Client publisher = track == null ? null : clients.get(producerId.substring(0,
        producerId.indexOf('/')));
    if (track == null || !publisher.sources.containsKey(track.trackId())) {
      throw new RoomException(ErrorCode.NOT_FOUND, "no track " + producerId);
    }
    return track;
  }

  private List<Client> others(Client client) {
    return clients.values().stream().filter(c -> c != client).toList();
  }

  Client client(String clientId) {
    Client client = clients.get(clientId);
    if (client == null) {
      throw new RoomException(ErrorCode.NOT_FOUND, "no client " + clientId + " in room " + roomId);
    }
    return client;
  }

  private static SessionDescription parse(String sdp) {
    try {
      return SessionDescription.parse(sdp);
    } catch (WireFormatException e) {
      throw new RoomException(ErrorCode.BAD_REQUEST, "invalid SDP: " + e.getMessage());
    }
  }
}
