package dev.vertxsfu.client;

import static java.util.concurrent.TimeUnit.SECONDS;

import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.vertxsfu.testpeer.LibWebRtc;
import dev.vertxsfu.testpeer.LoopbackPeers;
import dev.vertxsfu.testpeer.SyntheticCamera;
import dev.vertxsfu.testpeer.TestPeer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server side of docs/protocol.md's signaling, scripted for client tests: a Vert.x WebSocket
 * server on {@code /ws} for one client, whose media end is a second libwebrtc peer (the "far
 * end") that answers the client's offers and makes the SFU's own offers.
 *
 * <p>By default it behaves: {@code join} gets {@code joined}, an offer its answer,
 * {@code is_allow_renegotiation} {@code allowed: true}, the track requests {@code ok},
 * {@code leave} gets {@code left} and a close. A test changes that through the fields below,
 * sends any event with {@link #send}, and reads every frame the client sent, in wire order,
 * from {@link #received}. Frames are handled on one "far end" thread, in order.
 */
final class ScriptedSfu implements AutoCloseable {
  static final String CLIENT_ID = "c-1";
  static final String OTHER_ID = "c-0";

  /** Every frame the client sent, in the order they arrived. */
  final List<JsonObject> received = new CopyOnWriteArrayList<>();
  /** Replies to the next {@code is_allow_renegotiation}s; {@code true} once it runs out. */
  final Queue<Boolean> allowReplies = new ConcurrentLinkedQueue<>();
  /** Client offers kept unanswered while {@link #holdOffers} is set. */
  final BlockingQueue<JsonObject> heldOffers = new LinkedBlockingQueue<>();
  /** Answers of the client the far end applied. */
  final AtomicInteger answersApplied = new AtomicInteger();
  final CompletableFuture<Void> closed = new CompletableFuture<>();
  /** When set, {@code join} gets this error (its {@code id} is filled in). */
  volatile JsonObject joinError;
  /** When set, the next client offer gets this error instead of an answer. */
  volatile JsonObject offerError;
  volatile boolean holdOffers;

  private final LibWebRtc libWebRtc = new LibWebRtc();
  private final TestPeer farEnd = new TestPeer(libWebRtc);
  private final ExecutorService farEndThread = Executors.newSingleThreadExecutor();
  private final List<SyntheticCamera> cameras = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private volatile ServerWebSocket socket;

  private ScriptedSfu() {}

  static ScriptedSfu start(Vertx vertx) throws Exception {
    ScriptedSfu sfu = new ScriptedSfu();
    sfu.farEnd.trickleTo(candidate -> sfu.send(new JsonObject().put("type", "candidate")
        .put("candidate", new JsonObject().put("candidate", candidate.sdp)
            .put("sdpMid", candidate.sdpMid).put("sdpMLineIndex", candidate.sdpMLineIndex))));
    sfu.server = vertx.createHttpServer().webSocketHandler(sfu::accept)
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, SECONDS);
    return sfu;
  }

  int port() {
    return server.actualPort();
  }

  TestPeer farEnd() {
    return farEnd;
  }

  /** Sends a server event (or reply) to the client; any thread. */
  void send(JsonObject frame) {
    socket.writeTextMessage(frame.encode());
  }

  /** The types of the frames the client sent, candidates left out, in order. */
  List<String> types() {
    return received.stream().map(frame -> frame.getString("type"))
        .filter(type -> !type.equals("candidate")).toList();
  }

  /** The frames of one type the client sent, in order. */
  List<JsonObject> framesOf(String type) {
    return received.stream().filter(frame -> type.equals(frame.getString("type"))).toList();
  }

  /**
   * The far end starts sending a synthetic camera on a new m-line whose {@code a=msid} is
   * {@code streamId trackId}, as the SFU announces a publisher's track. (A new transceiver:
   * libwebrtc writes a sender's id as the msid-appdata, and {@code addTrack} would reuse the
   * client's receive-only m-line, whose sender id is random.)
   */
  void addFarEndCamera(String streamId, String trackId, int width, int height) {
    CustomVideoSource source = libWebRtc.videoSource();
    RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
    init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
    init.streamIds = List.of(streamId);
    farEnd.connection().addTransceiver(
        libWebRtc.factory().createVideoTrack(trackId, source), init);
    cameras.add(new SyntheticCamera(source, width, height, 15));
  }

  /** The SFU renegotiates: the far end makes an offer, which is sent as {@code offer}. */
  CompletableFuture<String> offer() {
    return onFarEnd(() -> {
      String sdp = farEnd.createOffer();
      send(new JsonObject().put("type", "offer").put("sdp", sdp));
      return sdp;
    });
  }

  /** Rolls the far end's unanswered offer back, as the SFU does on glare (docs/protocol.md). */
  CompletableFuture<Void> rollBackOffer() {
    return onFarEnd(() -> {
      CompletableFuture<Void> done = new CompletableFuture<>();
      farEnd.connection().setLocalDescription(
          new RTCSessionDescription(RTCSdpType.ROLLBACK, ""), LoopbackPeers.applied(done));
      done.get(10, SECONDS);
      return null;
    });
  }

  /** Answers a client offer that was held. */
  CompletableFuture<Void> answer(JsonObject offer) {
    return onFarEnd(() -> {
      answerOffer(offer);
      return null;
    });
  }

  private void accept(ServerWebSocket webSocket) {
    if (!webSocket.path().equals("/ws")) {
      webSocket.close((short) 1008);
      return;
    }
    socket = webSocket;
    webSocket.closeHandler(v -> closed.complete(null));
    webSocket.textMessageHandler(text -> {
      JsonObject frame = new JsonObject(text);
      received.add(frame);
      farEndThread.execute(() -> handle(frame));
    });
  }

  private void handle(JsonObject frame) {
    try {
      switch (frame.getString("type")) {
        case "join" -> join(frame);
        case "offer" -> {
          JsonObject error = offerError;
          offerError = null;
          if (error != null) {
            send(error.copy().put("type", "error").put("id", frame.getValue("id")));
          } else if (holdOffers) {
            heldOffers.add(frame);
          } else {
            answerOffer(frame);
          }
        }
        case "answer" -> {
          farEnd.applyAnswer(frame.getString("sdp"));
          answersApplied.incrementAndGet();
        }
        case "candidate" -> addCandidate(frame.getJsonObject("candidate"));
        case "is_allow_renegotiation" -> {
          Boolean allowed = allowReplies.poll();
          reply(frame, "is_allow_renegotiation", new JsonObject()
              .put("allowed", allowed == null || allowed));
        }
        case "tracks_added", "subscribe_tracks", "unsubscribe_tracks" ->
            reply(frame, "ok", new JsonObject());
        case "leave" -> {
          reply(frame, "left", new JsonObject());
          socket.close();
        }
        default -> reply(frame, "error", new JsonObject().put("code", "bad_request")
            .put("message", "unknown message type"));
      }
    } catch (Exception e) {
      reply(frame, "error", new JsonObject().put("code", "internal")
          .put("message", String.valueOf(e.getMessage())));
    }
  }

  private void join(JsonObject frame) {
    JsonObject error = joinError;
    if (error != null) {
      send(error.copy().put("type", "error").put("id", frame.getValue("id")));
      return;
    }
    reply(frame, "joined", new JsonObject().put("clientId", CLIENT_ID)
        .put("room", frame.getString("room")).put("iceServers", new JsonArray())
        .put("clients", new JsonArray().add(
            new JsonObject().put("clientId", OTHER_ID).put("name", "alice"))));
  }

  private void answerOffer(JsonObject offer) throws Exception {
    String answer = farEnd.answer(offer.getString("sdp"));
    reply(offer, "answer", new JsonObject().put("sdp", answer));
  }

  private void addCandidate(JsonObject candidate) {
    if (candidate != null) {
      farEnd.addRemoteCandidate(new RTCIceCandidate(candidate.getString("sdpMid"),
          candidate.getInteger("sdpMLineIndex"), candidate.getString("candidate")));
    }
  }

  private void reply(JsonObject request, String type, JsonObject fields) {
    send(fields.put("type", type).put("id", request.getValue("id")));
  }

  private <T> CompletableFuture<T> onFarEnd(Callable<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    farEndThread.execute(() -> {
      try {
        result.complete(work.call());
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  @Override
  public void close() throws Exception {
    for (SyntheticCamera camera : cameras) {
      camera.close();
    }
    farEndThread.shutdown();
    farEndThread.awaitTermination(10, SECONDS);
    server.close().toCompletionStage().toCompletableFuture().get(10, SECONDS);
    farEnd.close();
    libWebRtc.close();
  }
}
