package dev.vertxsfu.room;

import dev.vertxsfu.media.dtls.DtlsTransport;
import dev.vertxsfu.media.router.Consumer;
import dev.vertxsfu.media.router.Producer;
import dev.vertxsfu.media.router.Router;
import dev.vertxsfu.media.transport.WebRtcTransport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The room's metrics, sampled once a second on its loop and handed to the node
 * ({@link RoomVerticle} publishes the sample on {@link #ADDRESS}): how many clients, producers
 * and consumers it has now, and its counters since it started.
 *
 * <p>The counters stay what they are, plain fields of the objects that count them on the
 * room's loop (transports, producers, consumers, the router, the socket): the forwarding path
 * does not change. This class reads them at each sample and adds what each object counted since
 * its last sample to the room's totals, so a total never goes down when a client leaves (what an
 * object counted in the last second before it went is lost).
 *
 * <p>Owned by the {@link RoomVerticle}, on the room's event loop only. Remembers one entry per
 * live counted object: no more than the room holds.
 */
public final class RoomSampler {
  /** The node-local address samples go to, as JSON objects ({@code localOnly}). */
  public static final String ADDRESS = "sfu.local.room-samples";
  /**
   * The node-local address of the rooms' events for applications (JSON objects with
   * {@code event}, {@code room}, {@code createdAt}, and {@code client}, {@code track} where they
   * apply), which the webhooks send on.
   */
  public static final String EVENTS = "sfu.local.room-events";

  /** The counters of a sample's {@code counters} object, in this order. */
  public static final List<String> COUNTERS = List.of(
      "udp_datagrams_received", "udp_bytes_received",
      "rtp_packets_received", "rtx_packets_received", "key_frames_received",
      "rtp_packets_forwarded", "rtp_bytes_forwarded", "retransmissions_sent",
      "plis_sent", "firs_sent",
      "dropped_srtp", "dropped_unknown_ssrc", "dropped_malformed", "dropped_unmatched_tuple",
      "dropped_send_failure",
      "nacks_received", "plis_received", "firs_received",
      "ice_failures_consent_expired", "ice_failures_never_connected",
      "ice_failures_disconnected_timeout",
      "dtls_failures_bad_certificate", "dtls_failures_handshake_failure",
      "dtls_failures_alert_received", "dtls_failures_alert_sent", "dtls_failures_timeout",
      "dtls_failures_error", "dropped_shard_backlog");
  private static final int UDP_DATAGRAMS = 0;
  private static final int UDP_BYTES = 1;
  private static final int RTP_RECEIVED = 2;
  private static final int RTX_RECEIVED = 3;
  private static final int KEY_FRAMES = 4;
  private static final int FORWARDED = 5;
  private static final int FORWARDED_BYTES = 6;
  private static final int RETRANSMISSIONS = 7;
  private static final int PLIS = 8;
  private static final int FIRS = 9;
  private static final int DROPPED_SRTP = 10;
  private static final int DROPPED_UNKNOWN = 11;
  private static final int DROPPED_MALFORMED = 12;
  private static final int DROPPED_UNMATCHED = 13;
  private static final int DROPPED_SEND = 14;
  private static final int NACKS_RECEIVED = 15;
  private static final int PLIS_RECEIVED = 16;
  private static final int FIRS_RECEIVED = 17;
  private static final int ICE_FAILURES = 18;
  private static final int DTLS_FAILURES = ICE_FAILURES + RoomLifecycle.ICE_FAILURES.size();
  private static final int DROPPED_BACKLOG = DTLS_FAILURES + DtlsTransport.Failure.values().length;

  private final String roomId;
  private final long[] totals = new long[COUNTERS.size()];
  private Map<Object, long[]> last = new IdentityHashMap<>();
  private Map<Object, long[]> seen = new IdentityHashMap<>();

  RoomSampler(String roomId) {
    this.roomId = roomId;
  }

  /**
   * One sample: the room now, and its totals. {@code socket} may be null (no client holds
   * media), {@code shards} are its send shards (empty for none); {@code udp} are the room's own
   * datagram and byte counts, its shards' included.
   */
  JsonObject sample(Room room, MediaSocket socket, List<SendShard> shards, long udpDatagrams,
      long udpBytes, boolean closed) {
    int clients = 0;
    int[] producers = new int[2];
    int[] consumers = new int[2];
    JsonArray estimates = new JsonArray();
    JsonArray allocations = new JsonArray();
    Router router = room.router();
    for (Client client : room.clientsView()) {
      clients++;
      if (client.transport != null) {
        WebRtcTransport t = client.transport;
        add(t, DROPPED_SRTP, t.packetsDropped());
        long estimate = router.estimateBps(t);
        if (estimate >= 0) {
          estimates.add(estimate);
        }
        long allocated = router.allocatedBps(t);
        if (allocated >= 0) {
          allocations.add(allocated);
        }
      }
      for (String trackId : client.published.keySet()) {
        Producer p = router.producer(TrackInfo.producerId(client.id, trackId));
        if (p != null) {
          producers[p.parameters().isVideo() ? 1 : 0]++;
          add(p, RTP_RECEIVED, p.packetsReceived(), RTX_RECEIVED, p.packetsRetransmitted(),
              KEY_FRAMES, p.keyFrames(), PLIS, p.plisSent(), FIRS, p.firsSent());
        }
      }
      for (String key : client.receiving.keySet()) {
        Consumer c = router.consumer(key);
        if (c != null) {
          consumers[c.producer().parameters().isVideo() ? 1 : 0]++;
          add(c, FORWARDED, c.packetsSent(), FORWARDED_BYTES, c.octetsSent(),
              RETRANSMISSIONS, c.nacksAnswered(), NACKS_RECEIVED, c.nacksReceived(),
              PLIS_RECEIVED, c.plisReceived(), FIRS_RECEIVED, c.firsReceived());
        }
      }
    }
    add(router, DROPPED_UNKNOWN, router.unknownPackets(), DROPPED_MALFORMED,
        router.malformedPackets());
    add(room.server(), DROPPED_UNMATCHED, room.server().unmatchedPackets(), DROPPED_MALFORMED,
        room.server().malformedPackets());
    if (socket != null) {
      add(socket, DROPPED_SEND, socket.sendFailures());
    }
    for (SendShard shard : shards) {
      add(shard, DROPPED_SEND, shard.sendFailures(), DROPPED_BACKLOG, shard.backlogDrops());
    }
    add(this, UDP_DATAGRAMS, udpDatagrams, UDP_BYTES, udpBytes);
    RoomLifecycle lifecycle = room.lifecycle();
    long[] failures = new long[2 * (RoomLifecycle.ICE_FAILURES.size()
        + DtlsTransport.Failure.values().length)];
    int at = 0;
    for (int i = 0; i < RoomLifecycle.ICE_FAILURES.size(); i++, at += 2) {
      failures[at] = ICE_FAILURES + i;
      failures[at + 1] = lifecycle.iceFailures(i);
    }
    for (DtlsTransport.Failure kind : DtlsTransport.Failure.values()) {
      failures[at] = DTLS_FAILURES + kind.ordinal();
      failures[at + 1] = lifecycle.dtlsFailures(kind);
      at += 2;
    }
    add(lifecycle, failures);
    Map<Object, long[]> gone = last;
    last = seen;
    seen = gone;
    seen.clear();
    JsonObject counters = new JsonObject();
    for (int i = 0; i < totals.length; i++) {
      counters.put(COUNTERS.get(i), totals[i]);
    }
    JsonArray joinTimes = new JsonArray();
    for (long millis : lifecycle.takeJoinToConnected()) {
      joinTimes.add(millis);
    }
    JsonArray handshakes = new JsonArray();
    for (long millis : lifecycle.takeDtlsHandshakes()) {
      handshakes.add(millis);
    }
    return new JsonObject().put("room", roomId).put("closed", closed).put("clients", clients)
        .put("producers", new JsonObject().put("audio", producers[0]).put("video", producers[1]))
        .put("consumers", new JsonObject().put("audio", consumers[0]).put("video", consumers[1]))
        .put("counters", counters).put("joinToConnectedMillis", joinTimes)
        .put("dtlsHandshakeMillis", handshakes)
        .put("subscriberEstimatesBps", estimates).put("subscriberAllocationsBps", allocations);
  }

  /**
   * A sample of no room that only adds {@code deltas} (counter name to what was counted since
   * the last such sample) to the node's totals: marked {@code closed}, it leaves no open room
   * behind. The node's shared media ports ({@link SharedMediaPorts}) report what they dropped
   * before any room saw it this way.
   */
  static JsonObject totalsOnly(String source, Map<String, Long> deltas) {
    JsonObject counters = new JsonObject();
    for (String counter : COUNTERS) {
      counters.put(counter, deltas.getOrDefault(counter, 0L));
    }
    JsonObject none = new JsonObject().put("audio", 0).put("video", 0);
    return new JsonObject().put("room", source).put("closed", true).put("clients", 0)
        .put("producers", none).put("consumers", none.copy()).put("counters", counters)
        .put("joinToConnectedMillis", new JsonArray());
  }

  /** Adds what {@code counted} counted since its last sample: pairs of (index, value). */
  private void add(Object counted, long... indexValue) {
    long[] before = last.get(counted);
    long[] now = new long[indexValue.length / 2];
    for (int i = 0; i < now.length; i++) {
      now[i] = indexValue[2 * i + 1];
      long delta = now[i] - (before == null ? 0 : before[i]);
      if (delta > 0) {
        totals[(int) indexValue[2 * i]] += delta;
      }
    }
    seen.put(counted, now);
  }
}
