package dev.vertxsfu.signaling;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.BusRequest;
import dev.vertxsfu.bus.ClientRequest;
import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.bus.Refusal;
import dev.vertxsfu.bus.RefusalException;
import dev.vertxsfu.bus.RoomReply;
import dev.vertxsfu.bus.RoomStart;
import dev.vertxsfu.bus.RoomStarted;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The front's side of the bus contract ({@link BusAddresses}): asks the node's room manager
 * for a room, sends client messages to the room and reads its replies, all through one
 * {@link BusRequest}. Every failure comes back as a {@link ProtocolException} carrying the
 * docs/protocol.md code to send the client. One per verticle instance; its futures complete on
 * that instance's loop.
 */
final class RoomLink {
  private static final Logger LOG = Logger.getLogger(RoomLink.class.getName());

  private final BusRequest requests;
  private final String nodeId;

  /** A join the room took: the node that runs the room, and the room's reply. */
  record Joined(String node, RoomReply reply) {
  }

  /** {@code nodeId} is this node's: rooms let the client go when it leaves the cluster. */
  RoomLink(BusRequest requests, String nodeId) {
    this.requests = requests;
    this.nodeId = nodeId;
  }

  /**
   * Makes sure {@code roomId} runs somewhere, then sends it the client's {@code join}. A join
   * the room may have taken but whose reply timed out is undone with a {@code disconnect}.
   * The client's id and IP {@code address} go with the request: the room manager limits how
   * many rooms each may ask for ({@code not_allowed}).
   */
  Future<Joined> join(String roomId, String clientId, String address,
      JsonObject join) {
    return requests.ask(BusAddresses.ROOMS, new RoomStart(roomId, clientId, address),
            RoomStarted.class)
        .recover(e -> Future.failedFuture(refusedByManager(e)
            ? refusal(roomId, e)
            : new ProtocolException(ErrorCode.UNAVAILABLE,
                "room " + roomId + " cannot be started now; retry")))
        .compose(started -> send(roomId, clientId, join)
            .map(reply -> new Joined(started.node(), reply))
            .onFailure(e -> {
              if (e instanceof ProtocolException refusal && refusal.unanswered()) {
                disconnect(roomId, clientId);
              }
            }));
  }

  /** Sends one client message to its room. */
  Future<RoomReply> send(String roomId, String clientId, JsonObject message) {
    return requests.ask(BusAddresses.room(roomId), new ClientRequest(clientId, nodeId, message),
            RoomReply.class)
        .recover(e -> Future.failedFuture(refusal(roomId, e)));
  }

  /**
   * Tells the room the client's socket is gone (it never said {@code leave}). Completes when
   * the room answered, or the request failed or timed out: from then on the room sends the
   * client nothing more. Never fails.
   */
  Future<Void> disconnect(String roomId, String clientId) {
    return requests.ask(BusAddresses.room(roomId), ClientRequest.disconnect(clientId, nodeId),
            RoomReply.class)
        .onFailure(e -> LOG.log(Level.FINE, e,
            () -> "room " + roomId + " did not take the disconnect of client " + clientId))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  /**
   * The refusal a failed room request becomes ({@link Refusal#of}): the room's own code and
   * text when it refused, {@code unavailable} naming the room when no room answered in time or
   * none is registered, {@code internal} otherwise (logged). Pure.
   */
  static ProtocolException refusal(String roomId, Throwable failure) {
    Refusal refusal = Refusal.of(failure);
    if (Refusal.unanswered(failure)) {
      return ProtocolException.unanswered("room " + roomId + " is unavailable; retry");
    }
    if (refusal.code() == ErrorCode.INTERNAL) {
      LOG.log(Level.WARNING, failure, () -> "request to room " + roomId + " failed");
    }
    return ProtocolException.of(refusal);
  }

  /** The manager refused the request itself (a limit) rather than failing to start the room. */
  private static boolean refusedByManager(Throwable failure) {
    return failure instanceof RefusalException refused && !refused.unanswered()
        && refused.code() != ErrorCode.UNAVAILABLE;
  }
}
