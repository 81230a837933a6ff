package dev.vertxsfu.ops;

import dev.vertxsfu.room.IceTcpServer;
import dev.vertxsfu.room.RoomSampler;
import dev.vertxsfu.signaling.FrontCounters;
import dev.vertxsfu.signaling.SignalingVerticle;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Duration;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The node's Prometheus metrics (README, "Metrics"), served at {@code /metrics}: Vert.x's own
 * (HTTP server, event bus, pools; {@code vertx_*}) through vertx-micrometer-metrics, and the
 * SFU's ({@code sfu_*}): rooms, clients, producers and consumers by kind, packets and bytes
 * received and forwarded, drops by reason, NACKs and retransmissions, PLI/FIR received and
 * sent, ICE and DTLS failures by reason, DTLS handshake and join-to-connected times, the
 * subscribers' estimates and allocations, WebSocket connections, bad frames and closes.
 *
 * <p>Nothing here touches a room: each room samples its own plain counters once a second on its
 * loop and publishes the sample ({@link RoomSampler}); this class folds the samples into a
 * {@link RoomBoard} that the meters read at scrape time. The signaling fronts' counters are
 * copied once a second the same way. Made by {@code Main} before Vert.x (whose metrics it
 * provides), bound to the node by {@code SfuNode}; its meters may be read from any thread.
 */
public final class SfuMetrics {
  /** How often the fronts' counters are copied. */
  static final long FRONT_COPY_MILLIS = 1000;
  private static final List<String> FRONT_CLOSES =
      List.of("slow_reader", "bad_frame_rate", "too_big", "ping_timeout");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RoomBoard board = new RoomBoard();
  private volatile List<FrontCounters> fronts = List.of();
  /** The ICE-TCP port's last counters ({@link IceTcpServer#COUNTERS}); empty without one. */
  private volatile JsonObject iceTcp = new JsonObject();
  private final Timer joinToConnected;
  private final Timer dtlsHandshake;
  private final DistributionSummary subscriberEstimate;
  private final DistributionSummary subscriberAllocation;

  public SfuMetrics() {
    Gauge.builder("sfu.rooms", board, RoomBoard::rooms)
        .description("Rooms open on this node").register(registry);
    Gauge.builder("sfu.clients", board, RoomBoard::clients)
        .description("Clients in this node's rooms").register(registry);
    for (String kind : List.of("audio", "video")) {
      Gauge.builder("sfu.producers", board, b -> b.count("producers", kind)).tag("kind", kind)
          .description("Tracks clients publish").register(registry);
      Gauge.builder("sfu.consumers", board, b -> b.count("consumers", kind)).tag("kind", kind)
          .description("Tracks clients receive").register(registry);
    }
    counter("sfu.udp.datagrams.received", "udp_datagrams_received",
        "Datagrams the rooms' sockets received (STUN, DTLS, SRTP, SRTCP)");
    counter("sfu.udp.received.bytes", "udp_bytes_received",
        "Bytes of datagrams the rooms' sockets received");
    counter("sfu.rtp.packets.received", "rtp_packets_received",
        "RTP packets received from publishers (decrypted, of a known stream)");
    counter("sfu.rtx.packets.received", "rtx_packets_received",
        "RTX retransmissions received from publishers");
    counter("sfu.key.frames.received", "key_frames_received",
        "Key frames received from publishers");
    counter("sfu.rtp.packets.forwarded", "rtp_packets_forwarded",
        "RTP packets forwarded to subscribers");
    counter("sfu.rtp.forwarded.bytes", "rtp_bytes_forwarded",
        "Bytes of RTP forwarded to subscribers (before SRTP)");
    counter("sfu.retransmissions.sent", "retransmissions_sent",
        "Packets resent to subscribers because they NACKed them");
    FunctionCounter.builder("sfu.key.frame.requests.sent", board, b -> b.total("plis_sent"))
        .tag("type", "pli").description("Key-frame requests sent to publishers")
        .register(registry);
    FunctionCounter.builder("sfu.key.frame.requests.sent", board, b -> b.total("firs_sent"))
        .tag("type", "fir").description("Key-frame requests sent to publishers")
        .register(registry);
    for (String reason : List.of("srtp", "unknown_ssrc", "malformed", "unmatched_tuple",
        "send_failure", "shard_backlog")) {
      FunctionCounter.builder("sfu.packets.dropped", board, b -> b.total("dropped_" + reason))
          .tag("reason", reason)
          .description("Packets dropped: failed SRTP authentication or replay (srtp), unknown "
              + "SSRC, malformed, from an address no ICE check came from (unmatched_tuple), "
              + "refused by the socket (send_failure), or waiting in a full queue between a "
              + "room's loop and its send shard's (shard_backlog)")
          .register(registry);
    }
    counter("sfu.nacks.received", "nacks_received",
        "Lost packets subscribers NACKed (each sequence number a NACK names)");
    for (String type : List.of("pli", "fir")) {
      FunctionCounter.builder("sfu.key.frame.requests.received", board,
              b -> b.total(type + "s_received"))
          .tag("type", type)
          .description("Key-frame requests subscribers sent, relayed to publishers at most "
              + "once a second per layer (sfu_key_frame_requests_sent_total)")
          .register(registry);
    }
    for (String reason : List.of("consent_expired", "never_connected",
        "disconnected_timeout")) {
      FunctionCounter.builder("sfu.ice.failures", board, b -> b.total("ice_failures_" + reason))
          .tag("reason", reason)
          .description("Transports whose ICE failed: consent expired, or let go because they "
              + "never connected or stayed disconnected")
          .register(registry);
    }
    for (String reason : List.of("bad_certificate", "handshake_failure", "alert_received",
        "alert_sent", "timeout", "error")) {
      FunctionCounter.builder("sfu.dtls.failures", board, b -> b.total("dtls_failures_" + reason))
          .tag("reason", reason)
          .description("DTLS associations that failed, by reason (bad_certificate: the "
              + "certificate does not match a=fingerprint)")
          .register(registry);
    }
    dtlsHandshake = Timer.builder("sfu.dtls.handshake")
        .description("From the client's first DTLS record to the connected association")
        .serviceLevelObjectives(Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5))
        .register(registry);
    subscriberEstimate = DistributionSummary.builder("sfu.subscriber.estimate")
        .baseUnit("bps")
        .description("Each subscriber's send-side bandwidth estimate, sampled once a second")
        .serviceLevelObjectives(100e3, 300e3, 1e6, 2.5e6, 5e6, 10e6)
        .register(registry);
    subscriberAllocation = DistributionSummary.builder("sfu.subscriber.allocation")
        .baseUnit("bps")
        .description("What each subscriber's tracks were allocated together, sampled once a "
            + "second")
        .serviceLevelObjectives(100e3, 300e3, 1e6, 2.5e6, 5e6, 10e6)
        .register(registry);
    joinToConnected = Timer.builder("sfu.join.to.connected")
        .description("From a client's join to its transport's first connected state")
        .serviceLevelObjectives(Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(20))
        .register(registry);
    frontCounter("sfu.websocket.bad.frames", FrontCounters::badFrames, null, null,
        "Frames answered with bad_request before reaching a room");
    frontCounter("sfu.websocket.closes", FrontCounters::slowReaderCloses, "reason",
        FRONT_CLOSES.get(0), "WebSockets the node closed");
    frontCounter("sfu.websocket.closes", FrontCounters::badFrameRateCloses, "reason",
        FRONT_CLOSES.get(1), "WebSockets the node closed");
    frontCounter("sfu.websocket.closes", FrontCounters::tooBigCloses, "reason",
        FRONT_CLOSES.get(2), "WebSockets the node closed");
    frontCounter("sfu.websocket.closes", FrontCounters::pingTimeouts, "reason",
        FRONT_CLOSES.get(3), "WebSockets the node closed");
    frontCounter("sfu.http.connections.refused", FrontCounters::handshakeTimeouts, "reason",
        "handshake_timeout", "TCP connections the node closed or refused");
    frontCounter("sfu.http.connections.refused", FrontCounters::perIpRefusals, "reason",
        "per_ip_limit", "TCP connections the node closed or refused");
    for (String reason : IceTcpServer.CLOSE_REASONS) {
      FunctionCounter.builder("sfu.ice.tcp.connections.closed", this,
              m -> m.iceTcp.getLong(reason, 0L))
          .tag("reason", reason)
          .description("ICE-TCP connections the node closed (media.tcp-port)").register(registry);
    }
    FunctionCounter.builder("sfu.ice.tcp.connections.accepted", this,
            m -> m.iceTcp.getLong("handed_over", 0L))
        .description("ICE-TCP connections whose first check named a room's client")
        .register(registry);
  }

  private void counter(String name, String sampleCounter, String description) {
    FunctionCounter.builder(name, board, b -> b.total(sampleCounter))
        .description(description).register(registry);
  }

  private void frontCounter(String name, ToLongFunction<FrontCounters> read, String tag,
      String value, String description) {
    var builder = FunctionCounter.builder(name, this,
        m -> m.fronts.stream().mapToLong(read).sum()).description(description);
    if (tag != null) {
      builder.tag(tag, value);
    }
    builder.register(registry);
  }

  /** Vert.x's metrics options: on, into this registry ({@link #vertxMetricsFactory}). */
  public MetricsOptions vertxMetricsOptions() {
    return new MicrometerMetricsOptions().setEnabled(true);
  }

  public VertxMetricsFactory vertxMetricsFactory() {
    return new MicrometerMetricsFactory(registry);
  }

  /** The {@code /metrics} handler: the Prometheus text format. */
  public Handler<RoutingContext> scrapeHandler() {
    return PrometheusScrapingHandler.create(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Starts reading the node: the rooms' samples, the fronts' counters and WebSocket count.
   * Completes once the samples' consumer is registered.
   */
  public Future<Void> bind(Vertx vertx, List<SignalingVerticle> signalingFronts) {
    Gauge.builder("sfu.websocket.connections", vertx, SignalingVerticle::connectionsOnNode)
        .description("WebSockets open on this node").register(registry);
    vertx.setPeriodic(FRONT_COPY_MILLIS, id -> Future.all(
            signalingFronts.stream().map(SignalingVerticle::counters).toList())
        .onSuccess(all -> fronts = all.list()));
    vertx.eventBus().<JsonObject>localConsumer(IceTcpServer.COUNTERS,
        message -> iceTcp = message.body());
    return vertx.eventBus().<JsonObject>localConsumer(RoomSampler.ADDRESS,
        message -> onSample(message.body())).completion();
  }

  private void onSample(JsonObject sample) {
    board.onSample(sample);
    JsonArray times = sample.getJsonArray("joinToConnectedMillis");
    for (int i = 0; times != null && i < times.size(); i++) {
      joinToConnected.record(Duration.ofMillis(times.getLong(i)));
    }
    JsonArray handshakes = sample.getJsonArray("dtlsHandshakeMillis");
    for (int i = 0; handshakes != null && i < handshakes.size(); i++) {
      dtlsHandshake.record(Duration.ofMillis(handshakes.getLong(i)));
    }
    JsonArray estimates = sample.getJsonArray("subscriberEstimatesBps");
    for (int i = 0; estimates != null && i < estimates.size(); i++) {
      subscriberEstimate.record(estimates.getLong(i));
    }
    JsonArray allocations = sample.getJsonArray("subscriberAllocationsBps");
    for (int i = 0; allocations != null && i < allocations.size(); i++) {
      subscriberAllocation.record(allocations.getLong(i));
    }
  }
}
