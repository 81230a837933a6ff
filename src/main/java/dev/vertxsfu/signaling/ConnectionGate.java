package dev.vertxsfu.signaling;

import dev.vertxsfu.config.SfuConfig.ConnectionLimits;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.shareddata.LocalMap;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Admits the TCP connections of one {@link SignalingVerticle} instance: refuses one from an
 * address that already holds {@code http.max-connections-per-ip} on the node, and closes one
 * that has not sent a complete HTTP request {@code http.handshake-timeout-seconds} after it
 * was accepted (a stranger's idle or slowloris connection must not hold a file descriptor).
 *
 * <p>Called on the instance's event loop (the HTTP server's connection and request handlers
 * and the sockets' close handlers run there); its map is that loop's. The per-address counts
 * are node-wide, in a Vert.x local map shared by every instance, updated atomically with
 * {@code merge}/{@code computeIfPresent}; an address's entry goes when its count reaches 0,
 * so the map holds only the addresses connected now.
 */
final class ConnectionGate {
  private static final Logger LOG = Logger.getLogger(ConnectionGate.class.getName());
  /** Node-local map: the TCP connections each remote address holds on the node. */
  static final String PER_IP_MAP = "sfu.signaling-connections-per-ip";

  private final Vertx vertx;
  private final ConnectionLimits limits;
  private final FrontCounters counters;
  private final LocalMap<String, Integer> perIp;
  /** The connections of this instance not yet closed, with their admission. */
  private final Map<HttpConnection, Admission> admitted = new HashMap<>();

  ConnectionGate(Vertx vertx, ConnectionLimits limits, FrontCounters counters) {
    this.vertx = vertx;
    this.limits = limits;
    this.counters = counters;
    this.perIp = vertx.sharedData().getLocalMap(PER_IP_MAP);
  }

  /**
   * One admitted connection: its place in the per-address count, given back once, whichever
   * of the HTTP connection or its WebSocket reports the close.
   */
  final class Admission {
    private final HttpConnection connection;
    private final String address;
    private long handshakeTimer;
    private boolean released;

    private Admission(HttpConnection connection, String address) {
      this.connection = connection;
      this.address = address;
    }

    void release() {
      if (released) {
        return;
      }
      released = true;
      vertx.cancelTimer(handshakeTimer);
      admitted.remove(connection);
      perIp.computeIfPresent(address, (ip, count) -> count <= 1 ? null : count - 1);
    }
  }

  /** A new TCP connection: counted, or closed at once when its address holds too many. */
  void onConnection(HttpConnection connection) {
    String address = connection.remoteAddress() == null ? "?"
        : connection.remoteAddress().hostAddress();
    int held = perIp.merge(address, 1, Integer::sum);
    if (limits.maxConnectionsPerIp() > 0 && held > limits.maxConnectionsPerIp()) {
      perIp.computeIfPresent(address, (ip, count) -> count <= 1 ? null : count - 1);
      counters.perIpRefusals++;
      LOG.fine(() -> address + " holds " + (held - 1) + " connections: one more refused");
      connection.close();
      return;
    }
    Admission admission = new Admission(connection, address);
    admitted.put(connection, admission);
    admission.handshakeTimer = vertx.setTimer(limits.handshakeTimeoutSeconds() * 1000L, id -> {
      counters.handshakeTimeouts++;
      connection.close();
    });
    connection.closeHandler(v -> admission.release());
  }

  /**
   * A request arrived complete on {@code connection}: no handshake timeout any more (the idle
   * timeout takes over). Returns its admission, for a WebSocket to release when it closes
   * (an upgraded connection's own close handler does not run); {@code null} if unknown.
   */
  Admission onRequest(HttpConnection connection) {
    Admission admission = admitted.get(connection);
    if (admission != null) {
      vertx.cancelTimer(admission.handshakeTimer);
    }
    return admission;
  }

  /** How many connections {@code address} holds on the node now. */
  static int heldBy(Vertx vertx, String address) {
    return vertx.sharedData().<String, Integer>getLocalMap(PER_IP_MAP).getOrDefault(address, 0);
  }
}
