package dev.vertxsfu.signaling;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.BusCodecs;
import dev.vertxsfu.bus.ClientEvent;
import dev.vertxsfu.bus.ClientRequest;
import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.bus.Refusal;
import dev.vertxsfu.bus.RoomReply;
import dev.vertxsfu.bus.RoomStart;
import dev.vertxsfu.bus.RoomStarted;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the room manager and rooms on the bus ({@link BusAddresses}), answering as
 * the contract says, so the front's protocol can be tested without media. It records every
 * request for the test thread to read, as JSON: a {@link RoomStart} as {@code {roomId, clientId,
 * address}}, a {@link ClientRequest} as {@code {clientId, events, front, message}}.
 *
 * <p>Scripted answers: {@code join} gives {@code joined} and two events; {@code offer} gives
 * {@code answer}, or a refusal {@code not_allowed} when its sdp is {@code "refuse"};
 * {@code is_allow_renegotiation} gives {@code allowed: true}; the track messages give
 * {@code ok}; {@code leave} gives {@code left}; the rest gives no reply and one event
 * {@code candidate_seen} for {@code candidate}.
 */
final class FakeRoom {
  private final Vertx vertx;
  final BlockingQueue<JsonObject> startRequests = new LinkedBlockingQueue<>();
  final BlockingQueue<JsonObject> requests = new LinkedBlockingQueue<>();
  /** When set, the room sends this event to a joining client before it replies. */
  volatile JsonObject eventBeforeJoined;
  /** When set, the room manager refuses to start rooms. */
  volatile boolean refuseToStart;
  /** When set, rooms record requests but answer none (their node is gone). */
  volatile boolean silent;
  /** The node the room manager says runs every room. */
  static final String NODE = "fake-node";

  private FakeRoom(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Registers the room manager and the rooms {@code roomIds}. */
  static FakeRoom start(Vertx vertx, String... roomIds) {
    BusCodecs.register(vertx);
    FakeRoom room = new FakeRoom(vertx);
    List<Future<Void>> registered = new ArrayList<>();
    registered.add(vertx.eventBus().<RoomStart>consumer(BusAddresses.ROOMS, room::onStart)
        .completion());
    for (String roomId : roomIds) {
      registered.add(vertx.eventBus().<ClientRequest>consumer(BusAddresses.room(roomId),
          message -> room.onRequest(roomId, message)).completion());
    }
    Future.all(registered).await();
    return room;
  }

  /** The next request a room received; fails if none within five seconds. */
  JsonObject nextRequest() {
    try {
      JsonObject request = requests.poll(5, TimeUnit.SECONDS);
      if (request == null) {
        throw new AssertionError("no room request within 5 s");
      }
      return request;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * The next request a room received, which must be of {@code type}: a test names each request
   * it waits for, so one recorded earlier (the {@code join}) cannot stand in for a later one
   * that is still on its way.
   */
  JsonObject nextRequest(String type) {
    JsonObject request = nextRequest();
    String actual = request.getJsonObject("message").getString("type");
    if (!type.equals(actual)) {
      throw new AssertionError("expected a " + type + " request, the room got " + request);
    }
    return request;
  }

  private void onStart(Message<RoomStart> message) {
    RoomStart start = message.body();
    startRequests.add(new JsonObject().put("roomId", start.roomId())
        .put("clientId", start.clientId()).put("address", start.address()));
    if (refuseToStart) {
      new Refusal(ErrorCode.UNAVAILABLE, "no capacity").failOn(message);
    } else {
      message.reply(new RoomStarted(start.roomId(), NODE));
    }
  }

  /** A request as JSON, as it was on the bus before the typed contract. */
  static JsonObject json(ClientRequest request) {
    return new JsonObject().put("clientId", request.clientId())
        .put("events", request.eventsAddress()).put("front", request.front())
        .put("message", request.message());
  }

  private void onRequest(String roomId, Message<ClientRequest> request) {
    JsonObject body = json(request.body());
    requests.add(body);
    if (silent) {
      return;
    }
    String clientId = body.getString("clientId");
    JsonObject message = body.getJsonObject("message");
    String type = message.getString("type");
    switch (type) {
      case "join" -> {
        if (eventBeforeJoined != null) {
          vertx.eventBus().send(body.getString("events"), new ClientEvent(eventBeforeJoined));
        }
        request.reply(reply(
            new JsonObject().put("type", "joined").put("clientId", clientId).put("room", roomId)
                .put("iceServers", new JsonArray()).put("clients", new JsonArray()),
            new JsonArray()
                .add(new JsonObject().put("type", "tracks_available").put("tracks", new JsonArray()))
                .add(new JsonObject().put("type", "connection_state").put("state", "new"))));
      }
      case "offer" -> {
        if ("refuse".equals(message.getString("sdp"))) {
          new Refusal(ErrorCode.NOT_ALLOWED, "renegotiation in progress").failOn(request);
        } else {
          request.reply(reply(new JsonObject().put("type", "answer").put("sdp", "v=0 answer")));
        }
      }
      case "is_allow_renegotiation" -> request.reply(reply(
          new JsonObject().put("type", "is_allow_renegotiation").put("allowed", true)));
      case "tracks_added", "subscribe_tracks", "unsubscribe_tracks" ->
          request.reply(reply(new JsonObject().put("type", "ok")));
      case "leave" -> request.reply(reply(new JsonObject().put("type", "left")));
      case "candidate" -> request.reply(reply(null,
          new JsonArray().add(new JsonObject().put("type", "candidate_seen"))));
      default -> request.reply(reply(null, new JsonArray()));
    }
  }

  private static RoomReply reply(JsonObject reply) {
    return reply(reply, new JsonArray());
  }

  private static RoomReply reply(JsonObject reply, JsonArray events) {
    return new RoomReply(reply, events.stream().map(JsonObject.class::cast).toList());
  }
}
