package dev.vertxsfu.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The node's typed configuration.
 *
 * <p>Read once by {@code Main} at start-up: the defaults in {@code conf/sfu.json} on the class
 * path, each overridable from the environment by its key upper-cased with dots turned into
 * underscores (dashes too) and the prefix {@code SFU_} ({@code http.port} becomes
 * {@code SFU_HTTP_PORT}, {@code media.min-port} becomes {@code SFU_MEDIA_MIN_PORT}).
 * Immutable, so it may be handed to any verticle.
 *
 * @param httpHost address the HTTP and WebSocket server binds
 * @param httpPort port of the HTTP and WebSocket server; 0 picks a free one
 * @param media where rooms open their UDP sockets and what they announce
 * @param signaling who may open a signaling WebSocket and join a room
 * @param rooms how rooms live on this node
 * @param cluster how this node finds the others
 * @param ice the STUN and TURN servers clients are told about in {@code joined}
 */
public record SfuConfig(String httpHost, int httpPort, MediaConfig media,
    SignalingConfig signaling, RoomsConfig rooms, ClusterConfig cluster, IceServersConfig ice) {

  /** A node that tells clients of no STUN or TURN server. */
  public SfuConfig(String httpHost, int httpPort, MediaConfig media, SignalingConfig signaling,
      RoomsConfig rooms, ClusterConfig cluster) {
    this(httpHost, httpPort, media, signaling, rooms, cluster, IceServersConfig.NONE);
  }

  /** A node with the given room settings, not clustered. */
  public SfuConfig(String httpHost, int httpPort, MediaConfig media, SignalingConfig signaling,
      RoomsConfig rooms) {
    this(httpHost, httpPort, media, signaling, rooms, ClusterConfig.STANDALONE);
  }

  /**
   * How nodes find each other (Hazelcast, through the Vert.x cluster manager).
   *
   * @param enabled whether the node joins a cluster at all (a single node runs clustered with
   *     itself by default, so the run command is what a cluster runs)
   * @param host the address Hazelcast binds and announces
   * @param port its port (the next ones are tried when taken)
   * @param members other members' addresses (host or host:port), for a fixed cluster
   * @param dns a headless Service's DNS name to discover members by (Kubernetes); wins over
   *     {@code members}
   * @param secret the secret every node of the cluster shares ({@code cluster.secret}): it
   *     names the Hazelcast cluster and keys the event bus's mutual TLS; empty on a node that
   *     runs alone makes it generate one (docs/threat-model.md)
   * @param busPort the event bus's TCP port between nodes; 0 picks a free one
   */
  public record ClusterConfig(boolean enabled, String host, int port, List<String> members,
      String dns, String secret, int busPort) {
    public static final ClusterConfig STANDALONE =
        new ClusterConfig(false, "127.0.0.1", 5701, List.of(), "", "", 0);

    public ClusterConfig {
      members = List.copyOf(members);
      secret = secret == null ? "" : secret;
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("cluster.port must be 1-65535, got " + port);
      }
      if (busPort < 0 || busPort > 65535) {
        throw new IllegalArgumentException("cluster.bus-port must be 0-65535, got " + busPort);
      }
    }

    /** Without a secret (one is generated) and with any free event bus port. */
    public ClusterConfig(boolean enabled, String host, int port, List<String> members,
        String dns) {
      this(enabled, host, port, members, dns, "", 0);
    }

    /** The same settings with {@code secret}. */
    public ClusterConfig withSecret(String secret) {
      return new ClusterConfig(enabled, host, port, members, dns, secret, busPort);
    }

    /** Whether other members are configured (a list or DNS), not only this node. */
    public boolean expectsOthers() {
      return !members.isEmpty() || !dns.isEmpty();
    }

    /** Keeps the secret out of logs. */
    @Override
    public String toString() {
      return "ClusterConfig[enabled=" + enabled + ", host=" + host + ", port=" + port
          + ", members=" + members + ", dns=" + dns + ", secret="
          + (secret.isEmpty() ? "(none)" : "(set)") + ", busPort=" + busPort + "]";
    }
  }

  /**
   * The STUN and TURN servers a node hands its clients in {@code joined.iceServers}
   * (docs/protocol.md), for clients that cannot reach the SFU's host candidate directly, such
   * as those behind a firewall that blocks UDP. The SFU itself never talks to them.
   *
   * @param urls {@code stun:}, {@code stuns:}, {@code turn:} and {@code turns:} URLs (RFC 7064,
   *     RFC 7065), from the comma-separated {@code ice.servers}
   * @param turnSecret the secret shared with the TURN servers (coturn's
   *     {@code static-auth-secret} with {@code use-auth-secret}): each client gets a username
   *     and credential derived from it; required when a URL is a TURN one
   * @param turnTtlSeconds how long a client's TURN credential may be used to open an allocation
   *     ({@code ice.turn-ttl-seconds}); coturn checks it when the allocation starts, so a call
   *     outlives it
   */
  public record IceServersConfig(List<String> urls, String turnSecret, int turnTtlSeconds) {
    /** No servers: clients use the SFU's host candidate only. */
    public static final IceServersConfig NONE = new IceServersConfig(List.of(), "", 86400);
    private static final List<String> SCHEMES = List.of("stun:", "stuns:", "turn:", "turns:");

    public IceServersConfig {
      urls = List.copyOf(urls);
      turnSecret = turnSecret == null ? "" : turnSecret;
      for (String url : urls) {
        if (SCHEMES.stream().noneMatch(url::startsWith) || url.length() <= url.indexOf(':') + 1) {
          throw new IllegalArgumentException(
              "ice.servers takes stun:, stuns:, turn: or turns: URLs, got " + url);
        }
        if (isTurn(url) && turnSecret.isEmpty()) {
          throw new IllegalArgumentException(
              "ice.servers has the TURN URL " + url + " but ice.turn-secret is empty");
        }
      }
      if (turnTtlSeconds < 1) {
        throw new IllegalArgumentException(
            "ice.turn-ttl-seconds must be positive, got " + turnTtlSeconds);
      }
    }

    /** Whether {@code url} names a TURN server (which needs credentials), not a STUN one. */
    public static boolean isTurn(String url) {
      return url.startsWith("turn:") || url.startsWith("turns:");
    }

    /** Keeps the secret out of logs. */
    @Override
    public String toString() {
      return "IceServersConfig[urls=" + urls + ", turnSecret="
          + (turnSecret.isEmpty() ? "(none)" : "(set)") + ", turnTtlSeconds=" + turnTtlSeconds
          + "]";
    }
  }

  /** A node with open signaling: any origin, no join tokens. */
  public SfuConfig(String httpHost, int httpPort, MediaConfig media) {
    this(httpHost, httpPort, media, SignalingConfig.OPEN);
  }

  /** A node with the default room settings. */
  public SfuConfig(String httpHost, int httpPort, MediaConfig media, SignalingConfig signaling) {
    this(httpHost, httpPort, media, signaling, RoomsConfig.DEFAULT);
  }

  /**
   * How rooms live on a node, and what one client may take of them (issue 11: a client that
   * could grow a room without bound could hurt everyone in it).
   *
   * @param emptyCloseSeconds how long a room stays open after its last client left
   * @param drainSeconds the longest a node drains on SIGTERM before it exits anyway
   * @param maxClients clients a room takes; the next {@code join} gets {@code room_full}
   * @param maxNameLength characters of a client's {@code name}
   * @param maxTracksPerClient tracks one client may publish at once
   * @param maxSubscriptionsPerClient tracks one client may receive at once (each is an m-line
   *     of about 1.1 KB in the SFU's offers: with its own tracks, a client's SDP must stay
   *     within docs/protocol.md's 64 KiB frame)
   * @param connectTimeoutSeconds how long a client's transport may take to connect after the
   *     SFU answered its first offer before the client is let go
   * @param disconnectTimeoutSeconds how long a connected transport may stay disconnected (no
   *     ICE consent) or failed before the client is let go
   * @param newRoomsPerMinutePerClient distinct rooms one client (socket) may ask for a minute
   * @param newRoomsPerMinutePerAddress distinct rooms the clients of one IP address may ask
   *     for a minute
   */
  public record RoomsConfig(int emptyCloseSeconds, int drainSeconds, int maxClients,
      int maxNameLength, int maxTracksPerClient, int maxSubscriptionsPerClient,
      int connectTimeoutSeconds, int disconnectTimeoutSeconds, int newRoomsPerMinutePerClient,
      int newRoomsPerMinutePerAddress) {
    public static final RoomsConfig DEFAULT = new RoomsConfig(30, 60, 500, 256, 8, 40, 15, 20,
        10, 120);

    /** The given closing and draining times, the other settings at their defaults. */
    public RoomsConfig(int emptyCloseSeconds, int drainSeconds) {
      this(emptyCloseSeconds, drainSeconds, DEFAULT.maxClients, DEFAULT.maxNameLength,
          DEFAULT.maxTracksPerClient, DEFAULT.maxSubscriptionsPerClient,
          DEFAULT.connectTimeoutSeconds, DEFAULT.disconnectTimeoutSeconds,
          DEFAULT.newRoomsPerMinutePerClient, DEFAULT.newRoomsPerMinutePerAddress);
    }

    public RoomsConfig {
      if (emptyCloseSeconds < 0) {
        throw new IllegalArgumentException("rooms.empty-close-seconds must not be negative");
      }
      if (drainSeconds < 0) {
        throw new IllegalArgumentException("rooms.drain-seconds must not be negative");
      }
      positive("rooms.max-clients", maxClients);
      positive("rooms.max-name-length", maxNameLength);
      positive("rooms.max-tracks-per-client", maxTracksPerClient);
      positive("rooms.max-subscriptions-per-client", maxSubscriptionsPerClient);
      positive("rooms.connect-timeout-seconds", connectTimeoutSeconds);
      positive("rooms.disconnect-timeout-seconds", disconnectTimeoutSeconds);
      positive("rooms.new-rooms-per-minute-per-client", newRoomsPerMinutePerClient);
      positive("rooms.new-rooms-per-minute-per-address", newRoomsPerMinutePerAddress);
    }

    private static void positive(String key, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(key + " must be at least 1, got " + value);
      }
    }
  }

  /**
   * The media plane's network settings, as configured; {@link MediaAddresses#resolve} turns
   * {@code auto} and the wildcard into what rooms bind and announce.
   *
   * @param bindHost the address rooms' UDP sockets bind ({@code media.bind-host}): by default
   *     the dual-stack wildcard {@code ::}; {@code 0.0.0.0} for IPv4 only, or one address
   * @param announced the addresses put into ICE candidates, the ones clients can reach
   *     ({@code media.announced-address}): {@code auto} (the default: every usable address of
   *     this machine), one address, or a comma-separated list
   * @param minPort the first UDP port a room may take (one port per room); 0 with
   *     {@code maxPort} 0 lets the system pick any free port
   * @param maxPort the last one
   * @param tcpPort the node's ICE-TCP port ({@code media.tcp-port}, RFC 6544 passive
   *     candidates, shared by every room of the node); 0 (the default) for none
   * @param udpPort single-port mode ({@code media.udp-port}) when not 0: the node binds this
   *     port and the next ones, one per event loop, shared by the rooms on that loop, instead
   *     of one port per room from the range; 0 (the default) keeps the range
   * @param bandwidthAllocation whether each subscriber's estimated bandwidth is spread over its
   *     video tracks ({@code media.bandwidth-allocation}, on by default): layers chosen to fit,
   *     videos paused and resumed with {@code track_paused}/{@code track_resumed}; off forwards
   *     what each subscriber asked whatever its link (the estimate and probes still run)
   * @param sendShards extra UDP sockets a room binds, each on another event loop, for the
   *     sends of a wide room ({@code media.send-shards}, docs/wide-room.md); 0 (the default)
   *     for none; port-range mode only
   * @param shardAfter how many clients stay on a room's own socket before new ones are spread
   *     over its shards ({@code media.shard-after})
   */
  public record MediaConfig(String bindHost, AnnouncedAddresses announced, int minPort,
      int maxPort, int tcpPort, int udpPort, boolean bandwidthAllocation, int sendShards,
      int shardAfter) {
    /** The most sockets a room may add: one per other event loop is what can help. */
    private static final int MAX_SEND_SHARDS = 16;
    /** Clients on a room's own socket before its shards take any (rooms of a few never do). */
    private static final int DEFAULT_SHARD_AFTER = 32;

    public MediaConfig {
      if (bindHost == null || bindHost.isBlank()) {
        throw new IllegalArgumentException("media.bind-host must not be empty (:: binds every "
            + "address, IPv4 and IPv6)");
      }
      bindHost = bindHost.trim();
      boolean anyPort = minPort == 0 && maxPort == 0;
      if (!anyPort && (minPort < 1 || maxPort > 65535 || minPort > maxPort)) {
        throw new IllegalArgumentException(
            "media ports must be a range within 1-65535, got " + minPort + "-" + maxPort);
      }
      if (tcpPort < 0 || tcpPort > 65535) {
        throw new IllegalArgumentException(
            "media.tcp-port must be 0 (no ICE-TCP) or a port, got " + tcpPort);
      }
      if (udpPort < 0 || udpPort > 65535) {
        throw new IllegalArgumentException(
            "media.udp-port must be 0 (off: one port per room) or a port, got " + udpPort);
      }
      if (sendShards < 0 || sendShards > MAX_SEND_SHARDS) {
        throw new IllegalArgumentException("media.send-shards must be 0-" + MAX_SEND_SHARDS
            + ", got " + sendShards);
      }
      if (sendShards > 0 && udpPort != 0) {
        throw new IllegalArgumentException("media.send-shards needs a port per room: it does "
            + "not work with media.udp-port (single-port mode)");
      }
      if (shardAfter < 0) {
        throw new IllegalArgumentException("media.shard-after must not be negative, got "
            + shardAfter);
      }
    }

    /** These settings without send shards (the default). */
    public MediaConfig(String bindHost, AnnouncedAddresses announced, int minPort, int maxPort,
        int tcpPort, int udpPort, boolean bandwidthAllocation) {
      this(bindHost, announced, minPort, maxPort, tcpPort, udpPort, bandwidthAllocation, 0,
          DEFAULT_SHARD_AFTER);
    }

    /** The same settings with {@code media.send-shards} and {@code media.shard-after}. */
    public MediaConfig withSendShards(int shards, int after) {
      return new MediaConfig(bindHost, announced, minPort, maxPort, tcpPort, udpPort,
          bandwidthAllocation, shards, after);
    }

    /** These settings with bandwidth allocation on (the default). */
    public MediaConfig(String bindHost, AnnouncedAddresses announced, int minPort, int maxPort,
        int tcpPort, int udpPort) {
      this(bindHost, announced, minPort, maxPort, tcpPort, udpPort, true);
    }

    /** The same settings, with {@code media.bandwidth-allocation} as given. */
    public MediaConfig withBandwidthAllocation(boolean on) {
      return new MediaConfig(bindHost, announced, minPort, maxPort, tcpPort, udpPort, on,
          sendShards, shardAfter);
    }

    /** Port-range mode, without ICE-TCP: one port per room. */
    public MediaConfig(String bindHost, AnnouncedAddresses announced, int minPort, int maxPort) {
      this(bindHost, announced, minPort, maxPort, 0, 0);
    }

    /** Settings with {@code announced} parsed as {@code media.announced-address} is. */
    public MediaConfig(String bindHost, String announced, int minPort, int maxPort) {
      this(bindHost, AnnouncedAddresses.parse(announced), minPort, maxPort, 0, 0);
    }

    /** The same settings with ICE-TCP on {@code tcpPort} (0: off). */
    public MediaConfig withTcpPort(int tcpPort) {
      return new MediaConfig(bindHost, announced, minPort, maxPort, tcpPort, udpPort,
          bandwidthAllocation, sendShards, shardAfter);
    }

    /** The same, with {@code media.udp-port}. */
    public MediaConfig(String bindHost, String announced, int minPort, int maxPort,
        int udpPort) {
      this(bindHost, AnnouncedAddresses.parse(announced), minPort, maxPort, 0, udpPort);
    }

    /** Whether rooms share one port per event loop ({@code media.udp-port} set). */
    public boolean singlePort() {
      return udpPort != 0;
    }
  }

  /**
   * The signaling front's admission settings.
   *
   * @param allowedOrigins the {@code Origin} values a WebSocket upgrade may carry, from the
   *     comma-separated {@code signaling.allowed-origins}; empty allows any origin
   * @param jwtSecret the HS256 key that signs join tokens ({@code signaling.jwt-secret});
   *     empty means joins need no token
   * @param maxRequestsBeforeJoin messages a socket may send in any 10 s while it is in no room
   *     ({@code signaling.max-requests-before-join}); one more is refused and closes it (1008)
   * @param limits how long and how much a connection may hold of the node
   */
  public record SignalingConfig(List<String> allowedOrigins, String jwtSecret,
      int maxRequestsBeforeJoin, ConnectionLimits limits) {
    /** Messages a socket may send in any 10 s before it has joined a room. */
    public static final int DEFAULT_MAX_REQUESTS_BEFORE_JOIN = 20;
    /** Any origin, no tokens, the default limits. */
    public static final SignalingConfig OPEN = new SignalingConfig(List.of(), "");

    /** With the default limit of requests before join. */
    public SignalingConfig(List<String> allowedOrigins, String jwtSecret) {
      this(allowedOrigins, jwtSecret, DEFAULT_MAX_REQUESTS_BEFORE_JOIN);
    }

    public SignalingConfig {
      allowedOrigins = List.copyOf(allowedOrigins);
      jwtSecret = jwtSecret == null ? "" : jwtSecret;
      if (maxRequestsBeforeJoin < 1) {
        throw new IllegalArgumentException(
            "signaling.max-requests-before-join must be at least 1, got " + maxRequestsBeforeJoin);
      }
      limits = limits == null ? ConnectionLimits.DEFAULT : limits;
    }

    /** With the default connection limits. */
    public SignalingConfig(List<String> allowedOrigins, String jwtSecret,
        int maxRequestsBeforeJoin) {
      this(allowedOrigins, jwtSecret, maxRequestsBeforeJoin, ConnectionLimits.DEFAULT);
    }

    /** With the default limit of requests before join. */
    public SignalingConfig(List<String> allowedOrigins, String jwtSecret,
        ConnectionLimits limits) {
      this(allowedOrigins, jwtSecret, DEFAULT_MAX_REQUESTS_BEFORE_JOIN, limits);
    }

    /** Parses {@code signaling.allowed-origins}: comma-separated, blanks ignored. */
    public static List<String> parseOrigins(String commaSeparated) {
      return Arrays.stream(commaSeparated.split(","))
          .map(String::trim)
          .filter(origin -> !origin.isEmpty())
          .toList();
    }

    /** Whether joins must carry a token. */
    public boolean requiresToken() {
      return !jwtSecret.isEmpty();
    }

    /** Keeps the secret out of logs. */
    @Override
    public String toString() {
      return "SignalingConfig[allowedOrigins=" + allowedOrigins + ", jwtSecret="
          + (requiresToken() ? "(set)" : "(none)") + ", maxRequestsBeforeJoin="
          + maxRequestsBeforeJoin + ", limits=" + limits + "]";
    }
  }

  /**
   * What one HTTP connection or WebSocket may hold of a node, and for how long (the node must
   * survive clients that never read, never speak, or vanish).
   *
   * @param handshakeTimeoutSeconds {@code http.handshake-timeout-seconds}: a TCP connection
   *     that has not sent a complete HTTP request this long after it was accepted is closed
   * @param idleTimeoutSeconds {@code http.idle-timeout-seconds}: a connection on which nothing
   *     was written (and so nothing flushed to the client) for this long is closed, whatever it
   *     has queued; WebSockets stay alive through the server's pings
   * @param maxConnectionsPerIp {@code http.max-connections-per-ip}: TCP connections one remote
   *     address may hold at once on this node; more are closed as they arrive. 0: no limit
   *     (behind a proxy or an Ingress, whose address every connection has)
   * @param pingIntervalSeconds {@code signaling.ping-interval-seconds}: how often the server
   *     pings each WebSocket
   * @param pongTimeoutSeconds {@code signaling.pong-timeout-seconds}: a WebSocket whose pong
   *     has not come this long after a ping is closed (1001)
   * @param maxWriteQueueBytes {@code signaling.max-write-queue-bytes}: the bytes of frames a
   *     WebSocket may have written but not yet flushed to its client; a frame past it closes
   *     the socket (1013)
   */
  public record ConnectionLimits(int handshakeTimeoutSeconds, int idleTimeoutSeconds,
      int maxConnectionsPerIp, int pingIntervalSeconds, int pongTimeoutSeconds,
      int maxWriteQueueBytes) {
    public static final ConnectionLimits DEFAULT =
        new ConnectionLimits(10, 60, 256, 20, 10, 1024 * 1024);

    public ConnectionLimits {
      positive(handshakeTimeoutSeconds, "http.handshake-timeout-seconds");
      positive(idleTimeoutSeconds, "http.idle-timeout-seconds");
      positive(pingIntervalSeconds, "signaling.ping-interval-seconds");
      positive(pongTimeoutSeconds, "signaling.pong-timeout-seconds");
      positive(maxWriteQueueBytes, "signaling.max-write-queue-bytes");
      if (maxConnectionsPerIp < 0) {
        throw new IllegalArgumentException("http.max-connections-per-ip must not be negative");
      }
      if (pingIntervalSeconds >= idleTimeoutSeconds) {
        throw new IllegalArgumentException("signaling.ping-interval-seconds must be shorter than"
            + " http.idle-timeout-seconds, or idle WebSockets are closed between pings");
      }
    }

    private static void positive(int value, String key) {
      if (value < 1) {
        throw new IllegalArgumentException(key + " must be at least 1, got " + value);
      }
    }
  }

  static final String DEFAULTS = "conf/sfu.json";

  /** The defaults from the class path, overridden by the process environment. */
  public static SfuConfig load() {
    return load(System.getenv());
  }

  /** The defaults from the class path, overridden by {@code env} (tests pass their own). */
  public static SfuConfig load(Map<String, String> env) {
    return from(defaults(), env);
  }

  /** The given defaults overridden by {@code env}; fails on a value of the wrong type. */
  public static SfuConfig from(JsonObject defaults, Map<String, String> env) {
    return new SfuConfig(
        string(defaults, env, "http.host"),
        integer(defaults, env, "http.port"),
        new MediaConfig(
            string(defaults, env, "media.bind-host"),
            string(defaults, env, "media.announced-address"),
            integer(defaults, env, "media.min-port"),
            integer(defaults, env, "media.max-port"),
            integer(defaults, env, "media.udp-port")).withTcpPort(
            integer(defaults, env, "media.tcp-port")).withBandwidthAllocation(
            bool(defaults, env, "media.bandwidth-allocation")).withSendShards(
            integer(defaults, env, "media.send-shards"),
            integer(defaults, env, "media.shard-after")),
        new SignalingConfig(
            SignalingConfig.parseOrigins(string(defaults, env, "signaling.allowed-origins")),
            string(defaults, env, "signaling.jwt-secret"),
            integer(defaults, env, "signaling.max-requests-before-join"),
            new ConnectionLimits(integer(defaults, env, "http.handshake-timeout-seconds"),
                integer(defaults, env, "http.idle-timeout-seconds"),
                integer(defaults, env, "http.max-connections-per-ip"),
                integer(defaults, env, "signaling.ping-interval-seconds"),
                integer(defaults, env, "signaling.pong-timeout-seconds"),
                integer(defaults, env, "signaling.max-write-queue-bytes"))),
        new RoomsConfig(integer(defaults, env, "rooms.empty-close-seconds"),
            integer(defaults, env, "rooms.drain-seconds"),
            integer(defaults, env, "rooms.max-clients"),
            integer(defaults, env, "rooms.max-name-length"),
            integer(defaults, env, "rooms.max-tracks-per-client"),
            integer(defaults, env, "rooms.max-subscriptions-per-client"),
            integer(defaults, env, "rooms.connect-timeout-seconds"),
            integer(defaults, env, "rooms.disconnect-timeout-seconds"),
            integer(defaults, env, "rooms.new-rooms-per-minute-per-client"),
            integer(defaults, env, "rooms.new-rooms-per-minute-per-address")),
        new ClusterConfig(bool(defaults, env, "cluster.enabled"), string(defaults, env, "cluster.host"),
            integer(defaults, env, "cluster.port"),
            SignalingConfig.parseOrigins(string(defaults, env, "cluster.members")),
            string(defaults, env, "cluster.dns"), string(defaults, env, "cluster.secret"),
            integer(defaults, env, "cluster.bus-port")),
        new IceServersConfig(
            SignalingConfig.parseOrigins(string(defaults, env, "ice.servers")),
            string(defaults, env, "ice.turn-secret"),
            integer(defaults, env, "ice.turn-ttl-seconds")));
  }

  static JsonObject defaults() {
    try (InputStream in = SfuConfig.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS + " is missing from the class path");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String envName(String key) {
    return "SFU_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  static String string(JsonObject defaults, Map<String, String> env, String key) {
    String fromEnv = env.get(envName(key));
    if (fromEnv != null) {
      return fromEnv;
    }
    Object value = lookup(defaults, key);
    if (!(value instanceof String)) {
      throw new IllegalArgumentException(key + " must be a string, got " + value);
    }
    return (String) value;
  }

  private static boolean bool(JsonObject defaults, Map<String, String> env, String key) {
    String fromEnv = env.get(envName(key));
    if (fromEnv != null) {
      if (!fromEnv.equals("true") && !fromEnv.equals("false")) {
        throw new IllegalArgumentException(envName(key) + " must be true or false, got " + fromEnv);
      }
      return Boolean.parseBoolean(fromEnv);
    }
    Object value = lookup(defaults, key);
    if (!(value instanceof Boolean)) {
      throw new IllegalArgumentException(key + " must be true or false, got " + value);
    }
    return (Boolean) value;
  }

  static int integer(JsonObject defaults, Map<String, String> env, String key) {
    String fromEnv = env.get(envName(key));
    if (fromEnv != null) {
      try {
        return Integer.parseInt(fromEnv.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(envName(key) + " must be an integer, got " + fromEnv);
      }
    }
    Object value = lookup(defaults, key);
    if (!(value instanceof Integer)) {
      throw new IllegalArgumentException(key + " must be an integer, got " + value);
    }
    return (Integer) value;
  }

  /** Follows a dotted key through nested objects: {@code http.port} is {@code {"http":{"port":..}}}. */
  private static Object lookup(JsonObject root, String key) {
    String[] path = key.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < path.length - 1; i++) {
      node = node.getJsonObject(path[i]);
      if (node == null) {
        return null;
      }
    }
    return node.getValue(path[path.length - 1]);
  }
}
