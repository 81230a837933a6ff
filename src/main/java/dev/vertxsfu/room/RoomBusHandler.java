package dev.vertxsfu.room;

import dev.vertxsfu.bus.ClientRequest;
import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.bus.Refusal;
import dev.vertxsfu.bus.RoomReply;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A room's side of the bus contract ({@link dev.vertxsfu.bus.BusAddresses}): each
 * {@link ClientRequest} carries one client's docs/protocol.md message; it becomes a call of the
 * {@link Room}, and the {@link RoomReply} carries the response frame and the events the call
 * caused for that client. A refusal is a {@link Refusal}; a body that is not a
 * {@link ClientRequest} is refused with {@code bad_request}.
 *
 * <p>The signaling front has checked each message's shape already; the room checks the request
 * again ({@link BusRequestCheck}: sizes, that a joined client's requests come
 * from its own front), and what still does not fit is refused with {@code bad_request}, never
 * thrown. It remembers which node's signaling holds
 * each client's socket, so that when that node leaves the cluster the client is let go
 * ({@link #frontLost}). A client's first {@code offer} in a room that holds no UDP port waits
 * for the room to bind one ({@code mediaSocket}); when none is free it is refused with
 * {@code unavailable}. On the room's event loop.
 */
final class RoomBusHandler {
  private final Room room;
  private final EventBus bus;
  private final Supplier<Future<Void>> mediaSocket;
  private final IceServerList iceServers;
  private final Map<String, BusClientListener> listeners = new HashMap<>();
  /** clientId -> the node whose signaling front holds its socket. */
  private final Map<String, String> fronts = new HashMap<>();

  RoomBusHandler(Room room, EventBus bus, Supplier<Future<Void>> mediaSocket,
      IceServerList iceServers) {
    this.room = room;
    this.bus = bus;
    this.mediaSocket = mediaSocket;
    this.iceServers = iceServers;
  }

  void handle(Message<?> request) {
    if (!(request.body() instanceof ClientRequest body)) {
      new Refusal(ErrorCode.BAD_REQUEST, "a room takes ClientRequests").failOn(request);
      return;
    }
    if (!offersWithoutSocket(body)) {
      serve(request, body);
      return;
    }
    mediaSocket.get().onComplete(ready -> {
      if (ready.succeeded()) {
        serve(request, body);
      } else if (ready.cause() instanceof RoomException refusal) {
        refusal.refusal().failOn(request);
      } else {
        new Refusal(ErrorCode.UNAVAILABLE, String.valueOf(ready.cause())).failOn(request);
      }
    });
  }

  /** Whether this is a joined client's offer while the room has no socket (no port) yet. */
  private boolean offersWithoutSocket(ClientRequest body) {
    return !room.hasSocket() && "offer".equals(body.type()) && body.clientId() != null
        && listeners.containsKey(body.clientId());
  }

  private void serve(Message<?> request, ClientRequest body) {
    List<JsonObject> events = new ArrayList<>();
    BusClientListener requester = null;
    String joining = null;
    try {
      BusRequestCheck.envelope(body);
      String clientId = body.clientId();
      JsonObject message = body.message();
      String type = body.type();
      BusRequestCheck.sameFront(clientId, fronts.get(clientId), body.front());
      if ("join".equals(type) && !listeners.containsKey(clientId)) {
        BusRequestCheck.join(message);
        listeners.put(clientId, new BusClientListener(bus, body.eventsAddress()));
        fronts.put(clientId, body.front());
        joining = clientId; // forgotten again if the join is refused
      }
      requester = listeners.get(clientId);
      if (requester == null) {
        throw new RoomException(ClientRequest.DISCONNECT.equals(type) ? ErrorCode.NOT_FOUND
            : ErrorCode.NOT_JOINED, "client " + clientId + " has not joined this room");
      }
      requester.collect(events);
      JsonObject reply = room.call(() -> dispatch(clientId, type, message));
      room.flush();
      request.reply(new RoomReply(reply, events));
    } catch (RoomException e) {
      room.flush();
      if (joining != null) {
        forget(joining);
      }
      e.refusal().failOn(request);
    } catch (RuntimeException e) {
      room.flush();
      new Refusal(ErrorCode.BAD_REQUEST, "malformed request: " + e.getMessage()).failOn(request);
    } catch (Exception e) {
      room.flush();
      new Refusal(ErrorCode.INTERNAL, e.toString()).failOn(request);
    } finally {
      if (requester != null) {
        requester.stopCollecting();
      }
    }
  }

  private JsonObject dispatch(String clientId, String type, JsonObject message) {
    long now = RoomVerticle.now();
    switch (type) {
      case "join" -> {
        List<Client> present = room.join(clientId, message.getString("name", clientId),
            listeners.get(clientId));
        JsonArray clients = new JsonArray();
        present.forEach(c -> clients.add(new JsonObject().put("clientId", c.id)
            .put("name", c.name)));
        return new JsonObject().put("type", "joined").put("clientId", clientId)
            .put("room", message.getString("room"))
            .put("iceServers", iceServers.forClient(clientId))
            .put("clients", clients);
      }
      case "offer" -> {
        return new JsonObject().put("type", "answer")
            .put("sdp", room.offer(clientId, message.getString("sdp"), now));
      }
      case "answer" -> {
        room.answer(clientId, message.getString("sdp"), now);
        return null;
      }
      case "candidate" -> {
        JsonObject candidate = message.getJsonObject("candidate");
        room.addIceCandidate(clientId, candidate == null ? null : candidate.getString("candidate"));
        return null;
      }
      case "is_allow_renegotiation" -> {
        return new JsonObject().put("type", "is_allow_renegotiation")
            .put("allowed", room.isAllowRenegotiation(clientId, now));
      }
      case "tracks_added" -> {
        Map<String, String> sources = new LinkedHashMap<>();
        message.getJsonObject("tracks").forEach(e -> sources.put(e.getKey(), (String) e.getValue()));
        room.setTracksSourceType(clientId, sources);
        return ok();
      }
      case "subscribe_tracks" -> {
        room.subscribe(clientId, producerIds(message), now);
        return ok();
      }
      case "unsubscribe_tracks" -> {
        room.unsubscribe(clientId, producerIds(message), now);
        return ok();
      }
      case "mute_track" -> {
        room.muteTrack(clientId, message.getString("trackId"), message.getBoolean("muted"), now);
        return ok();
      }
      case "track_settings" -> {
        room.trackSettings(clientId, TrackSetting.fromJson(message.getJsonArray("tracks")), now);
        return ok();
      }
      case "room_message" -> {
        JsonArray to = message.getJsonArray("to", new JsonArray());
        List<String> recipients = new ArrayList<>();
        to.forEach(id -> recipients.add((String) id));
        room.sendMessage(clientId, message.getString("text"), recipients, now,
            System.currentTimeMillis());
        return ok();
      }
      case "leave" -> {
        room.leave(clientId, now);
        forget(clientId);
        return new JsonObject().put("type", "left");
      }
      case ClientRequest.DISCONNECT -> {
        room.leave(clientId, now);
        forget(clientId);
        return null;
      }
      default -> throw new RoomException(ErrorCode.BAD_REQUEST, "unknown message type " + type);
    }
  }

  /**
   * The node {@code nodeId} left the cluster: its clients' sockets are gone with it, and nobody
   * will send their {@code disconnect}. They leave as if they had; the others hear it.
   * Returns how many left.
   */
  int frontLost(String nodeId) {
    List<String> gone = fronts.entrySet().stream().filter(e -> e.getValue().equals(nodeId))
        .map(Map.Entry::getKey).toList();
    long now = RoomVerticle.now();
    for (String clientId : gone) {
      try {
        room.call(() -> {
          room.leave(clientId, now);
          return null;
        });
      } catch (Exception e) {
        // already gone from the room: nothing to undo
      }
      forget(clientId);
    }
    room.flush();
    return gone.size();
  }

  /** The client is no longer in the room: its events and front are forgotten. Idempotent. */
  void forget(String clientId) {
    listeners.remove(clientId);
    fronts.remove(clientId);
  }

  private static List<String> producerIds(JsonObject message) {
    List<String> ids = new ArrayList<>();
    for (Object track : message.getJsonArray("tracks")) {
      JsonObject json = (JsonObject) track;
      ids.add(TrackInfo.producerId(json.getString("clientId"), json.getString("trackId")));
    }
    return ids;
  }

  private static JsonObject ok() {
    return new JsonObject().put("type", "ok");
  }
}
