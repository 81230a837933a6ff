package dev.vertxsfu.room;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.BusRequest;
import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.bus.Refusal;
import dev.vertxsfu.bus.RoomStart;
import dev.vertxsfu.bus.RoomStarted;
import dev.vertxsfu.cluster.Clustering;
import dev.vertxsfu.cluster.NodeConnections;
import dev.vertxsfu.cluster.RoomPlacement;
import dev.vertxsfu.config.LocalInterface;
import dev.vertxsfu.config.MediaAddresses;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The rooms of this node, and this node's part in placing rooms in the cluster.
 *
 * <p>A {@link BusAddresses#ROOMS} request (from this node's signaling fronts, a local
 * consumer) is placed by {@link RoomPlacement}: where the room runs, or the least-loaded live
 * node under a cluster-wide lock, so two simultaneous first joins on two nodes make one room.
 * That node's manager ({@link BusAddresses#roomsOn}) starts it (one {@link RoomVerticle} each).
 * Every second the manager publishes this node's load, and closes a room
 * {@code emptyCloseMillis} after its last client left, forgetting its placement. A room that
 * fails to start leaves nothing behind: not in this manager, not deployed, not placed.
 *
 * <p>A {@link RoomStart} may name the client and its IP address ({@code clientId}, {@code address}): each
 * may ask for only so many distinct rooms a minute ({@link NewRoomLimiter}); past that the
 * request is refused with {@code not_allowed}.
 *
 * <p>A room can leave the node ({@link #moveRoom}): its placement is forgotten, its clients
 * hear {@code room_moved} and join again, which places it anew. Draining ({@link #drain}) moves
 * every room and marks the node's load {@code draining}, so placement passes it over. When
 * another node leaves the cluster ({@link BusAddresses#NODE_LEFT}) its placements are forgotten.
 *
 * <p>In single-port mode ({@code media.udp-port}) the manager binds the node's
 * {@link SharedMediaPorts} before it takes requests, one per event loop, hands them to every
 * room it starts, and closes them when it stops.
 *
 * <p>Single-threaded: every field below is touched on the manager's own event loop only
 * ({@link LoopOwner#check} at each mutation). What a room answers arrives on the room's loop and
 * is brought back with {@link LoopOwner#back} before the manager reads it. Requests for one room
 * are served in order; a room that is closing finishes closing before it is started again.
 */
public final class RoomManager extends VerticleBase {
  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(RoomManager.class.getName());
  static final long CHECK_MILLIS = 1000;
  static final long NEW_ROOM_WINDOW_MILLIS = 60_000;
  /** Clients and addresses the creation limits track at once. */
  static final int NEW_ROOM_KEYS = 100_000;

  private final SfuConfig.MediaConfig media;
  private final MediaAddresses addresses;
  private final DtlsCertificate certificate;
  private final SfuConfig.RoomsConfig config;
  private final long emptyCloseMillis;
  private final IceServerList iceServers;
  /** The node's ICE-TCP port ({@code media.tcp-port}), or null without one. */
  private final IceTcpServer iceTcp;
  private final Map<String, Future<RoomVerticle>> rooms = new HashMap<>();
  /**
   * Deployment ids by room verticle, not by room id: while one copy of a room is closing, a
   * start may already have made the next one.
   */
  private final Map<RoomVerticle, String> deployments = new HashMap<>();
  private final Map<String, Long> emptySince = new HashMap<>();
  private final Map<String, Future<?>> closing = new HashMap<>();
  private final NewRoomLimiter perClient;
  private final NewRoomLimiter perAddress;
  private MessageConsumer<Object> consumer;
  private MessageConsumer<Object> hostConsumer;
  private BusRequest hosts;
  private MessageConsumer<String> nodeLeft;
  private RoomPlacement placement;
  private LoopOwner owner;
  private boolean draining;
  /** The node's shared UDP ports in single-port mode, bound at start; null otherwise. */
  private SharedMediaPorts sharedPorts;
  /** What the shared ports had dropped at the last tick: {@link SharedMediaPorts#refusals}. */
  private long[] sharedPortDrops = new long[3];

  /**
   * Rooms with the default settings, closed {@code emptyCloseMillis} after they empty; they bind
   * and announce what {@code media} resolves to on this machine ({@link MediaAddresses#resolve},
   * once, here).
   */
  public RoomManager(SfuConfig.MediaConfig media, DtlsCertificate certificate,
      long emptyCloseMillis) {
    this(media, certificate, SfuConfig.RoomsConfig.DEFAULT, emptyCloseMillis,
        IceServerList.NONE);
  }

  public RoomManager(SfuConfig.MediaConfig media, DtlsCertificate certificate,
      SfuConfig.RoomsConfig config) {
    this(media, certificate, config, IceServerList.NONE);
  }

  /** A manager whose rooms tell joining clients of {@code iceServers}. */
  public RoomManager(SfuConfig.MediaConfig media, DtlsCertificate certificate,
      SfuConfig.RoomsConfig config, IceServerList iceServers) {
    this(media, certificate, config, config.emptyCloseSeconds() * 1000L, iceServers);
  }

  RoomManager(SfuConfig.MediaConfig media, DtlsCertificate certificate,
      SfuConfig.RoomsConfig config, long emptyCloseMillis) {
    this(media, certificate, config, emptyCloseMillis, IceServerList.NONE);
  }

  RoomManager(SfuConfig.MediaConfig media, DtlsCertificate certificate,
      SfuConfig.RoomsConfig config, long emptyCloseMillis, IceServerList iceServers) {
    this.media = media;
    this.addresses = MediaAddresses.resolve(media, LocalInterface.ofThisMachine());
    this.certificate = certificate;
    this.config = config;
    this.emptyCloseMillis = emptyCloseMillis;
    this.perClient = new NewRoomLimiter(config.newRoomsPerMinutePerClient(),
        NEW_ROOM_WINDOW_MILLIS, NEW_ROOM_KEYS);
    this.perAddress = new NewRoomLimiter(config.newRoomsPerMinutePerAddress(),
        NEW_ROOM_WINDOW_MILLIS, NEW_ROOM_KEYS);
    this.iceServers = iceServers;
    this.iceTcp = media.tcpPort() > 0 ? new IceTcpServer(addresses.bindHost(), media.tcpPort())
        : null;
  }

  @Override
  public Future<?> start() {
    owner = new LoopOwner(context, "room manager");
    hosts = new BusRequest(vertx, BusRequest.DEFAULT_TIMEOUT_MILLIS); // registers the codecs
    placement = new RoomPlacement(vertx, nodeId());
    consumer = vertx.eventBus().localConsumer(BusAddresses.ROOMS, this::onRequest);
    hostConsumer = vertx.eventBus().consumer(BusAddresses.roomsOn(placement.nodeId()),
        this::onHostRequest);
    nodeLeft = vertx.eventBus().localConsumer(BusAddresses.NODE_LEFT,
        message -> placement.forgetNode(message.body()));
    vertx.setPeriodic(CHECK_MILLIS, id -> tick());
    Future<?> tcp = iceTcp == null ? Future.succeededFuture() : vertx.deployVerticle(iceTcp);
    Future<?> ports = !media.singlePort() ? Future.succeededFuture()
        : owner.back(SharedMediaPorts.bind(vertx, addresses.bindHost(), media.udpPort()))
            .onSuccess(bound -> {
              sharedPorts = bound;
              LOG.info(() -> "media: single-port mode, rooms share UDP ports " + bound.ports()
                  + " (one per event loop, media.udp-port " + media.udpPort() + ")");
            });
    return Future.join(consumer.completion(), hostConsumer.completion(), nodeLeft.completion(),
            tcp, ports)
        .compose(v -> publishLoad(0));
  }

  @Override
  public Future<?> stop() {
    return sharedPorts == null ? Future.succeededFuture() : sharedPorts.close();
  }

  /** The node's shared UDP ports in single-port mode, or null (port-range mode). */
  public SharedMediaPorts sharedPorts() {
    return sharedPorts;
  }

  /** The node's ICE-TCP port, or 0 without one ({@code media.tcp-port}). */
  public int iceTcpPort() {
    return iceTcp == null ? 0 : iceTcp.port();
  }

  /** Why the ICE-TCP port closed connections, and how many (for tests and metrics). */
  public Future<Map<String, Long>> iceTcpCloses() {
    return iceTcp == null ? Future.succeededFuture(Map.of()) : iceTcp.closes();
  }

  /** Where this node's rooms bind their sockets and what their candidates announce. */
  public MediaAddresses mediaAddresses() {
    return addresses;
  }

  /** This node's id in the cluster (the cluster manager's), or its own one when alone. */
  public String nodeId() {
    return placement != null ? placement.nodeId() : Clustering.nodeId(vertx);
  }

  /** The room {@code roomId}, started if it is not running. On the manager's loop. */
  private Future<RoomVerticle> room(String roomId) {
    owner.check("rooms");
    Future<RoomVerticle> running = rooms.get(roomId);
    if (running != null) {
      emptySince.remove(roomId);
      return running;
    }
    if (media.singlePort() && sharedPorts == null) {
      // a host request that came in while start() was still binding the shared ports
      return Future.failedFuture("this node's media ports are not bound yet");
    }
    Future<?> previous = closing.getOrDefault(roomId, Future.succeededFuture());
    RoomVerticle room = new RoomVerticle(roomId, media, addresses, certificate, config,
        iceServers, iceTcp, sharedPorts);
    Promise<RoomVerticle> starting = Promise.promise();
    Future<RoomVerticle> started = starting.future();
    rooms.put(roomId, started);
    owner.back(previous.transform(done -> vertx.deployVerticle(room))).onComplete(deployed -> {
      owner.check("deployments");
      if (deployed.succeeded()) {
        deployments.put(room, deployed.result());
        starting.complete(room);
        return;
      }
      // nothing of a room that did not start stays: not here, not in placement
      rooms.remove(roomId, started);
      emptySince.remove(roomId);
      owner.back(placement.forget(roomId)).onComplete(v -> starting.fail(deployed.cause()));
    });
    return started;
  }

  /**
   * The send-side estimate toward {@code clientId} as a subscriber of {@code roomId} on this
   * node, bit/s; -1 when the room is not here or the client has no estimate. Read on the
   * manager's loop, then the room's ({@link RoomVerticle#estimateBps}); for tests and stats.
   * Any thread.
   */
  public Future<Long> estimateBps(String roomId, String clientId) {
    return onLoop(() -> {
      Future<RoomVerticle> running = rooms.get(roomId);
      return running == null ? Future.succeededFuture(-1L)
          : owner.back(running.compose(room -> room.estimateBps(clientId)));
    });
  }

  /**
   * Test hook: whether the subscribers' bandwidth allocations of {@code roomId} on this node are
   * applied ({@link RoomVerticle#applyBandwidthAllocation}); fails when the room is not here.
   * Any thread.
   */
  public Future<Void> applyBandwidthAllocation(String roomId, boolean apply) {
    return onLoop(() -> {
      Future<RoomVerticle> running = rooms.get(roomId);
      return running == null ? Future.failedFuture("no room " + roomId + " on this node")
          : owner.back(running.compose(room -> room.applyBandwidthAllocation(apply)));
    });
  }

  /** How many rooms run on this node: a racy read, for tests; see {@link #roomCountNow}. */
  public int roomCount() {
    return rooms.size();
  }

  /**
   * Moves {@code roomId} off this node: forgets where it runs, tells its clients
   * {@code room_moved} with {@code reason}, and closes it. Their joins place it again: on
   * another node when this one drains, else wherever placement puts it. Any thread.
   */
  public Future<Void> moveRoom(String roomId, String reason) {
    return onLoop(() -> move(roomId, reason));
  }

  private Future<Void> move(String roomId, String reason) {
    owner.check("rooms");
    Future<RoomVerticle> running = rooms.remove(roomId);
    if (running == null) {
      return Future.succeededFuture();
    }
    emptySince.remove(roomId);
    Future<Void> moved = owner.back(placement.forget(roomId))
        .transform(forgotten -> running)
        .compose(room -> owner.back(room.evacuate(reason)).transform(told -> undeploy(room)));
    return closing(roomId, moved);
  }

  /**
   * Starts draining: the node's load says {@code draining} (no room is placed here any more),
   * then every room moves. Completes when they have all moved. Any thread.
   */
  public Future<Void> drain() {
    return onLoop(() -> {
      draining = true;
      List<Future<Void>> moves = new ArrayList<>();
      return owner.back(publishLoad(0)).transform(published -> {
        List.copyOf(rooms.keySet()).forEach(roomId -> moves.add(move(roomId, "drain")));
        return Future.join(moves);
      }).mapEmpty();
    });
  }

  /** How many rooms run here, asked on the manager's loop. Any thread. */
  public Future<Integer> roomCountNow() {
    return onLoop(() -> Future.succeededFuture(rooms.size()));
  }

  private <T> Future<T> onLoop(Supplier<Future<T>> task) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> task.get().onComplete(promise));
    return promise.future();
  }

  /** Placement: where the room runs or should, then that node starts it. */
  private void onRequest(Message<Object> request) {
    if (!(request.body() instanceof RoomStart start) || start.roomId() == null) {
      new Refusal(ErrorCode.BAD_REQUEST, "a room manager takes RoomStarts with a roomId")
          .failOn(request);
      return;
    }
    String roomId = start.roomId();
    String refusal = overCreationLimit(start);
    if (refusal != null) {
      new Refusal(ErrorCode.NOT_ALLOWED, refusal).failOn(request);
      return;
    }
    placeAndStart(roomId, true).onComplete(placed -> {
      if (placed.succeeded()) {
        request.reply(new RoomStarted(roomId, placed.result()));
      } else {
        new Refusal(ErrorCode.UNAVAILABLE, "room " + roomId + " could not start: "
            + placed.cause().getMessage()).failOn(request);
      }
    });
  }

  /** Why the request's client or address may not ask for its room now, or null. */
  private String overCreationLimit(RoomStart start) {
    owner.check("creation limits");
    long now = RoomVerticle.now();
    if (start.clientId() != null && !perClient.allow(start.clientId(), start.roomId(), now)) {
      return "too many rooms: a client may ask for " + config.newRoomsPerMinutePerClient()
          + " rooms a minute (rooms.new-rooms-per-minute-per-client)";
    }
    if (start.address() != null && !perAddress.allow(start.address(), start.roomId(), now)) {
      return "too many rooms: the clients of one address may ask for "
          + config.newRoomsPerMinutePerAddress()
          + " rooms a minute (rooms.new-rooms-per-minute-per-address)";
    }
    return null;
  }

  private Future<String> placeAndStart(String roomId, boolean retry) {
    return owner.back(placement.place(roomId)).compose(node -> {
      Future<?> started = node.equals(placement.nodeId())
          ? (draining ? Future.failedFuture("this node drains") : room(roomId))
          : owner.back(hosts.ask(BusAddresses.roomsOn(node), RoomStart.of(roomId),
              RoomStarted.class));
      return started.map(node).recover(failure -> retry
          // the node died after its last load report: place the room anew
          ? owner.back(placement.forgetOn(roomId, node))
              .compose(v -> placeAndStart(roomId, false))
          : Future.failedFuture(failure));
    });
  }

  /** Another node's placement chose this node for the room of a {@link RoomStart}. */
  private void onHostRequest(Message<Object> request) {
    if (!(request.body() instanceof RoomStart start) || start.roomId() == null) {
      new Refusal(ErrorCode.BAD_REQUEST, "a room manager takes RoomStarts with a roomId")
          .failOn(request);
      return;
    }
    String roomId = start.roomId();
    if (draining) {
      new Refusal(ErrorCode.UNAVAILABLE, "node " + placement.nodeId() + " drains")
          .failOn(request);
      return;
    }
    room(roomId).onComplete(started -> {
      if (started.succeeded()) {
        request.reply(new RoomStarted(roomId, placement.nodeId()));
      } else {
        new Refusal(ErrorCode.UNAVAILABLE, started.cause().getMessage()).failOn(request);
      }
    });
  }

  private void tick() {
    long now = RoomVerticle.now();
    perClient.expire(now);
    perAddress.expire(now);
    closeEmptyRooms().onComplete(clients -> publishLoad(clients.succeeded() ? clients.result() : 0));
    publishSharedPortDrops();
  }

  /**
   * Single-port mode: what the shared ports dropped before any room saw it (unknown ufrags and
   * unmatched tuples as {@code unmatched_tuple}, broken STUN as {@code malformed}) goes into the
   * node's {@code sfu_packets_dropped_total} like the rooms' own drops.
   */
  private void publishSharedPortDrops() {
    if (sharedPorts == null) {
      return;
    }
    owner.back(sharedPorts.refusals()).onSuccess(now -> {
      owner.check("shared port drops");
      long unmatched = now[0] + now[1] - sharedPortDrops[0] - sharedPortDrops[1];
      long malformed = now[2] - sharedPortDrops[2];
      sharedPortDrops = now;
      if (unmatched + malformed > 0) {
        vertx.eventBus().publish(RoomSampler.ADDRESS, RoomSampler.totalsOnly(
                "shared-media-ports", Map.of("dropped_unmatched_tuple", unmatched,
                    "dropped_malformed", malformed)),
            new io.vertx.core.eventbus.DeliveryOptions().setLocalOnly(true));
      }
    });
  }

  private Future<Void> publishLoad(int clients) {
    int connections = NodeConnections.total(vertx);
    return placement.publishLoad(new JsonObject().put("rooms", rooms.size())
        .put("clients", clients).put("connections", connections).put("draining", draining));
  }

  /** Closes rooms empty for long enough; completes with the clients of this node's rooms. */
  private Future<Integer> closeEmptyRooms() {
    long now = RoomVerticle.now();
    List<Future<Integer>> counts = new ArrayList<>();
    for (Map.Entry<String, Future<RoomVerticle>> entry : Map.copyOf(rooms).entrySet()) {
      String roomId = entry.getKey();
      if (!entry.getValue().succeeded()) {
        continue;
      }
      RoomVerticle room = entry.getValue().result();
      counts.add(owner.back(room.clientCount()).onSuccess(count -> {
        owner.check("emptySince");
        if (count > 0) {
          emptySince.remove(roomId);
          return;
        }
        long since = emptySince.computeIfAbsent(roomId, id -> now);
        if (now - since >= emptyCloseMillis && rooms.get(roomId) == entry.getValue()) {
          close(roomId, entry.getValue(), room);
        }
      }));
    }
    return Future.join(counts).map(all -> counts.stream().filter(Future::succeeded)
        .mapToInt(Future::result).sum());
  }

  /**
   * Closes {@code room} if it is still empty. A move may take the room while it is asked: the
   * move then undeploys it and forgets its placement, and the next copy that a start may
   * already have made (under the same id, in {@link #rooms}) is left alone.
   */
  private void close(String roomId, Future<RoomVerticle> entry, RoomVerticle room) {
    Future<?> closed = owner.back(room.closeIfEmpty()).compose(isClosed -> {
      owner.check("rooms");
      if (!isClosed || !rooms.remove(roomId, entry)) {
        if (rooms.get(roomId) == entry) {
          emptySince.remove(roomId);
        }
        return Future.succeededFuture();
      }
      emptySince.remove(roomId);
      return undeploy(room).compose(v -> owner.back(placement.forget(roomId)));
    });
    closing(roomId, closed);
  }

  /** The room's verticle goes (if it was deployed at all); completes on the manager's loop. */
  private Future<Void> undeploy(RoomVerticle room) {
    owner.check("deployments");
    String deployment = deployments.remove(room);
    return deployment == null ? Future.succeededFuture()
        : owner.back(vertx.undeploy(deployment));
  }

  /**
   * {@code roomId} is closing until {@code closed} completes, and until every close of it
   * that was already under way (a move during a close) completes too: a new start waits for
   * all of them.
   */
  private <T> Future<T> closing(String roomId, Future<T> closed) {
    owner.check("closing");
    Future<T> here = owner.back(closed);
    Future<?> before = closing.get(roomId);
    Future<?> all = before == null ? here : owner.back(Future.join(before, here));
    closing.put(roomId, all);
    all.onComplete(done -> {
      owner.check("closing");
      closing.remove(roomId, all);
    });
    return here;
  }
}
