package dev.vertxsfu.room;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.BusCodecs;
import dev.vertxsfu.bus.BusRequest;
import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.bus.Refusal;
import dev.vertxsfu.bus.RoomStats;
import dev.vertxsfu.bus.StatsRequest;
import dev.vertxsfu.config.LocalInterface;
import dev.vertxsfu.config.MediaAddresses;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.media.router.Router;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * One room (DESIGN.md): the single owner of its UDP socket and of its {@link Room} (clients,
 * transports, router, negotiations). Every packet, timer and call of a room runs on this
 * verticle's event loop, so nothing in it takes a lock.
 *
 * <p>The room takes its UDP port from the configured range when a client first offers (the
 * port goes into the answer's candidates), not when it starts: a room whose clients only joined
 * holds no port. Once no client of it has negotiated any more (they left), the port is given
 * back. When the range is full, an offer is refused with {@code unavailable}. In single-port
 * mode ({@code media.udp-port}, {@link SharedMediaPorts}) the room takes no port of its own: at
 * the same moments it joins and leaves the port of the event loop it runs on, which other rooms
 * of that loop share.
 *
 * <p>Two ways in. Clients anywhere in the cluster send docs/protocol.md messages to
 * {@link BusAddresses#room(String)} ({@link RoomBusHandler}). In-process code and tests use the
 * Java API below, which may be called from any thread: each call hops onto the room's loop and
 * completes its future there, and the events it causes reach the client's
 * {@link RoomClientListener} after that. A refused call fails with a {@link RoomException}
 * carrying docs/protocol.md's code and leaves the room as it was.
 */
public final class RoomVerticle extends VerticleBase {
  static final long TICK_MILLIS = 20;
  /** How often a probe cluster being sent is paced. */
  static final long PACE_MILLIS = 5;
  /**
   * How long a room that no client has joined yet stays open although empty. The join that
   * made a node start it may still be on its way: from another node it is sent again while
   * that node's copy of the cluster's subscriptions has not heard of the room yet, and a room
   * closed meanwhile would leave it to be dropped on arrival (the sender sees only a timeout).
   * The bus timeout of the join itself bounds how long that can take.
   */
  static final long FIRST_JOIN_GRACE_MILLIS = BusRequest.DEFAULT_TIMEOUT_MILLIS;
  static final long CONSENT_CHECK_MILLIS = 1000;
  /** How often the room hands its metrics to the node ({@link RoomSampler}). */
  static final long SAMPLE_MILLIS = 1000;

  private final String roomId;
  private final SfuConfig.MediaConfig media;
  private final MediaAddresses addresses;
  private final DtlsCertificate certificate;
  private final SfuConfig.RoomsConfig limits;
  private final IceServerList iceServers;
  /** The node's ICE-TCP port, or null without one. */
  private final IceTcpServer iceTcpServer;
  /** This room's end of the ICE-TCP port; null without one. */
  private RoomIceTcpEnd iceTcpEnd;
  /** The node's shared ports in single-port mode; null in port-range mode. */
  private final SharedMediaPorts sharedPorts;
  /** This room's place on its loop's shared port while it holds media; null otherwise. */
  private SharedMediaPorts.RoomPort sharedPort;
  private LoopOwner owner;
  private Room room;
  /** The room's socket while a client of it has negotiated; null otherwise. */
  private MediaSocket socket;
  /** The socket's shards on other loops ({@code media.send-shards}); empty for none. */
  private List<SendShard> shards = List.of();
  /** A bind in progress, which offers wait for; null otherwise. */
  private Future<Void> binding;
  /** The last socket given back, closing: the next bind waits for it (the range may be 1). */
  private Future<Void> released = Future.succeededFuture();
  private MessageConsumer<Object> requests;
  private MessageConsumer<String> nodeLeft;
  private MessageConsumer<Object> stats;
  private long timer = -1;
  /** The pending pacing timer, -1 when none. */
  private long paceTimer = -1;
  private long sampleTimer = -1;
  private RoomSampler sampler;
  /** Datagrams and bytes the room's socket received: plain fields, on the room's loop. */
  private long udpDatagrams;
  private long udpBytes;
  private boolean closed;
  /** When {@link #start} ran: the room waits for its first join before it may close empty. */
  private long startedMillis;

  /** A test's view of what leaves the socket: return false to drop the datagram. */
  interface SendFilter {
    boolean send(String clientId, byte[] buf, int off, int len);
  }

  /** A room binding and announcing what {@code media} resolves to on this machine. */
  public RoomVerticle(String roomId, SfuConfig.MediaConfig media, DtlsCertificate certificate) {
    this(roomId, media, certificate, SfuConfig.RoomsConfig.DEFAULT);
  }

  /** The same, with these limits and timeouts. */
  public RoomVerticle(String roomId, SfuConfig.MediaConfig media, DtlsCertificate certificate,
      SfuConfig.RoomsConfig limits) {
    this(roomId, media, MediaAddresses.resolve(media, LocalInterface.ofThisMachine()),
        certificate, limits, IceServerList.NONE);
  }

  /**
   * A room binding and announcing {@code addresses}, within {@code media}'s ports, whose
   * {@code joined} replies carry {@code iceServers}.
   */
  public RoomVerticle(String roomId, SfuConfig.MediaConfig media, MediaAddresses addresses,
      DtlsCertificate certificate, SfuConfig.RoomsConfig limits, IceServerList iceServers) {
    this(roomId, media, addresses, certificate, limits, iceServers, null, null);
  }

  /**
   * The same, serving ICE-TCP connections of the node's {@code iceTcpServer} (null: none), and
   * in single-port mode when {@code sharedPorts} is not null: the room's media goes through the
   * port of the event loop it is deployed on.
   */
  RoomVerticle(String roomId, SfuConfig.MediaConfig media, MediaAddresses addresses,
      DtlsCertificate certificate, SfuConfig.RoomsConfig limits, IceServerList iceServers,
      IceTcpServer iceTcpServer, SharedMediaPorts sharedPorts) {
    this.iceTcpServer = iceTcpServer;
    this.sharedPorts = sharedPorts;
    this.roomId = roomId;
    this.media = media;
    this.addresses = addresses;
    this.certificate = certificate;
    this.limits = limits;
    this.iceServers = iceServers;
  }

  @Override
  public Future<?> start() {
    owner = new LoopOwner(context, "room " + roomId);
    startedMillis = now();
    Executor ownerLoop = task -> context.runOnContext(v -> task.run());
    Executor blocking = task -> vertx.executeBlocking(() -> {
      task.run();
      return null;
    }, false);
    room = new Room(roomId, addresses, certificate, ownerLoop, blocking, limits);
    room.applyBandwidthAllocation(media.bandwidthAllocation());
    if (iceTcpServer != null) {
      iceTcpEnd = new RoomIceTcpEnd(iceTcpServer, context, owner, room, () -> closed);
      iceTcpEnd.start(roomId);
    }
    timer = vertx.setPeriodic(TICK_MILLIS, id -> tick());
    sampler = new RoomSampler(roomId);
    sampleTimer = vertx.setPeriodic(SAMPLE_MILLIS, id -> publishSample(false));
    RoomBusHandler handler = new RoomBusHandler(room, vertx.eventBus(), this::mediaSocket,
        iceServers);
    BusCodecs.register(vertx);
    requests = vertx.eventBus().consumer(BusAddresses.room(roomId), request -> {
      if (closed) {
        new Refusal(ErrorCode.UNAVAILABLE, "room " + roomId + " is closing; join again")
            .failOn(request);
      } else {
        handler.handle(request);
      }
    });
    stats = vertx.eventBus().consumer(BusAddresses.roomStats(roomId), this::onStatsRequest);
    nodeLeft = vertx.eventBus().localConsumer(BusAddresses.NODE_LEFT,
        message -> handler.frontLost(message.body()));
    room.onDeparture(handler::forget);
    room.afterLeave(this::releaseIfIdle);
    room.lifecycle().onEvent(event -> vertx.eventBus().publish(RoomSampler.EVENTS, event,
        new io.vertx.core.eventbus.DeliveryOptions().setLocalOnly(true)));
    room.lifecycle().roomStarted();
    // a start that fails leaves nothing registered: stop() is not called then
    return Future.join(requests.completion(), nodeLeft.completion(), stats.completion())
        .onFailure(failure -> stop());
  }

  @Override
  public Future<?> stop() {
    closed = true; // a bind still under way closes what it bound
    vertx.cancelTimer(timer);
    vertx.cancelTimer(sampleTimer);
    publishSample(true);
    room.lifecycle().roomClosed(room.clientCount());
    room.close();
    if (iceTcpEnd != null) {
      iceTcpEnd.stop();
    }
    MediaSocket last = socket;
    socket = null;
    if (sharedPort != null) {
      sharedPorts.of(context).leave(sharedPort);
      sharedPort = null;
      last = null; // the loop's socket stays for the other rooms
    }
    List<SendShard> lastShards = shards;
    shards = List.of();
    return Future.join(requests.unregister(), nodeLeft.unregister(), stats.unregister(),
        last == null ? released : closeAll(last, lastShards));
  }

  /**
   * The stats API's request ({@link StatsRequest}), on the room's loop: answers the room's
   * summary or one client's statistics ({@link StatsReport}), or refuses with
   * {@code not_found} for a client it does not have, {@code bad_request} for another body.
   */
  private void onStatsRequest(Message<Object> request) {
    if (!(request.body() instanceof StatsRequest asked)) {
      new Refusal(ErrorCode.BAD_REQUEST, "a stats request is a StatsRequest").failOn(request);
      return;
    }
    int port = socket == null ? 0 : socket.port();
    if (asked.clientId() == null) {
      request.reply(new RoomStats(StatsReport.room(roomId, room, port, now() - startedMillis)));
      return;
    }
    Client client = room.clientsView().stream().filter(c -> c.id.equals(asked.clientId()))
        .findFirst().orElse(null);
    if (client == null) {
      new Refusal(ErrorCode.NOT_FOUND, "no client " + asked.clientId() + " in room " + roomId)
          .failOn(request);
      return;
    }
    request.reply(new RoomStats(StatsReport.client(roomId, room, client, port, now())));
  }

  /** Hands the room's metrics to the node (the last one, {@code closed}, when it stops). */
  private void publishSample(boolean closed) {
    vertx.eventBus().publish(RoomSampler.ADDRESS,
        sampler.sample(room, sharedPort == null ? socket : null, shards, udpDatagrams, udpBytes,
            closed),
        new io.vertx.core.eventbus.DeliveryOptions().setLocalOnly(true));
  }

  private void tick() {
    long now = now();
    room.tick(now);
    schedulePacing();
    releaseIfIdle(); // also after a first offer that failed
  }

  /**
   * While a subscriber's probe cluster is being sent, paces it every {@value #PACE_MILLIS} ms
   * (a cluster lasts ~50 ms; the tick's 20 ms would send it in bursts a link would queue).
   */
  private void schedulePacing() {
    if (paceTimer < 0 && !closed && room.pacing()) {
      paceTimer = vertx.setTimer(PACE_MILLIS, id -> {
        paceTimer = -1;
        if (!closed) {
          room.pace();
          schedulePacing();
        }
      });
    }
  }

  /**
   * The room's socket, bound now if no client holds it: for a client's offer. Fails with
   * {@code unavailable} when no port of the range is free. On the room's loop.
   */
  private Future<Void> mediaSocket() {
    owner.check("socket");
    if (socket != null) {
      return Future.succeededFuture();
    }
    if (sharedPorts != null) {
      return joinSharedPort();
    }
    if (binding == null) {
      binding = owner.back(released.transform(previousClosed -> bindSockets()))
          .transform(bound -> {
            owner.check("socket");
            binding = null;
            if (bound.failed()) {
              return Future.failedFuture(new RoomException(ErrorCode.UNAVAILABLE,
                  "no free UDP port for media on this node (media.min-port..media.max-port); retry"));
            }
            if (closed) {
              released = closeAll(bound.result().socket(), bound.result().shards());
              return Future.failedFuture(new RoomException(ErrorCode.UNAVAILABLE,
                  "room " + roomId + " is closing; join again"));
            }
            socket = bound.result().socket();
            shards = bound.result().shards();
            room.attach(socket, shards, media.shardAfter());
            return Future.succeededFuture();
          });
    }
    return binding;
  }

  /** A room's socket and its shards, bound together. */
  private record Sockets(MediaSocket socket, List<SendShard> shards) { }

  /** The room's socket and its shards, from the range; when one fails none stays bound. */
  private Future<Sockets> bindSockets() {
    String host = addresses.bindHost();
    return MediaSocket.bind(context, host, media.minPort(), media.maxPort(), this::receive)
        .compose(socket -> SendShard.bindAll(context, media.sendShards(), host, media.minPort(),
                media.maxPort(), this::receive)
            .transform(shards -> shards.succeeded()
                ? Future.succeededFuture(new Sockets(socket, shards.result()))
                : socket.close().transform(v -> Future.<Sockets>failedFuture(shards.cause()))));
  }

  private static Future<Void> closeAll(MediaSocket socket, List<SendShard> shards) {
    return Future.join(socket == null ? Future.succeededFuture() : socket.close(),
        SendShard.closeAll(shards)).mapEmpty();
  }

  /** Single-port mode: the room's datagrams come through its loop's shared socket. */
  private Future<Void> joinSharedPort() {
    if (closed) {
      return Future.failedFuture(new RoomException(ErrorCode.UNAVAILABLE,
          "room " + roomId + " is closing; join again"));
    }
    SharedMediaPorts.LoopPort loopPort = sharedPorts.of(context);
    sharedPort = loopPort.join(context, room.server(), this::receive);
    socket = loopPort.socket();
    room.attach(socket);
    return Future.succeededFuture();
  }

  /** A datagram of the room's socket, own or shared, on the room's loop. */
  private void receive(byte[] buf, int off, int len, java.net.InetSocketAddress from) {
    udpDatagrams++;
    udpBytes += len;
    room.server().receive(buf, off, len, from, now());
  }

  /** When no client holds media any more, the port goes back to the range. */
  private void releaseIfIdle() {
    owner.check("socket");
    if (socket == null || binding != null || room.holdsMedia()) {
      return;
    }
    room.detach();
    if (sharedPort != null) {
      sharedPorts.of(context).leave(sharedPort);
      sharedPort = null;
    } else {
      released = owner.back(closeAll(socket, shards));
    }
    socket = null;
    shards = List.of();
  }

  public String roomId() {
    return roomId;
  }

  /** The UDP port every client of this room sends media to; 0 while none has negotiated. */
  public int mediaPort() {
    MediaSocket bound = socket;
    return bound == null ? 0 : bound.port();
  }

  /** The ports of the room's send shards ({@code media.send-shards}), while it holds media. */
  Future<List<Integer>> shardPorts() {
    return onLoop(() -> shards.stream().map(SendShard::port).toList());
  }

  /** Adds a client; it negotiates with {@link #negotiate} next. */
  public Future<Void> addClient(String clientId, RoomClientListener listener) {
    return onLoop(() -> {
      room.join(clientId, clientId, listener);
      return null;
    });
  }

  /** The client's offer; completes with the SFU's answer. */
  public Future<String> negotiate(String clientId, String offerSdp) {
    Promise<String> answer = Promise.promise();
    // the offer runs in the same loop task as the socket's completion: a tick in between
    // would give an idle socket back before the offer holds it
    context.runOnContext(v -> mediaSocket().onComplete(ready -> {
      if (ready.failed()) {
        answer.fail(ready.cause());
      } else {
        callNow(() -> room.offer(clientId, offerSdp, now()), answer);
      }
    }));
    return answer.future();
  }

  /** A trickled ICE candidate of the client ({@code null} or "" ends them): checked, not used. */
  public Future<Void> addIceCandidate(String clientId, String candidate) {
    return onLoop(() -> {
      room.addIceCandidate(clientId, candidate);
      return null;
    });
  }

  /** Whether the client may offer now ({@code is_allow_renegotiation}). */
  public Future<Boolean> isAllowRenegotiation(String clientId) {
    return onLoop(() -> room.isAllowRenegotiation(clientId, now()));
  }

  /** The client names the source of its tracks: "media" or "screen" per track id. */
  public Future<Void> setTracksSourceType(String clientId, Map<String, String> sources) {
    return onLoop(() -> {
      room.setTracksSourceType(clientId, sources);
      return null;
    });
  }

  /** The client wants to receive these producers; the SFU offers them. */
  public Future<Void> subscribe(String clientId, List<String> producerIds) {
    return onLoop(() -> {
      room.subscribe(clientId, producerIds, now());
      return null;
    });
  }

  /** The client no longer wants these producers; the SFU offers without them. */
  public Future<Void> unsubscribe(String clientId, List<String> producerIds) {
    return onLoop(() -> {
      room.unsubscribe(clientId, producerIds, now());
      return null;
    });
  }

  /** The client's answer to the SFU's last offer. */
  public Future<Void> answer(String clientId, String answerSdp) {
    return onLoop(() -> {
      room.answer(clientId, answerSdp, now());
      return null;
    });
  }

  /** The client mutes or unmutes one of its tracks ({@code mute_track}). */
  public Future<Void> muteTrack(String clientId, String trackId, boolean muted) {
    return onLoop(() -> {
      room.muteTrack(clientId, trackId, muted, now());
      return null;
    });
  }

  /** The client says what it can show of tracks it receives ({@code track_settings}). */
  Future<Void> trackSettings(String clientId, List<TrackSetting> settings) {
    return onLoop(() -> {
      room.trackSettings(clientId, settings, now());
      return null;
    });
  }

  /** The client sends a chat message, to everyone else ({@code to} empty) or to those named. */
  public Future<Void> sendMessage(String clientId, String text, List<String> to) {
    return onLoop(() -> {
      room.sendMessage(clientId, text, to, now(), System.currentTimeMillis());
      return null;
    });
  }

  /** Removes a client, its tracks from everyone who received them, and its transport. */
  public Future<Void> removeClient(String clientId) {
    return onLoop(() -> {
      room.leave(clientId, now());
      return null;
    });
  }

  /** The tracks published in the room whose source is named. */
  public Future<List<TrackInfo>> tracks() {
    return onLoop(() -> room.announcedTracks(null));
  }

  /** How many clients are in the room. */
  public Future<Integer> clientCount() {
    return onLoop(() -> room.clientCount());
  }

  /**
   * Closes the room to new requests if it has no client (on its own loop, so no join can slip
   * in between); the manager then undeploys it. Requests after that fail with
   * {@code unavailable}.
   */
  public Future<Boolean> closeIfEmpty() {
    return onLoop(() -> {
      if (room.clientCount() == 0
          && (room.everJoined() || now() - startedMillis >= FIRST_JOIN_GRACE_MILLIS)) {
        closed = true;
      }
      return closed;
    });
  }

  /**
   * The room leaves this node: it takes no more requests, and every client is told
   * {@code room_moved} with {@code reason}; the manager then undeploys it. Completes with how
   * many clients were told.
   */
  Future<Integer> evacuate(String reason) {
    return onLoop(() -> {
      closed = true;
      room.evacuate(reason);
      return room.clientCount();
    });
  }

  /** Runs {@code task} on the room's loop: for tests that read its state. */
  <T> Future<T> inspect(Callable<T> task) {
    return onLoop(task);
  }

  /** The room's media graph; read it only on the room's loop ({@link #inspect}). */
  Router router() {
    return room.router();
  }

  /**
   * The send-side estimate toward {@code clientId} as a subscriber, bit/s, or -1 without one
   * (for tests and stats; read on the room's loop).
   */
  Future<Long> estimateBps(String clientId) {
    return onLoop(() -> room.estimateBps(clientId));
  }

  /** Test hook: whether allocations are applied ({@link Router#applyAllocation}). */
  Future<Void> applyBandwidthAllocation(boolean apply) {
    return onLoop(() -> {
      room.applyBandwidthAllocation(apply);
      return null;
    });
  }

  /** Test hook: whether subscribers are probed ({@link Router#probing}; on by default). */
  Future<Void> probeBandwidth(boolean on) {
    return onLoop(() -> {
      room.probeBandwidth(on);
      return null;
    });
  }

  /** Test hook: every datagram about to leave the socket passes through {@code filter}. */
  Future<Void> setSendFilter(SendFilter filter) {
    return onLoop(() -> {
      room.setSendFilter(filter);
      return null;
    });
  }

  static long now() {
    return System.nanoTime() / 1_000_000;
  }

  /**
   * Runs {@code task} on the room's loop. The future completes there, after the task's events
   * went out; a listener that throws is the caller's problem, never taken for the task's failure
   * (issue 11, item 6: that once failed an already completed promise).
   */
  private <T> Future<T> onLoop(Callable<T> task) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> callNow(task, promise));
    return promise.future();
  }

  /** Runs {@code task} now, on the room's loop, and completes {@code promise} with it. */
  private <T> void callNow(Callable<T> task, Promise<T> promise) {
    T result;
    try {
      result = room.call(task);
    } catch (Exception e) {
      room.flush();
      promise.fail(e);
      return;
    }
    room.flush();
    promise.complete(result);
  }
}
