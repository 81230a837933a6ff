package dev.vertxsfu.room;

import dev.vertxsfu.media.dtls.DtlsTransport;
import dev.vertxsfu.media.negotiation.ReceivedTrack;
import dev.vertxsfu.media.router.Consumer;
import dev.vertxsfu.media.router.ConsumerLayer;
import dev.vertxsfu.media.router.Producer;
import dev.vertxsfu.media.router.Router;
import dev.vertxsfu.media.transport.WebRtcTransport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The room's answers to the stats API (README, "Stats API"; in the manner of mediasoup's
 * {@code getStats} and Jitsi's colibri stats): the room's summary, and one client's transport
 * (ICE tuple, ICE and DTLS states, the estimate toward it), producers (per layer: bitrate,
 * packets, loss, jitter, key frames, size) and consumers (layer, packets, NACKs, PLIs, FIRs).
 *
 * <p>Read-only over what the room owns, on the room's event loop ({@link RoomVerticle} calls it
 * from its stats consumer). Every list is bounded: by the room's own limits, and again by
 * {@link #MAX_LISTED}, past which it is cut and {@code truncated} says so.
 */
final class StatsReport {
  /** The most clients, producers or consumers one answer lists. */
  static final int MAX_LISTED = 500;

  private StatsReport() {}

  /** The room's summary: its clients with their states and track counts. */
  static JsonObject room(String roomId, Room room, int mediaPort, long uptimeMillis) {
    JsonArray clients = new JsonArray();
    int producers = 0;
    int consumers = 0;
    boolean truncated = false;
    for (Client client : room.clientsView()) {
      producers += client.published.size();
      consumers += client.receiving.size();
      if (clients.size() == MAX_LISTED) {
        truncated = true;
        continue;
      }
      clients.add(new JsonObject().put("clientId", client.id).put("name", client.name)
          .put("state", client.transport == null ? "new"
              : client.transport.state().protocolName())
          .put("producers", client.published.size())
          .put("consumers", client.receiving.size()));
    }
    return new JsonObject().put("room", roomId).put("uptimeSeconds", uptimeMillis / 1000)
        .put("mediaPort", mediaPort > 0 ? mediaPort : null)
        .put("clientCount", room.clientCount()).put("producerCount", producers)
        .put("consumerCount", consumers).put("clients", clients).put("truncated", truncated);
  }

  /** One client's transport, producers and consumers; {@code now} on the room's clock. */
  static JsonObject client(String roomId, Room room, Client client, int mediaPort, long now) {
    Router router = room.router();
    JsonArray producers = new JsonArray();
    boolean truncated = false;
    for (Map.Entry<String, ReceivedTrack> entry : client.published.entrySet()) {
      Producer producer = router.producer(TrackInfo.producerId(client.id, entry.getKey()));
      if (producers.size() == MAX_LISTED) {
        truncated = true;
        break;
      }
      producers.add(producer(entry.getKey(), entry.getValue(), client, producer, now));
    }
    JsonArray consumers = new JsonArray();
    long rttMillis = -1;
    for (String key : client.receiving.keySet()) {
      if (consumers.size() == MAX_LISTED) {
        truncated = true;
        break;
      }
      Consumer consumer = router.consumer(key);
      consumers.add(consumer(key, client.producerOfKey.get(key), consumer));
      rttMillis = consumer == null ? rttMillis : Math.max(rttMillis, consumer.rttMillis());
    }
    return new JsonObject().put("room", roomId).put("clientId", client.id)
        .put("name", client.name)
        .put("transport", transport(client.transport, router, mediaPort, rttMillis))
        .put("producers", producers).put("consumers", consumers).put("truncated", truncated);
  }

  /**
   * {@code rttMillis}: the largest round-trip time the client's report blocks gave on the
   * streams it receives (RFC 3550 §6.4.1 against the SRs the SFU sent it), -1 when none did: a
   * client that only publishes has none, since as an ICE-lite agent the SFU sends no checks.
   */
  private static JsonObject transport(WebRtcTransport transport, Router router, int mediaPort,
      long rttMillis) {
    if (transport == null) {
      return new JsonObject().put("state", "new");
    }
    InetSocketAddress remote = transport.selectedTuple();
    JsonObject tuple = remote == null ? null : new JsonObject()
        .put("protocol", "udp").put("localPort", mediaPort > 0 ? mediaPort : null)
        .put("remoteAddress", remote.getAddress().getHostAddress())
        .put("remotePort", remote.getPort());
    DtlsTransport.Failure failure = transport.dtlsFailureKind();
    long estimate = router.estimateBps(transport);
    long allocated = router.allocatedBps(transport);
    return new JsonObject().put("id", transport.id())
        .put("state", transport.state().protocolName())
        .put("iceState", transport.iceState().name().toLowerCase(java.util.Locale.ROOT))
        .put("iceSelectedTuple", tuple)
        .put("iceRestarts", transport.iceRestarts())
        .put("dtlsState", transport.dtlsState().name().toLowerCase(java.util.Locale.ROOT))
        .put("dtlsFailure", failure == null ? null : new JsonObject()
            .put("reason", failure.label()).put("detail", transport.dtlsFailure()))
        .put("rttMillis", rttMillis >= 0 ? rttMillis : null)
        .put("availableOutgoingBitrate", estimate >= 0 ? estimate : null)
        .put("allocatedBitrate", allocated >= 0 ? allocated : null)
        .put("packetsReceived", transport.packetsReceived())
        .put("packetsDropped", transport.packetsDropped());
  }

  private static JsonObject producer(String trackId, ReceivedTrack track, Client client,
      Producer producer, long now) {
    JsonObject json = new JsonObject().put("trackId", trackId)
        .put("kind", track.kind().name().toLowerCase(java.util.Locale.ROOT))
        .put("mid", track.mid()).put("source", client.sources.get(trackId))
        .put("muted", client.muted.contains(trackId));
    if (producer == null) {
      return json.put("layers", new JsonArray());
    }
    JsonArray layers = new JsonArray();
    for (int spatial = 0; spatial < producer.streamCount(); spatial++) {
      long received = producer.packetsReceived(spatial);
      long lost = producer.packetsLost(spatial);
      layers.add(new JsonObject().put("spatial", spatial).put("rid", producer.rid(spatial))
          .put("ssrc", producer.ssrc(spatial)).put("active", producer.flowing(spatial))
          .put("bitrate", producer.bitrate(spatial, now))
          .put("packetsReceived", received).put("packetsLost", lost)
          .put("fractionLost", received + lost == 0 ? 0.0 : (double) lost / (received + lost))
          .put("jitterMillis", Math.round(producer.jitterMillis(spatial) * 10) / 10.0)
          .put("keyFrames", producer.keyFrames(spatial))
          .put("width", producer.width(spatial) > 0 ? producer.width(spatial) : null)
          .put("height", producer.height(spatial) > 0 ? producer.height(spatial) : null));
    }
    return json.put("layers", layers)
        .put("packetsRetransmitted", producer.packetsRetransmitted())
        .put("duplicatesDropped", producer.duplicatesDropped())
        .put("plisSent", producer.plisSent()).put("firsSent", producer.firsSent());
  }

  private static JsonObject consumer(String key, String producerId, Consumer consumer) {
    JsonObject json = new JsonObject().put("id", key).put("producerId", producerId);
    if (producerId != null) {
      int slash = producerId.indexOf('/');
      json.put("clientId", slash < 0 ? null : producerId.substring(0, slash))
          .put("trackId", slash < 0 ? producerId : producerId.substring(slash + 1));
    }
    if (consumer == null) {
      return json.put("negotiated", false);
    }
    ConsumerLayer layer = consumer.currentLayer();
    return json.put("negotiated", true)
        .put("kind", consumer.producer().parameters().isVideo() ? "video" : "audio")
        .put("started", consumer.started())
        .put("layer", layer.spatial() < 0 ? null : new JsonObject()
            .put("spatial", layer.spatial()).put("temporal", layer.temporal())
            .put("rid", layer.rid()).put("width", layer.width()).put("height", layer.height()))
        .put("packetsSent", consumer.packetsSent()).put("bytesSent", consumer.octetsSent())
        .put("nacksReceived", consumer.nacksReceived())
        .put("retransmissionsSent", consumer.nacksAnswered())
        .put("plisReceived", consumer.plisReceived()).put("firsReceived", consumer.firsReceived())
        .put("rttMillis", consumer.rttMillis() >= 0 ? consumer.rttMillis() : null);
  }
}
