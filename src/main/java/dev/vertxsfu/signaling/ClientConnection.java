package dev.vertxsfu.signaling;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.ClientEvent;
import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.bus.RoomReply;
import dev.vertxsfu.config.SfuConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import dev.vertxsfu.config.SfuConfig.ConnectionLimits;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client's WebSocket: turns its frames into room requests and the room's replies and
 * events into frames (docs/protocol.md). Lives on the event loop of the {@link SignalingVerticle}
 * instance that accepted the socket; everything here runs there, so nothing is locked.
 *
 * <p>Messages go to the room one at a time, in the order the client sent them: the next is sent
 * when the previous one's reply and events are written, so frames never overtake each other
 * and a message sent right after {@code join} waits for the join instead of being refused.
 * Frames that fail {@link ProtocolMessages} are answered at once. Events for the client
 * arriving while its join is in flight are held until {@code joined} is written.
 *
 * <p>When the room moves ({@code room_moved}, from the room as it drains, or from here when the
 * room's node leaves the cluster) the client is back where it was before {@code join}, on the
 * same socket; a request still out to the lost room is abandoned, its late reply dropped.
 *
 * <p>What the client may cost the node is bounded: frames written but not yet flushed to the
 * client stay under {@code signaling.max-write-queue-bytes}, and the frame that would pass it
 * closes the socket with 1013 instead (a client that does not read; its close frame may never
 * get out, and the HTTP server's write-idle timeout then closes the connection). The server
 * pings every {@code signaling.ping-interval-seconds}; no pong within
 * {@code signaling.pong-timeout-seconds} closes it with 1001. Once closed, the client leaves
 * its room at once, and its event address is unregistered only after the room confirmed the
 * disconnect, so the room never sends to an address that is gone.
 */
final class ClientConnection {
  private static final Logger LOG = Logger.getLogger(ClientConnection.class.getName());
  /** Messages queued behind a pending room request before the socket stops being read. */
  private static final int MAX_QUEUED = 32;
  static final short NORMAL_CLOSURE = 1000;
  static final short POLICY_VIOLATION = 1008;
  /** Message Too Big: a frame or message over 1 MiB. */
  static final short MESSAGE_TOO_BIG = 1009;
  /** Service Restart: the node drains; the client reconnects elsewhere. */
  static final short SERVICE_RESTART = 1012;
  /** Going Away: the client stopped answering pings. */
  static final short GOING_AWAY = 1001;
  /** Try Again Later: the client did not read what the node wrote; it may reconnect. */
  static final short TRY_AGAIN_LATER = 1013;

  // Passed by argument.
  private final ServerWebSocket socket;
  private final String clientId;
  private final Vertx vertx;
  private final RoomLink rooms;
  private final JoinAuthenticator authenticator;
  private final LongSupplier clockMillis;
  private final ConnectionLimits limits;
  private final FrontCounters counters;
  private final Consumer<ClientConnection> onClosed;

  // Allocated by this.
  private final BadFrameLimiter badFrames = new BadFrameLimiter();
  /** Messages while in no room (issue 11: 100k refusals were answered in 25 s). */
  private final BadFrameLimiter beforeJoin;
  private final ArrayDeque<ClientMessage> queue = new ArrayDeque<>();
  private final List<JsonObject> heldEvents = new ArrayList<>();
  private MessageConsumer<ClientEvent> events;
  /** The room that has this client: set by a successful join, cleared by {@code left}. */
  private String room;
  /** The node that runs {@link #room}. */
  private String roomNode;
  /** Counts room moves: a reply to a request sent before the last move is dropped. */
  private int epoch;
  private boolean joining;
  /** A room request is out; the queue waits for it. */
  private boolean busy;
  private boolean paused;
  /** The socket is closed or closing: nothing more is read or written. */
  private boolean closed;
  /** The room and the event address were let go (once, whoever closed first). */
  private boolean released;
  /** Bytes of frames handed to the socket and not yet flushed to the client. */
  private long queuedBytes;
  private long pingTimer = -1;
  /** Set while a ping waits for its pong. */
  private long pongTimer = -1;

  /**
   * {@code maxRequestsBeforeJoin}: messages the socket may send in any 10 s while it is in no
   * room; the next is refused with {@code not_allowed} and the socket closed with 1008.
   */
  ClientConnection(ServerWebSocket socket, String clientId, Vertx vertx, RoomLink rooms,
      JoinAuthenticator authenticator, LongSupplier clockMillis, ConnectionLimits limits,
      FrontCounters counters, Consumer<ClientConnection> onClosed, int maxRequestsBeforeJoin) {
    this.beforeJoin = new BadFrameLimiter(maxRequestsBeforeJoin, BadFrameLimiter.WINDOW_MILLIS);
    this.socket = socket;
    this.clientId = clientId;
    this.vertx = vertx;
    this.rooms = rooms;
    this.authenticator = authenticator;
    this.clockMillis = clockMillis;
    this.limits = limits;
    this.counters = counters;
    this.onClosed = onClosed;
  }

  /** Starts reading the socket and pinging it. */
  void start() {
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(binary -> refuseFrame(ProtocolMessages.binaryMessage()));
    socket.exceptionHandler(this::onSocketException);
    socket.closeHandler(v -> onSocketClosed());
    socket.pongHandler(pong -> {
      vertx.cancelTimer(pongTimer);
      pongTimer = -1;
    });
    pingTimer = vertx.setPeriodic(limits.pingIntervalSeconds() * 1000L, id -> ping());
  }

  /** Pings, unless a ping is still out; its pong must come within the pong timeout. */
  private void ping() {
    if (closed || socket.isClosed() || pongTimer != -1) {
      return; // closed by the client, its close handler not run yet; or a ping still out
    }
    pongTimer = vertx.setTimer(limits.pongTimeoutSeconds() * 1000L, id -> {
      pongTimer = -1;
      if (!closed) {
        counters.pingTimeouts++;
        LOG.fine(() -> "client " + clientId + ": no pong in time, closing");
        close(GOING_AWAY, "pong timeout");
      }
    });
    socket.writePing(Buffer.buffer());
  }

  /**
   * A frame or message past {@link SignalingVerticle#WEBSOCKET_LIMIT_BYTES} is reported here
   * and closes the socket with 1009 (Message Too Big): a too-long frame by Netty's decoder,
   * which then reads nothing more of the socket; a message of many frames by Vert.x's
   * aggregation, as an IllegalStateException (its only sign), which would otherwise take the
   * message's remaining fragments for a new message.
   */
  private void onSocketException(Throwable e) {
    boolean tooBig = e instanceof CorruptedWebSocketFrameException corrupted
        && corrupted.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()
        || e instanceof IllegalStateException && String.valueOf(e.getMessage())
            .contains("overflow max message size");
    if (tooBig && !closed) {
      counters.tooBigCloses++;
      close(MESSAGE_TOO_BIG, "message larger than 1 MiB");
      return;
    }
    LOG.log(Level.FINE, e, () -> "client " + clientId);
  }

  private void onText(String text) {
    if (closed) {
      return;
    }
    ClientMessage message;
    try {
      message = ProtocolMessages.parse(text);
    } catch (ProtocolException e) {
      refuseFrame(e);
      return;
    }
    queue.addLast(message);
    if (queue.size() >= MAX_QUEUED && !paused) {
      paused = true;
      socket.pause();
    }
    drain();
  }

  /** Answers a malformed frame; too many in the window close the socket (docs/protocol.md). */
  private void refuseFrame(ProtocolException refusal) {
    if (closed) {
      return;
    }
    counters.badFrames++;
    write(ServerMessages.error(refusal));
    if (badFrames.recordAndCheck(clockMillis.getAsLong()) && !closed) {
      counters.badFrameRateCloses++;
      close(POLICY_VIOLATION, "too many bad frames");
    }
  }

  private void drain() {
    while (!busy && !closed && !queue.isEmpty()) {
      handle(queue.pollFirst());
    }
    if (paused && queue.isEmpty() && !closed) {
      paused = false;
      socket.resume();
    }
  }

  private void handle(ClientMessage message) {
    if (room == null && beforeJoin.recordAndCheck(clockMillis.getAsLong())) {
      refuse(message, ErrorCode.NOT_ALLOWED, "too many requests before join: at most "
          + beforeJoin.maxInWindow() + " in 10 s (signaling.max-requests-before-join)");
      close(POLICY_VIOLATION, "too many requests before join");
      return;
    }
    if (message.type() == ClientMessageType.JOIN) {
      if (room != null) {
        refuse(message, ErrorCode.NOT_ALLOWED, "already joined room " + room);
      } else {
        join(message);
      }
    } else if (room == null) {
      refuse(message, ErrorCode.NOT_JOINED, "send join first");
    } else {
      forward(message);
    }
  }

  private void join(ClientMessage join) {
    busy = true;
    joining = true;
    String roomId = join.room();
    // Through compose, so that a check that throws still fails the join rather than wedging it.
    Future.<Void>succeededFuture()
        .compose(v -> authenticator.check(join))
        .compose(v -> listenForEvents())
        .compose(v -> rooms.join(roomId, clientId, remoteHost(), join.forRoom()))
        .onComplete(ar -> {
          busy = false;
          joining = false;
          if (closed) {
            if (ar.succeeded()) {
              room = roomId; // the socket went while the room took us in: leave it again
            }
            release();
            return;
          }
          if (ar.succeeded()) {
            room = roomId;
            roomNode = ar.result().node();
            writeReply(join, ar.result().reply());
            heldEvents.forEach(this::deliver);
          } else {
            ProtocolException refusal = asRefusal(ar.cause()).withId(join.id());
            write(ServerMessages.error(refusal));
            if (refusal.errorCode() == ErrorCode.UNAUTHORIZED) {
              close(POLICY_VIOLATION, "unauthorized");
            }
          }
          heldEvents.clear();
          drain();
        });
  }

  /** The client's IP address as the socket sees it (a proxy's, behind one), or null. */
  private String remoteHost() {
    var address = socket.remoteAddress();
    return address == null ? null : address.hostAddress();
  }

  private void forward(ClientMessage message) {
    busy = true;
    int sentIn = epoch;
    rooms.send(room, clientId, message.forRoom()).onComplete(ar -> {
      if (sentIn != epoch) {
        return; // the room moved while this was out: the client has been told, and carries on
      }
      busy = false;
      if (closed) {
        return;
      }
      if (ar.failed()) {
        write(ServerMessages.error(asRefusal(ar.cause()).withId(message.id())));
      } else {
        writeReply(message, ar.result());
        if (message.type() == ClientMessageType.LEAVE) {
          room = null; // the room has let the client go: no disconnect after this
          close(NORMAL_CLOSURE, "left");
        }
      }
      drain();
    });
  }

  /** The client's event address; registered once, at the first join, until the socket closes. */
  private Future<Void> listenForEvents() {
    if (events == null) {
      events = vertx.eventBus().consumer(BusAddresses.client(clientId),
          message -> onEvent(message.body()));
    }
    return events.completion();
  }

  private void onEvent(Object body) {
    if (closed) {
      return;
    }
    if (!(body instanceof ClientEvent typed) || typed.message() == null) {
      LOG.warning(() -> "client " + clientId + ": dropped an event that is not a ClientEvent");
      return;
    }
    JsonObject event = typed.message();
    if (joining) {
      heldEvents.add(event);
    } else {
      deliver(event);
      drain();
    }
  }

  /** Writes a room's event; {@code room_moved} also takes the client out of the room. */
  private void deliver(JsonObject event) {
    if ("room_moved".equals(event.getString("type"))) {
      if (room == null || !room.equals(event.getString("room"))) {
        return; // about a room this client already left
      }
      leftMovedRoom();
    }
    write(event);
  }

  /**
   * The node {@code nodeId} left the cluster: if it ran this client's room, the client hears
   * {@code room_moved} and may join again at once. Says whether it did.
   */
  boolean nodeLost(String nodeId) {
    if (closed || room == null || !nodeId.equals(roomNode)) {
      return false;
    }
    String lost = room;
    leftMovedRoom();
    write(new JsonObject().put("type", "room_moved").put("room", lost).put("reason", "node_lost"));
    drain();
    return true;
  }

  private void leftMovedRoom() {
    room = null;
    roomNode = null;
    epoch++;
    busy = false;
  }

  /** The node drains: the socket closes with 1012 and the client reconnects elsewhere. */
  void closeForDrain() {
    if (!closed) {
      close(SERVICE_RESTART, "draining");
    }
  }

  private void writeReply(ClientMessage request, RoomReply reply) {
    if (reply.reply() != null) {
      write(ServerMessages.reply(reply.reply(), request.id()));
    }
    reply.events().forEach(this::write);
  }

  private void refuse(ClientMessage message, ErrorCode code, String text) {
    write(ServerMessages.error(new ProtocolException(code, text).withId(message.id())));
  }

  private static ProtocolException asRefusal(Throwable failure) {
    if (failure instanceof ProtocolException refusal) {
      return refusal;
    }
    LOG.log(Level.WARNING, failure, () -> "unexpected failure");
    return new ProtocolException(ErrorCode.INTERNAL, "internal error");
  }

  /**
   * Writes one frame, unless the client has more than {@code signaling.max-write-queue-bytes}
   * not yet flushed to it with this one: then the socket is closed with 1013 (it does not read,
   * or not fast enough for what its room sends) and counted.
   */
  private void write(JsonObject frame) {
    if (closed) {
      return;
    }
    String text = frame.encode();
    long bytes = ProtocolMessages.utf8Length(text);
    if (queuedBytes + bytes > limits.maxWriteQueueBytes()) {
      counters.slowReaderCloses++;
      LOG.info(() -> "client " + clientId + " does not read: " + queuedBytes
          + " bytes unflushed, closing");
      close(TRY_AGAIN_LATER, "write queue full");
      return;
    }
    queuedBytes += bytes;
    socket.writeTextMessage(text).onComplete(ar -> queuedBytes -= bytes);
  }

  /** Bytes written to the socket and not yet flushed to the client (tests). */
  long queuedBytes() {
    return queuedBytes;
  }

  private void close(short code, String reason) {
    closed = true;
    queue.clear();
    heldEvents.clear();
    socket.close(code, reason);
    // The room lets the client go now, not when the TCP connection is gone: that may take the
    // idle timeout when the client does not read its close frame.
    release();
  }

  /** The socket is gone, whoever closed it: let the room know, unless the client left. */
  private void onSocketClosed() {
    closed = true;
    queue.clear();
    heldEvents.clear();
    vertx.cancelTimer(pingTimer);
    vertx.cancelTimer(pongTimer);
    release();
    onClosed.accept(this);
  }

  /**
   * Leaves the room (unless the client left it already) and then unregisters the event
   * address: in that order, so that the room, which stops sending to the client once it has
   * taken the disconnect, never sends to an unregistered address (Vert.x would log each such
   * event as discarded). A join still in flight does this when it completes.
   */
  private void release() {
    if (released || joining) {
      return;
    }
    released = true;
    if (room == null) {
      unregisterEvents();
      return;
    }
    String leaving = room;
    room = null;
    rooms.disconnect(leaving, clientId).onComplete(ar -> unregisterEvents());
  }

  private void unregisterEvents() {
    if (events != null) {
      events.unregister();
    }
  }
}
