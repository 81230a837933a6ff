package dev.vertxsfu.bus;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The message codecs of the bus records ({@link RoomStart}, {@link RoomStarted},
 * {@link ClientRequest}, {@link RoomReply}, {@link ClientEvent}, {@link StatsRequest},
 * {@link RoomStats}), registered as the default
 * codecs of their classes, so a record is sent as it is and read back as the same record, on
 * this node or another. Every node registers them before it deploys a verticle that sends or
 * receives one: {@code Clustering.vertx} when it makes the node's Vert.x, and, for a Vert.x made
 * elsewhere (tests), each verticle of the contract in its {@code start()} ({@link #register} is
 * idempotent). A refusal is not a record: it travels as a {@code ReplyException}
 * ({@link Refusal}).
 */
public final class BusCodecs {
  /** The codecs, one per record class. */
  static final List<JsonBusCodec<?>> ALL = List.of(
      new JsonBusCodec<>(RoomStart.class,
          start -> new JsonObject().put("roomId", start.roomId())
              .put("clientId", start.clientId()).put("address", start.address()),
          json -> new RoomStart(json.requiredString("roomId"), json.string("clientId"),
              json.string("address")),
          start -> start),
      new JsonBusCodec<>(RoomStarted.class,
          started -> new JsonObject().put("roomId", started.roomId())
              .put("node", started.node()),
          json -> new RoomStarted(json.requiredString("roomId"), json.requiredString("node")),
          started -> started),
      new JsonBusCodec<>(ClientRequest.class,
          request -> new JsonObject().put("clientId", request.clientId())
              .put("front", request.front()).put("message", request.message()),
          json -> new ClientRequest(json.string("clientId"), json.string("front"),
              json.object("message")),
          request -> new ClientRequest(request.clientId(), request.front(),
              copy(request.message()))),
      new JsonBusCodec<>(RoomReply.class,
          reply -> new JsonObject().put("reply", reply.reply())
              .put("events", new JsonArray(List.copyOf(reply.events()))),
          json -> new RoomReply(json.object("reply"), json.objects("events")),
          reply -> new RoomReply(copy(reply.reply()),
              reply.events().stream().map(JsonObject::copy).toList())),
      new JsonBusCodec<>(ClientEvent.class,
          event -> new JsonObject().put("message", event.message()),
          json -> new ClientEvent(json.object("message")),
          event -> new ClientEvent(copy(event.message()))),
      new JsonBusCodec<>(StatsRequest.class,
          request -> new JsonObject().put("roomId", request.roomId())
              .put("clientId", request.clientId()),
          json -> new StatsRequest(json.requiredString("roomId"), json.string("clientId")),
          request -> request),
      new JsonBusCodec<>(RoomStats.class,
          stats -> new JsonObject().put("stats", stats.stats()),
          json -> new RoomStats(json.object("stats")),
          stats -> new RoomStats(copy(stats.stats()))));

  private BusCodecs() {}

  /**
   * Registers the codecs on {@code vertx}'s event bus, once: a second call does nothing. Any
   * thread; returns once they are registered.
   */
  public static void register(Vertx vertx) {
    EventBus bus = vertx.eventBus();
    // Verticle instances on several event loops may start at once: one registers, the others
    // wait for it (registration is once per node, never on a hot path).
    synchronized (bus) {
      if (vertx.sharedData().getLocalMap("sfu.bus").putIfAbsent("codecs", true) != null) {
        return;
      }
      for (JsonBusCodec<?> codec : ALL) {
        registerDefault(bus, codec);
      }
    }
  }

  private static <T> void registerDefault(EventBus bus, JsonBusCodec<T> codec) {
    bus.registerDefaultCodec(codec.type(), codec);
  }

  private static JsonObject copy(JsonObject json) {
    return json == null ? null : json.copy();
  }
}
