package dev.vertxsfu.room;

import dev.vertxsfu.bus.ClientRequest;
import dev.vertxsfu.bus.ErrorCode;
import io.vertx.core.json.JsonObject;

/**
 * What a room checks of a bus request before it becomes a call of the {@link Room}
 * (docs/threat-model.md): the signaling front has checked the client's message already, but a
 * request may come from anything that talks on the event bus, so the room does not rely on it.
 * The envelope must be well formed and small (a client's events go to that client's own
 * address by construction: {@link ClientRequest#eventsAddress()}), a joining client's name is
 * bounded, and once a client has joined only its own front (the node recorded at its join) may
 * speak for it, so that no other node can make it leave.
 *
 * <p>Stateless; called by {@link RoomBusHandler} on the room's event loop. A refusal is a
 * {@link RoomException} with PROTOCOL.md's code.
 */
final class BusRequestCheck {
  /** Longer than any id a front makes (16 characters) or a Vert.x node id (a UUID). */
  static final int MAX_ID_CHARS = 128;
  /** A ceiling for names on the bus; the front may hold names to less. */
  static final int MAX_NAME_CHARS = 1024;

  private BusRequestCheck() {}

  /** The envelope: a {@code clientId}, a {@code front} and a {@code message} with a type. */
  static void envelope(ClientRequest request) {
    String clientId = request.clientId();
    String front = request.front();
    if (clientId == null || clientId.isEmpty() || clientId.length() > MAX_ID_CHARS
        || front == null || front.isEmpty() || front.length() > MAX_ID_CHARS) {
      throw new RoomException(ErrorCode.BAD_REQUEST, "a request needs a clientId and a front of 1-"
          + MAX_ID_CHARS + " characters");
    }
    if (request.type() == null) {
      throw new RoomException(ErrorCode.BAD_REQUEST, "a request needs a message with a type");
    }
  }

  /** A join's name: absent, or a string of at most {@value #MAX_NAME_CHARS} characters. */
  static void join(JsonObject message) {
    Object name = message.getValue("name");
    if (name != null && (!(name instanceof String text) || text.length() > MAX_NAME_CHARS)) {
      throw new RoomException(ErrorCode.BAD_REQUEST, "name must be a string of at most "
          + MAX_NAME_CHARS + " characters");
    }
  }

  /** A joined client's request comes from the front it joined through. */
  static void sameFront(String clientId, String joinedThrough, String front) {
    if (joinedThrough != null && !joinedThrough.equals(front)) {
      throw new RoomException(ErrorCode.NOT_ALLOWED, "client " + clientId
          + " is served by another node's signaling");
    }
  }
}
