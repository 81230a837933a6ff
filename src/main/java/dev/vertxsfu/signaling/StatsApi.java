package dev.vertxsfu.signaling;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.BusRequest;
import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.bus.RefusalException;
import dev.vertxsfu.bus.RoomStats;
import dev.vertxsfu.bus.StatsRequest;
import dev.vertxsfu.cluster.Clustering;
import dev.vertxsfu.cluster.RoomPlacement;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The stats API (README, "Stats API"), JSON over HTTP for operators holding the admin token:
 * <ul>
 *   <li>{@code GET /stats/rooms}: every room of the cluster (placement's view), each with its
 *       node and its summary, as its room answers it;
 *   <li>{@code GET /stats/rooms/{room}}: one room's summary: its clients, their states and
 *       track counts;
 *   <li>{@code GET /stats/rooms/{room}/clients/{client}}: one client's transport, producers and
 *       consumers.
 * </ul>
 * Any node answers for any room: the room's own verticle, wherever placement put it, answers a
 * {@link StatsRequest} at {@link BusAddresses#roomStats(String)} over the event bus, within
 * {@link #TIMEOUT_MILLIS}. A room placement does not know is 404, a room that does not answer
 * 503, a client the room does not have 404. The list asks at most {@link #MAX_ROOMS} rooms (by
 * id) and says {@code truncated} past that.
 *
 * <p>Made by each {@link SignalingVerticle} instance on its event loop; its handlers run there.
 * Holds nothing but its request helper.
 */
final class StatsApi {
  /** How long one room may take to answer. */
  static final long TIMEOUT_MILLIS = 3_000;
  /** The most rooms {@code /stats/rooms} asks. */
  static final int MAX_ROOMS = 200;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  private final Vertx vertx;
  private final BusRequest bus;

  StatsApi(Vertx vertx) {
    this.vertx = vertx;
    this.bus = new BusRequest(vertx, TIMEOUT_MILLIS);
  }

  /** Adds the routes to {@code router}, each behind {@code guard} (the admin token). */
  void route(Router router, AdminGuard guard) {
    router.get("/stats/rooms").handler(guard).handler(this::rooms);
    router.get("/stats/rooms/:room").handler(guard).handler(this::room);
    router.get("/stats/rooms/:room/clients/:client").handler(guard).handler(this::client);
  }

  private void rooms(RoutingContext ctx) {
    placement().onSuccess(rooms -> {
      List<Map.Entry<String, Object>> listed = new ArrayList<>(rooms.entrySet());
      boolean truncated = listed.size() > MAX_ROOMS;
      List<Future<JsonObject>> asked = listed.stream().limit(MAX_ROOMS)
          .map(entry -> summary(entry.getKey(), String.valueOf(entry.getValue()))).toList();
      Future.join(asked).onComplete(all -> {
        JsonArray list = new JsonArray();
        asked.forEach(future -> list.add(future.result()));
        json(ctx, 200, new JsonObject().put("node", Clustering.nodeId(vertx))
            .put("roomCount", rooms.size()).put("rooms", list).put("truncated", truncated));
      });
    }).onFailure(ctx::fail);
  }

  /** A room's summary with its node, or its node and why it gave none: never fails. */
  private Future<JsonObject> summary(String roomId, String node) {
    return bus.ask(BusAddresses.roomStats(roomId), StatsRequest.ofRoom(roomId), RoomStats.class)
        .map(stats -> stats.stats().copy().put("node", node))
        .otherwise(failure -> new JsonObject().put("room", roomId).put("node", node)
            .put("error", RefusalException.of(failure).code().wireName()));
  }

  private void room(RoutingContext ctx) {
    ask(ctx, ctx.pathParam("room"), null);
  }

  private void client(RoutingContext ctx) {
    String clientId = ctx.pathParam("client");
    if (!ID.matcher(clientId).matches()) {
      error(ctx, ErrorCode.BAD_REQUEST, "a client id is 1-128 of [A-Za-z0-9_.-]");
      return;
    }
    ask(ctx, ctx.pathParam("room"), clientId);
  }

  private void ask(RoutingContext ctx, String roomId, String clientId) {
    if (!ID.matcher(roomId).matches()) {
      error(ctx, ErrorCode.BAD_REQUEST, "a room id is 1-128 of [A-Za-z0-9_.-]");
      return;
    }
    placement().onSuccess(rooms -> {
      Object node = rooms.get(roomId);
      if (node == null) {
        error(ctx, ErrorCode.NOT_FOUND, "no room " + roomId + " in the cluster");
        return;
      }
      bus.ask(BusAddresses.roomStats(roomId), new StatsRequest(roomId, clientId),
              RoomStats.class)
          .onSuccess(stats -> json(ctx, 200, stats.stats().copy().put("node", node)))
          .onFailure(failure -> {
            RefusalException refused = RefusalException.of(failure);
            error(ctx, refused.code(), refused.refusal().text());
          });
    }).onFailure(ctx::fail);
  }

  /** Placement's rooms and their nodes, by room id. */
  private Future<Map<String, Object>> placement() {
    return RoomPlacement.snapshot(vertx, Clustering.nodeId(vertx))
        .map(view -> new TreeMap<>(view.getJsonObject("rooms", new JsonObject()).getMap()));
  }

  private static void error(RoutingContext ctx, ErrorCode code, String text) {
    json(ctx, code.failureCode(), new JsonObject().put("error", code.wireName())
        .put("message", text));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(body.encode());
  }
}
