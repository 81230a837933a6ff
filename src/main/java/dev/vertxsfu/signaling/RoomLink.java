package dev.vertxsfu.signaling;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.RoomRequests;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The front's side of the bus contract ({@link BusAddresses}, {@link RoomRequests}): asks the
 * node's room manager for a room, sends client messages to the room and reads its replies.
 * Every failure comes back as a {@link ProtocolException} carrying the docs/protocol.md code to
 * send the client. One per verticle instance; its futures complete on that instance's loop.
 */
final class RoomLink {
  private static final Logger LOG = Logger.getLogger(RoomLink.class.getName());

  private final EventBus bus;
  private final DeliveryOptions options;
  private final String nodeId;

  /** A join the room took: the node that runs the room, and the room's reply. */
  record Joined(String node, RoomReply reply) {
  }

  /** {@code nodeId} is this node's: rooms let the client go when it leaves the cluster. */
  RoomLink(EventBus bus, long timeoutMillis, String nodeId) {
    this.bus = bus;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMillis);
    this.nodeId = nodeId;
  }

  /**
   * Makes sure {@code roomId} runs somewhere, then sends it the client's {@code join}. A join
   * the room may have taken but whose reply timed out is undone with a {@code disconnect}.
   * The client's id and IP {@code address} go with the request: the room manager limits how
   * many rooms each may ask for ({@code not_allowed}).
   */
  Future<Joined> join(String roomId, String clientId, String address, JsonObject join) {
    JsonObject start = new JsonObject().put("roomId", roomId).put("clientId", clientId);
    if (address != null) {
      start.put("address", address);
    }
    return bus.<JsonObject>request(BusAddresses.ROOMS, start, options)
        .recover(e -> Future.failedFuture(refusedByManager(e)
            ? refusal(roomId, e)
            : ProtocolException.of(ErrorCode.UNAVAILABLE.wireName(),
                "room " + roomId + " cannot be started now; retry")))
        .compose(started -> send(roomId, clientId, join)
            .map(reply -> new Joined(started.body().getString("node"), reply))
            .onFailure(e -> {
              if (unanswered(e)) {
                disconnect(roomId, clientId);
              }
            }));
  }

  /** Sends one client message to its room. */
  Future<RoomReply> send(String roomId, String clientId, JsonObject message) {
    return bus.request(BusAddresses.room(roomId),
            RoomRequests.request(clientId, BusAddresses.client(clientId), nodeId, message), options)
        .transform(ar -> {
          if (ar.failed()) {
            return Future.failedFuture(refusal(roomId, ar.cause()));
          }
          try {
            return Future.succeededFuture(RoomReply.from(ar.result().body()));
          } catch (ProtocolException e) {
            LOG.warning(() -> "room " + roomId + ": " + e.getMessage());
            return Future.failedFuture(e);
          }
        });
  }

  /**
   * Tells the room the client's socket is gone (it never said {@code leave}). Completes when
   * the room answered, or the request failed or timed out: from then on the room sends the
   * client nothing more. Never fails.
   */
  Future<Void> disconnect(String roomId, String clientId) {
    JsonObject message = new JsonObject().put("type", RoomRequests.DISCONNECT);
    return bus.request(BusAddresses.room(roomId),
            RoomRequests.request(clientId, BusAddresses.client(clientId), nodeId, message), options)
        .onFailure(e -> LOG.log(Level.FINE, e,
            () -> "room " + roomId + " did not take the disconnect of client " + clientId))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  /**
   * The refusal a failed room request becomes: the room's own code and text when it refused
   * ({@link RoomRequests#failure}), {@code unavailable} when no room answered in time or none
   * is registered, {@code internal} otherwise. Pure.
   */
  static ProtocolException refusal(String roomId, Throwable failure) {
    if (failure instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
        return ProtocolException.of(RoomRequests.code(reply.getMessage()),
            RoomRequests.text(reply.getMessage()));
      }
      if (reply.failureType() == ReplyFailure.TIMEOUT
          || reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return ProtocolException.of(ErrorCode.UNAVAILABLE.wireName(),
            "room " + roomId + " is unavailable; retry");
      }
    }
    LOG.log(Level.WARNING, failure, () -> "request to room " + roomId + " failed");
    return ProtocolException.of(ErrorCode.INTERNAL.wireName(), "the request failed");
  }

  /** The manager refused the request itself (a limit) rather than failing to start the room. */
  private static boolean refusedByManager(Throwable failure) {
    return failure instanceof ReplyException reply
        && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && !ErrorCode.UNAVAILABLE.wireName().equals(RoomRequests.code(reply.getMessage()));
  }

  /** No answer (timeout, or no room registered): the room may or may not have the client. */
  private static boolean unanswered(Throwable failure) {
    return failure instanceof ProtocolException refusal
        && refusal.code().equals(ErrorCode.UNAVAILABLE.wireName());
  }
}
