package dev.vertxsfu.room;

import dev.vertxsfu.media.dtls.DtlsTransport;
import dev.vertxsfu.media.router.ConsumerLayer;
import dev.vertxsfu.media.transport.TransportState;
import dev.vertxsfu.media.transport.WebRtcTransport;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle lines of one room at info (README, "Logging"): room started and closed, client
 * joined and left, ICE connected and disconnected, DTLS connected or failed with the reason,
 * transport closed. Each carries the room's and the client's id as key-value pairs
 * ({@code room}, {@code client}), which the JSON encoder writes as fields of their own.
 *
 * <p>It also times each client from {@code join} to its transport's first {@code connected},
 * for the join-to-connected histogram ({@link #takeJoinToConnected}), and each DTLS handshake
 * ({@link #takeDtlsHandshakes}), and counts ICE and DTLS failures by reason
 * ({@link #iceFailures}, {@link #dtlsFailures}), for the metrics ({@link RoomSampler}).
 *
 * <p>Owned by the {@link Room}, called on the room's event loop only. Holds one entry per client
 * of the room (removed when it leaves), so it grows no further than the room.
 */
final class RoomLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vertxsfu.room.Room");
  /** Join-to-connected times kept between two samples at most; older ones are dropped. */
  static final int MAX_PENDING_TIMES = 1024;
  /**
   * Why a transport's ICE failed, as counted: consent expired (RFC 7675, the peer stopped
   * checking), or let go by the room's watch because it never connected or stayed
   * disconnected ({@link TransportWatch}).
   */
  static final List<String> ICE_FAILURES =
      List.of("consent_expired", "never_connected", "disconnected_timeout");
  private static final int CONSENT_EXPIRED = 0;
  private static final int NEVER_CONNECTED = 1;
  private static final int DISCONNECTED_TIMEOUT = 2;

  /** Times (ms) kept between two samples, at most {@link #MAX_PENDING_TIMES}. */
  private static final class PendingTimes {
    private long[] times = new long[16];
    private int size;

    void add(long millis) {
      if (size == MAX_PENDING_TIMES) {
        return;
      }
      if (size == times.length) {
        times = Arrays.copyOf(times, size * 2);
      }
      times[size++] = millis;
    }

    long[] take() {
      long[] taken = Arrays.copyOf(times, size);
      size = 0;
      return taken;
    }
  }

  /** What the room remembers of one client for its lines. */
  private static final class Entry {
    final long joinedAt;
    TransportState last = TransportState.NEW;
    boolean everConnected;

    Entry(long joinedAt) {
      this.joinedAt = joinedAt;
    }
  }

  private final String roomId;
  private final Map<String, Entry> clients = new HashMap<>();
  /** Where the room's events for applications go ({@link #EVENTS}); nowhere by default. */
  private java.util.function.Consumer<JsonObject> events = event -> { };
  private final PendingTimes joinToConnected = new PendingTimes();
  private final PendingTimes dtlsHandshakes = new PendingTimes();
  private final long[] iceFailures = new long[ICE_FAILURES.size()];
  private final long[] dtlsFailures = new long[DtlsTransport.Failure.values().length];

  RoomLifecycle(String roomId) {
    this.roomId = roomId;
  }

  /**
   * Sends the room's events for applications ({@code room_started}, {@code room_finished},
   * {@code client_joined}, {@code client_left}, {@code track_published},
   * {@code track_unpublished}) to {@code events}, which must return at once.
   */
  void onEvent(java.util.function.Consumer<JsonObject> events) {
    this.events = events;
  }

  private void event(String type, String clientId, JsonObject more) {
    JsonObject event = new JsonObject().put("event", type).put("room", roomId);
    if (clientId != null) {
      event.put("client", clientId);
    }
    if (more != null) {
      event.mergeIn(more);
    }
    events.accept(event.put("createdAt", System.currentTimeMillis()));
  }

  void roomStarted() {
    LOG.atInfo().addKeyValue("room", roomId).log("room started");
    event("room_started", null, null);
  }

  void roomClosed(int clients) {
    LOG.atInfo().addKeyValue("room", roomId).log("room closed with {} clients", clients);
    event("room_finished", null, null);
  }

  void trackPublished(String clientId, TrackInfo track) {
    LOG.atDebug().addKeyValue("room", roomId).addKeyValue("client", clientId)
        .log("track {} published ({})", track.trackId(), track.kind());
    event("track_published", clientId, new JsonObject().put("track", new JsonObject()
        .put("trackId", track.trackId()).put("kind", track.kind())));
  }

  void trackUnpublished(String clientId, TrackInfo track) {
    LOG.atDebug().addKeyValue("room", roomId).addKeyValue("client", clientId)
        .log("track {} unpublished", track.trackId());
    event("track_unpublished", clientId, new JsonObject().put("track", new JsonObject()
        .put("trackId", track.trackId()).put("kind", track.kind())));
  }

  /**
   * A subscriber's consumer ({@code consumerId}, "subscriber>publisher/track") switched to
   * {@code layer}: a decision, at debug.
   */
  void layerChanged(String consumerId, ConsumerLayer layer) {
    if (!LOG.isDebugEnabled()) {
      return;
    }
    int split = consumerId.indexOf('>');
    LOG.atDebug().addKeyValue("room", roomId)
        .addKeyValue("client", split < 0 ? consumerId : consumerId.substring(0, split))
        .log("layer of {} now spatial {} temporal {} ({}x{})", consumerId.substring(split + 1),
            layer.spatial(), layer.temporal(), layer.width(), layer.height());
  }

  /** A subscriber's congestion control paused or resumed a track: a decision, at debug. */
  void bandwidthPause(String consumerId, boolean paused) {
    int split = consumerId.indexOf('>');
    LOG.atDebug().addKeyValue("room", roomId)
        .addKeyValue("client", split < 0 ? consumerId : consumerId.substring(0, split))
        .log("{} {} for bandwidth", consumerId.substring(split + 1),
            paused ? "paused" : "resumed");
  }

  void clientJoined(String clientId, int clientsNow, long now) {
    event("client_joined", clientId, null);
    clients.put(clientId, new Entry(now));
    LOG.atInfo().addKeyValue("room", roomId).addKeyValue("client", clientId)
        .log("client joined ({} in the room)", clientsNow);
  }

  void clientLeft(String clientId, int clientsNow) {
    clients.remove(clientId);
    event("client_left", clientId, null);
    LOG.atInfo().addKeyValue("room", roomId).addKeyValue("client", clientId)
        .log("client left ({} in the room)", clientsNow);
  }

  /** The client's transport changed to {@code state} (after the change). */
  void transportState(String clientId, WebRtcTransport transport, TransportState state,
      long now) {
    Entry entry = clients.get(clientId);
    TransportState last = entry == null ? TransportState.NEW : entry.last;
    if (entry != null) {
      entry.last = state;
    }
    var line = LOG.atInfo().addKeyValue("room", roomId).addKeyValue("client", clientId);
    switch (state) {
      case CONNECTING -> line.log("ICE connected from {}", transport.selectedTuple());
      case CONNECTED -> {
        if (last == TransportState.DISCONNECTED) {
          line.log("ICE connected again from {}", transport.selectedTuple());
        } else if (entry != null && !entry.everConnected) {
          long took = now - entry.joinedAt;
          joinToConnected.add(took);
          if (transport.dtlsStartedMillis() >= 0) {
            dtlsHandshakes.add(now - transport.dtlsStartedMillis());
          }
          line.log("DTLS connected, {} ms after join", took);
        } else {
          line.log("DTLS connected");
        }
        if (entry != null) {
          entry.everConnected = true;
        }
      }
      case DISCONNECTED -> line.log("ICE disconnected (no consent from {})",
          transport.selectedTuple());
      case FAILED -> {
        if (transport.dtlsState() == DtlsTransport.State.FAILED) {
          DtlsTransport.Failure kind = transport.dtlsFailureKind();
          dtlsFailures[(kind == null ? DtlsTransport.Failure.ERROR : kind).ordinal()]++;
          line.addKeyValue("reason", kind == null ? "error" : kind.label())
              .log("DTLS failed: {}", transport.dtlsFailure());
        } else {
          iceFailures[CONSENT_EXPIRED]++;
          line.addKeyValue("reason", ICE_FAILURES.get(CONSENT_EXPIRED))
              .log("ICE failed: consent expired");
        }
      }
      case CLOSED -> line.log("transport closed");
      default -> line.log("transport {}", state.protocolName());
    }
  }

  /**
   * The room let the client go because its transport never connected, or stayed disconnected
   * ({@code wasConnected}), too long: counted as an ICE failure of that reason.
   */
  void transportTimedOut(String clientId, boolean wasConnected) {
    int reason = wasConnected ? DISCONNECTED_TIMEOUT : NEVER_CONNECTED;
    iceFailures[reason]++;
    LOG.atInfo().addKeyValue("room", roomId).addKeyValue("client", clientId)
        .addKeyValue("reason", ICE_FAILURES.get(reason))
        .log("client let go: its transport {}",
            wasConnected ? "stayed disconnected" : "never connected");
  }

  /** ICE failures so far, by {@link #ICE_FAILURES} index. */
  long iceFailures(int reason) {
    return iceFailures[reason];
  }

  /** DTLS failures so far of {@code kind}. */
  long dtlsFailures(DtlsTransport.Failure kind) {
    return dtlsFailures[kind.ordinal()];
  }

  /** The DTLS handshake times (ms) of first connections since the last call; forgets them. */
  long[] takeDtlsHandshakes() {
    return dtlsHandshakes.take();
  }

  /** The join-to-connected times (milliseconds) since the last call, and forgets them. */
  long[] takeJoinToConnected() {
    return joinToConnected.take();
  }
}
