package dev.vertxsfu.room;

import dev.vertxsfu.bus.RoomRequests;
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
 * A room's side of the bus contract ({@link dev.vertxsfu.bus.BusAddresses}): each request
 * carries one client's docs/protocol.md message; it becomes a call of the {@link Room}, and the
 * reply carries the response frame and the events the call caused for that client.
 *
 * <p>The signaling front has checked each message's shape already; the room checks the request
 * again ({@link BusRequestCheck}: sizes, the events address, that a joined client's requests come
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

  void handle(Message<JsonObject> request) {
    if (!offersWithoutSocket(request)) {
      serve(request);
      return;
    }
    mediaSocket.get().onComplete(ready -> {
      if (ready.succeeded()) {
        serve(request);
      } else if (ready.cause() instanceof RoomException refusal) {
        request.fail(RoomRequests.FAILURE_CODE,
            RoomRequests.failure(refusal.code(), refusal.getMessage()));
      } else {
        request.fail(RoomRequests.FAILURE_CODE,
            RoomRequests.failure("unavailable", String.valueOf(ready.cause())));
      }
    });
  }

  /** Whether this is a joined client's offer while the room has no socket (no port) yet. */
  private boolean offersWithoutSocket(Message<JsonObject> request) {
    if (room.hasSocket()) {
      return false;
    }
    try {
      JsonObject body = request.body();
      return "offer".equals(body.getJsonObject("message").getString("type"))
          && listeners.containsKey(body.getString("clientId"));
    } catch (RuntimeException e) {
      return false; // malformed: serve() refuses it
    }
  }

  private void serve(Message<JsonObject> request) {
    JsonArray events = new JsonArray();
    BusClientListener requester = null;
    String joining = null;
    try {
      JsonObject body = request.body();
      BusRequestCheck.envelope(body);
      String clientId = body.getString("clientId");
      JsonObject message = body.getJsonObject("message");
      String type = message.getString("type");
      BusRequestCheck.sameFront(clientId, fronts.get(clientId), body.getString("front"));
      if ("join".equals(type) && !listeners.containsKey(clientId)) {
        BusRequestCheck.join(message);
        listeners.put(clientId, new BusClientListener(bus, body.getString("events")));
        fronts.put(clientId, body.getString("front", ""));
        joining = clientId; // forgotten again if the join is refused
      }
      requester = listeners.get(clientId);
      if (requester == null) {
        throw new RoomException(RoomRequests.DISCONNECT.equals(type) ? "not_found" : "not_joined",
            "client " + clientId + " has not joined this room");
      }
      requester.collect(events);
      JsonObject reply = room.call(() -> dispatch(clientId, type, message));
      room.flush();
      request.reply(RoomRequests.reply(reply, events));
    } catch (RoomException e) {
      room.flush();
      if (joining != null) {
        forget(joining);
      }
      request.fail(RoomRequests.FAILURE_CODE, RoomRequests.failure(e.code(), e.getMessage()));
    } catch (RuntimeException e) {
      room.flush();
      request.fail(RoomRequests.FAILURE_CODE,
          RoomRequests.failure("bad_request", "malformed request: " + e.getMessage()));
    } catch (Exception e) {
      room.flush();
      request.fail(RoomRequests.FAILURE_CODE, RoomRequests.failure("internal", e.toString()));
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
      case RoomRequests.DISCONNECT -> {
        room.leave(clientId, now);
        forget(clientId);
        return null;
      }
      default -> throw new RoomException("bad_request", "unknown message type " + type);
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
