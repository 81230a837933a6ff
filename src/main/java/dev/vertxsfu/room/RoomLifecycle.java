package dev.vertxsfu.room;

import dev.vertxsfu.media.dtls.DtlsTransport;
import dev.vertxsfu.media.transport.TransportState;
import dev.vertxsfu.media.transport.WebRtcTransport;
import java.util.HashMap;
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
 * for the join-to-connected histogram ({@link #takeJoinToConnected}).
 *
 * <p>Owned by the {@link Room}, called on the room's event loop only. Holds one entry per client
 * of the room (removed when it leaves), so it grows no further than the room.
 */
final class RoomLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger("dev.vertxsfu.room.Room");
  /** Join-to-connected times kept between two samples at most; older ones are dropped. */
  static final int MAX_PENDING_TIMES = 1024;

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
  private long[] joinToConnected = new long[16];
  private int pendingTimes;

  RoomLifecycle(String roomId) {
    this.roomId = roomId;
  }

  void roomStarted() {
    LOG.atInfo().addKeyValue("room", roomId).log("room started");
  }

  void roomClosed(int clients) {
    LOG.atInfo().addKeyValue("room", roomId).log("room closed with {} clients", clients);
  }

  void clientJoined(String clientId, int clientsNow, long now) {
    clients.put(clientId, new Entry(now));
    LOG.atInfo().addKeyValue("room", roomId).addKeyValue("client", clientId)
        .log("client joined ({} in the room)", clientsNow);
  }

  void clientLeft(String clientId, int clientsNow) {
    clients.remove(clientId);
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
          addJoinToConnected(took);
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
          line.log("DTLS failed: {}", transport.dtlsFailure());
        } else {
          line.log("ICE failed");
        }
      }
      case CLOSED -> line.log("transport closed");
      default -> line.log("transport {}", state.protocolName());
    }
  }

  private void addJoinToConnected(long millis) {
    if (pendingTimes == MAX_PENDING_TIMES) {
      return;
    }
    if (pendingTimes == joinToConnected.length) {
      joinToConnected = java.util.Arrays.copyOf(joinToConnected, pendingTimes * 2);
    }
    joinToConnected[pendingTimes++] = millis;
  }

  /** The join-to-connected times (milliseconds) since the last call, and forgets them. */
  long[] takeJoinToConnected() {
    long[] taken = java.util.Arrays.copyOf(joinToConnected, pendingTimes);
    pendingTimes = 0;
    return taken;
  }
}
