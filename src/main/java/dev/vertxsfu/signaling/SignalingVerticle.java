package dev.vertxsfu.signaling;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.BusCodecs;
import dev.vertxsfu.bus.BusRequest;
import dev.vertxsfu.cluster.Clustering;
import dev.vertxsfu.cluster.NodeConnections;
import dev.vertxsfu.cluster.RoomPlacement;
import dev.vertxsfu.config.AdminConfig;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.config.SfuConfig.ConnectionLimits;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The node's HTTP front: {@code GET /ws}, the signaling WebSocket of docs/protocol.md; the web
 * client from the class-path folder {@code webroot/} at {@code /}; {@code GET /health}
 * (liveness) and {@code GET /ready} (readiness: 503 once the node drains) for load balancers
 * and Kubernetes probes, open to all and silent about rooms; {@code GET /cluster}, placement's
 * view (nodes' loads, rooms' nodes), {@code GET /metrics} and the stats API under
 * {@code /stats/rooms} ({@link StatsApi}) for operators holding {@code admin.token}
 * ({@link AdminGuard}; off without one).
 *
 * <p>Deployed by {@code Main}, possibly as several instances that share the port (Vert.x
 * balances connections between them). Each accepted socket becomes a {@link ClientConnection}
 * that lives on the event loop of the instance that accepted it. Holds no media state: rooms
 * are reached over the event bus only. When a node leaves the cluster
 * ({@link dev.vertxsfu.bus.BusAddresses#NODE_LEFT}), the clients whose room ran there hear
 * {@code room_moved}. Draining closes every socket with 1012 and refuses new ones. The server is started in {@link #start()} and closed
 * with the verticle.
 */
public final class SignalingVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(SignalingVerticle.class.getName());
  /**
   * Vert.x's own WebSocket frame and message limits: well above the protocol's 64 KiB, so a
   * message from 64 KiB to 1 MiB reaches {@link ProtocolMessages} and is answered with
   * {@code bad_request}. A frame or message past this one is not read at all: the socket is
   * closed with 1009 (Message Too Big, PROTOCOL.md extensions), since buffering it only to
   * refuse it is what a limit must avoid.
   */
  static final int WEBSOCKET_LIMIT_BYTES = 1024 * 1024;
  /** How long a room may take to answer a client message. */
  static final long ROOM_REQUEST_TIMEOUT_MILLIS = BusRequest.DEFAULT_TIMEOUT_MILLIS;

  private final SfuConfig config;
  private final AdminConfig admin;
  /** Serves {@code GET /metrics} (the node's Prometheus metrics); null: no metrics. */
  private final Handler<RoutingContext> metrics;
  private final LongSupplier clockMillis;
  private final Supplier<StaticHandler> webClient;
  private final SecureRandom random = new SecureRandom();
  private final Set<ClientConnection> connections = new HashSet<>();
  private final FrontCounters counters = new FrontCounters();
  private ConnectionGate gate;
  private HttpServer server;
  private OriginPolicy origins;
  private JoinAuthenticator authenticator;
  private RoomLink rooms;
  private boolean draining;

  public SignalingVerticle(SfuConfig config) {
    this(config, AdminConfig.OFF);
  }

  /** A front whose operator endpoints ({@code /cluster}, {@code /metrics}) take this token. */
  public SignalingVerticle(SfuConfig config, AdminConfig admin) {
    this(config, admin, null);
  }

  /** The same, serving {@code metrics} at {@code /metrics} (behind the admin token). */
  public SignalingVerticle(SfuConfig config, AdminConfig admin,
      Handler<RoutingContext> metrics) {
    // The web client's files carry no version in their names: no long-lived browser caching.
    this(config, admin, metrics, () -> System.nanoTime() / 1_000_000,
        () -> StaticHandler.create("webroot").setCachingEnabled(false));
  }

  /** Tests pass their own clock (for the bad-frame window) and static files. */
  SignalingVerticle(SfuConfig config, LongSupplier clockMillis,
      Supplier<StaticHandler> webClient) {
    this(config, AdminConfig.OFF, null, clockMillis, webClient);
  }

  SignalingVerticle(SfuConfig config, AdminConfig admin, Handler<RoutingContext> metrics,
      LongSupplier clockMillis, Supplier<StaticHandler> webClient) {
    this.config = config;
    this.admin = admin;
    this.metrics = metrics;
    this.clockMillis = clockMillis;
    this.webClient = webClient;
  }

  @Override
  public Future<?> start() {
    origins = new OriginPolicy(config.signaling().allowedOrigins());
    authenticator = JoinAuthenticator.create(vertx, config.signaling());
    BusCodecs.register(vertx);
    rooms = new RoomLink(new BusRequest(vertx, ROOM_REQUEST_TIMEOUT_MILLIS),
        Clustering.nodeId(vertx));
    vertx.eventBus().<String>localConsumer(BusAddresses.NODE_LEFT,
        message -> onNodeLeft(message.body()));
    Router router = Router.router(vertx);
    router.get("/health").handler(ctx -> status(ctx, 200, "UP"));
    router.get("/ready").handler(ctx -> {
      if (draining) {
        status(ctx, 503, "DRAINING");
      } else {
        status(ctx, 200, "READY");
      }
    });
    AdminGuard guard = new AdminGuard(admin);
    router.get("/cluster").handler(guard).handler(ctx -> RoomPlacement.snapshot(vertx,
            Clustering.nodeId(vertx))
        .onSuccess(view -> ctx.response().putHeader("content-type", "application/json")
            .end(view.encode()))
        .onFailure(ctx::fail));
    if (metrics != null) {
      router.get("/metrics").handler(guard).handler(metrics);
    }
    new StatsApi(vertx).route(router, guard);
    router.get("/ws").handler(this::upgrade);
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(webClient.get());
    ConnectionLimits limits = config.signaling().limits();
    gate = new ConnectionGate(vertx, limits, counters);
    HttpServerOptions options = new HttpServerOptions()
        .setMaxWebSocketFrameSize(WEBSOCKET_LIMIT_BYTES)
        .setMaxWebSocketMessageSize(WEBSOCKET_LIMIT_BYTES)
        // Nothing flushed to the client for this long closes the connection, even one whose
        // close frame is stuck behind data its client never reads (Vert.x closes the channel
        // itself). A healthy WebSocket gets a ping well within it.
        .setWriteIdleTimeout(limits.idleTimeoutSeconds())
        // HTTP/1.1 only: without the h2c detection, a connection is set up (and reaches the
        // gate) when accepted, not only once it sent its first bytes.
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
    return vertx.createHttpServer(options)
        .connectionHandler(gate::onConnection)
        .requestHandler(request -> {
          gate.onRequest(request.connection()); // a complete request: no handshake timeout
          router.handle(request);
        })
        .listen(config.httpPort(), config.httpHost())
        .onSuccess(s -> server = s);
  }

  /** The port the server listens on (useful when the configuration asked for port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private void onNodeLeft(String nodeId) {
    long moved = List.copyOf(connections).stream().filter(c -> c.nodeLost(nodeId)).count();
    LOG.info(() -> "node " + nodeId + " left: " + moved + " of " + connections.size()
        + " clients here had their room there and were told it moved");
  }

  private static void status(RoutingContext ctx, int code, String status) {
    ctx.response().setStatusCode(code).putHeader("content-type", "application/json")
        .end(new JsonObject().put("status", status).encode());
  }

  /**
   * Closes every socket of this instance with 1012 (the clients reconnect, elsewhere when the
   * node drains). With {@code refuseNew}, the instance drains: {@code /ready} answers 503 and
   * new sockets are refused with 503. Completes once the close frames are on their way; on the
   * instance's loop.
   */
  public Future<Void> closeConnections(boolean refuseNew) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      draining |= refuseNew;
      List.copyOf(connections).forEach(ClientConnection::closeForDrain);
      done.complete();
    });
    return done.future();
  }

  /** A copy of this instance's counters, taken on its event loop. */
  public Future<FrontCounters> counters() {
    Promise<FrontCounters> copy = Promise.promise();
    context.runOnContext(v -> copy.complete(counters.copy()));
    return copy.future();
  }

  /** How many sockets this instance holds now (asked on its own event loop). */
  Future<Integer> connectionCount() {
    Promise<Integer> count = Promise.promise();
    context.runOnContext(v -> count.complete(connections.size()));
    return count.future();
  }

  /** Refuses an origin not allowed before the handshake (403), else accepts the socket. */
  private void upgrade(RoutingContext ctx) {
    if (draining) {
      ctx.response().setStatusCode(503).end();
      return;
    }
    if (!origins.allows(ctx.request().getHeader(HttpHeaders.ORIGIN))) {
      ctx.response().setStatusCode(403).end();
      return;
    }
    ConnectionGate.Admission admission = gate.onRequest(ctx.request().connection());
    ctx.request().toWebSocket()
        .onSuccess(socket -> accept(socket, admission))
        .onFailure(e -> {
          if (!ctx.response().headWritten()) {
            ctx.response().setStatusCode(400).end();
          }
        });
  }

  private void accept(ServerWebSocket socket, ConnectionGate.Admission admission) {
    ClientConnection connection = new ClientConnection(socket, newClientId(), vertx, rooms,
        authenticator, clockMillis, config.signaling().limits(), counters, closed -> {
          if (admission != null) {
            admission.release();
          }
          connections.remove(closed);
          publishConnectionCount();
        }, config.signaling().maxRequestsBeforeJoin());
    connections.add(connection);
    publishConnectionCount();
    connection.start();
  }

  @Override
  public Future<?> stop() throws Exception {
    NodeConnections.forget(vertx, connectionCountKey());
    return super.stop();
  }

  private String connectionCountKey() {
    return deploymentID() + "#" + System.identityHashCode(this);
  }

  /** The sockets all signaling fronts of {@code vertx}'s node hold now. Any thread. */
  public static int connectionsOnNode(Vertx vertx) {
    return NodeConnections.total(vertx);
  }

  /**
   * The node's load counts the sockets its fronts hold (a room is better placed elsewhere):
   * each instance keeps its count in a node-local map the room manager adds up.
   */
  private void publishConnectionCount() {
    NodeConnections.publish(vertx, connectionCountKey(), connections.size());
  }

  /** 16 url-safe random characters (96 bits). */
  private String newClientId() {
    byte[] bytes = new byte[12];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
