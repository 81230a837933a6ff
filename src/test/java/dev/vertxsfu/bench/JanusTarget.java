package dev.vertxsfu.bench;

import dev.vertxsfu.bench.janus.JanusOptions;
import dev.vertxsfu.bench.janus.JanusProcess;
import dev.vertxsfu.bench.janus.JanusPublisher;
import dev.vertxsfu.bench.janus.JanusSubscription;
import dev.vertxsfu.bench.janus.JanusVideoRoom;
import dev.vertxsfu.wire.sdp.SessionDescription;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Janus VideoRoom 1.1.x as a {@link BenchTarget}: {@link JanusProcess} starts Janus (Debian
 * package, loopback shim, its own ports) and {@link JanusVideoRoom} speaks its WebSocket API,
 * both from {@code dev.vertxsfu.bench.janus}. Room names become numeric room ids, each room is
 * created on first use.
 *
 * <p>Roles differ from our SFU's: a publisher offers (so it is ICE-controlling) and Janus
 * answers {@code a=setup:active}, so the synthetic peer is the DTLS server; a subscriber
 * answers Janus's offer (Janus is full ICE and controlling) with {@code a=setup:active}, so
 * the peer is ICE-controlled and the DTLS client. A subscription waits for the publisher's
 * {@code webrtcup}, without which Janus refuses the join (428).
 *
 * <p>Threads: {@link #start}/{@link #close} on the harness's main thread; signaling on this
 * target's Vert.x. Owns the Janus process and the session.
 */
final class JanusTarget implements BenchTarget {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path out;
  private final Vertx vertx = Vertx.vertx();
  private final Map<String, Future<Long>> rooms = new ConcurrentHashMap<>();
  private final Map<Integer, JanusPublisher> publishers = new ConcurrentHashMap<>();
  private final List<JanusSubscription> subscriptions = new CopyOnWriteArrayList<>();
  private JanusProcess janus;
  private JanusVideoRoom api;

  /** The harness loads this class by name with the run's output folder. */
  JanusTarget(Path out) {
    this.out = out;
  }

  @Override
  public String name() {
    return "janus";
  }

  @Override
  public ServerProcess start() throws Exception {
    // One UDP port per PeerConnection: a block wider than the biggest step.
    int rtpMin = 33_000 + RANDOM.nextInt(30) * 200;
    janus = JanusProcess.start(vertx, JanusOptions.defaults().withRtpPorts(rtpMin, rtpMin + 1999))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    api = JanusVideoRoom.connect(vertx, janus.webSocketPort())
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return new ServerProcess(janus.pid(), () -> janus.stop().toCompletionStage()
        .toCompletableFuture().get(30, TimeUnit.SECONDS));
  }

  private Future<Long> room(String name) {
    return rooms.computeIfAbsent(name, n -> {
      long id = 1_000 + rooms.size();
      return api.createRoom(id).map(id);
    });
  }

  @Override
  public CompletableFuture<Publication> publish(String room, int index, SyntheticPeer peer,
      long videoSsrc, long audioSsrc) {
    String offer = ClientOffer.publisher(LocalTransport.of(peer), RANDOM.nextLong() & Long.MAX_VALUE,
        "stream" + index, "video" + index, videoSsrc, "audio" + index, audioSsrc).format();
    return room(room)
        .compose(id -> api.publish(id, "pub" + index, offer))
        .compose(published -> {
          publishers.put(index, published);
          RemoteTransport remote = RemoteTransport.of(SessionDescription.parse(published.answerSdp()));
          peer.loop().execute(() -> peer.start(remote, true, remote.weAreDtlsClient()));
          return published.handle().webrtcUp()
              .map(up -> new Publication(index, null, "video" + index, "audio" + index,
                  published.feedId()));
        })
        .toCompletionStage().toCompletableFuture();
  }

  @Override
  public CompletableFuture<Void> subscribe(String room, String name, SyntheticPeer peer,
      List<Publication> publications) {
    List<Long> feeds = publications.stream().map(Publication::feedId).toList();
    return room(room)
        .compose(id -> api.subscribe(id, feeds))
        .compose(subscription -> {
          subscriptions.add(subscription);
          SessionDescription offer = SessionDescription.parse(subscription.offerSdp());
          RemoteTransport remote = RemoteTransport.of(offer);
          String answer = SubscriberAnswer.build(offer, LocalTransport.of(peer),
              RANDOM.nextLong() & Long.MAX_VALUE, 1).format();
          peer.loop().execute(() -> peer.start(remote, false, remote.weAreDtlsClient()));
          return api.start(subscription, answer);
        })
        .toCompletionStage().toCompletableFuture();
  }

  @Override
  public CompletableFuture<Void> leaveAll() {
    List<Future<Void>> detaching = new ArrayList<>();
    subscriptions.forEach(s -> detaching.add(api.detach(s.handle())));
    subscriptions.clear();
    publishers.values().forEach(p -> detaching.add(api.detach(p.handle())));
    publishers.clear();
    return Future.join(detaching).<Void>mapEmpty().otherwiseEmpty()
        .toCompletionStage().toCompletableFuture();
  }

  @Override
  public void close() throws Exception {
    try {
      leaveAll().get(20, TimeUnit.SECONDS);
      if (api != null) {
        api.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    } finally {
      if (janus != null) {
        janus.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        java.nio.file.Files.copy(janus.logFile(), out.resolve("janus.log"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }
}
