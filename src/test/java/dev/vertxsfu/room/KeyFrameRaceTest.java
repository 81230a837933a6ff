package dev.vertxsfu.room;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import dev.vertxsfu.media.transport.TransportState;
import dev.vertxsfu.wire.mux.DatagramClassifier;
import dev.vertxsfu.wire.mux.DatagramKind;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A subscriber whose {@code subscribe_tracks} and answer race its own ICE/DTLS (issue 10, item
 * 2), with real libwebrtc peers: it must start on a key frame and decode without ever having to
 * ask for one itself. A subscriber whose first video is a delta frame sends a PLI (libwebrtc
 * asks as soon as it assembles a frame it cannot decode), so the subscriber's own
 * {@code pliCount} and {@code firCount} tell whether the SFU started it on a key frame.
 */
@ExtendWith(VertxExtension.class)
class KeyFrameRaceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  /**
   * The room's outbound datagrams to one client: all dropped while {@link #held} (its ICE
   * checks go unanswered, so its transport cannot connect), and the time each RTP SSRC first
   * left for it.
   */
  static final class Gate implements RoomVerticle.SendFilter {
    final String clientId;
    final Map<Long, Long> firstRtpNanos = new ConcurrentHashMap<>();
    volatile boolean held;

    Gate(String clientId) {
      this.clientId = clientId;
    }

    @Override
    public boolean send(String client, byte[] buf, int off, int len) {
      if (!client.equals(clientId)) {
        return true;
      }
      if (held) {
        return false;
      }
      if (len >= 12 && DatagramClassifier.classify(buf, off, len) == DatagramKind.RTP) {
        long ssrc = ((buf[off + 8] & 0xFFL) << 24) | ((buf[off + 9] & 0xFF) << 16)
            | ((buf[off + 10] & 0xFF) << 8) | (buf[off + 11] & 0xFF);
        firstRtpNanos.putIfAbsent(ssrc, System.nanoTime());
      }
      return true;
    }
  }

  @Test
  void aSubscriberWhoseTransportConnectsAfterItsAnswerStartsOnAKeyFrame(Vertx vertx)
      throws Exception {
    RoomVerticle room = RoomMediaTest.deploy(vertx, "race-held");
    Gate gate = new Gate("bob");
    gate.held = true;
    get(room.setSendFilter(gate));
    try (RoomPeer publisher = new RoomPeer("alice", room, 640, 480).publish();
        RoomPeer subscriber = new RoomPeer("bob", room, 640, 480)
            .subscribeOnlyRacingItsTransport()) {
      CompletableFuture<Long> connectedAt = subscriber.connected.thenApply(v -> System.nanoTime());
      long subscribed = System.nanoTime();
      subscriber.subscribeTo("alice"); // subscribed, and the SFU's offer answered
      // half a second of video while its ICE is held back: a key frame asked for at once
      // would come, and be lost, in that time
      int sent = publisher.framesSent();
      await().atMost(TIMEOUT).until(() -> publisher.framesSent() >= sent + 15);
      assertThat(subscriber.states).doesNotContain(TransportState.CONNECTED);
      gate.held = false;

      report("held back 0.5 s", room, subscriber, gate, subscribed, connectedAt);
    }
  }

  /**
   * The race as a fast client makes it: the transport is held back only until the SFU's offer
   * is answered (on loopback libwebrtc otherwise connects before its subscription is answered),
   * so the key frame asked for at once and the transport's connection come at about the same
   * time.
   */
  @Test
  void aSubscriberWhoseAnswerJustBeatsItsTransportStartsOnAKeyFrame(Vertx vertx)
      throws Exception {
    RoomVerticle room = RoomMediaTest.deploy(vertx, "race");
    Gate gate = new Gate("bob");
    gate.held = true;
    get(room.setSendFilter(gate));
    try (RoomPeer publisher = new RoomPeer("alice", room, 640, 480).publish();
        RoomPeer subscriber = new RoomPeer("bob", room, 640, 480)
            .subscribeOnlyRacingItsTransport()) {
      CompletableFuture<Long> connectedAt = subscriber.connected.thenApply(v -> System.nanoTime());
      long subscribed = System.nanoTime();
      subscriber.subscribeTo("alice");
      assertThat(subscriber.states).doesNotContain(TransportState.CONNECTED);
      gate.held = false;
      report("released at the answer", room, subscriber, gate, subscribed, connectedAt);
    }
  }

  /** Waits for decoded video, prints the figures, and checks the subscriber never asked. */
  private static void report(String race, RoomVerticle room, RoomPeer subscriber, Gate gate,
      long subscribed, CompletableFuture<Long> connectedAt) throws Exception {
    long firstDecoded = subscriber.video().firstFrame().get(TIMEOUT.toSeconds(), SECONDS);
    await().atMost(TIMEOUT).until(() -> subscriber.video().frames() >= 30);
    long connected = connectedAt.get(TIMEOUT.toSeconds(), SECONDS);
    long videoSsrc = get(room.inspect(
        () -> room.router().consumer("bob>alice/camera").parameters().ssrc()));
    long firstVideo = gate.firstRtpNanos.get(videoSsrc);
    Map<String, Object> video = inboundVideoStats(subscriber);
    long plis = ((Number) video.getOrDefault("pliCount", 0L)).longValue();
    long firs = ((Number) video.getOrDefault("firCount", 0L)).longValue();
    System.out.printf("key-frame race (%s): subscribe->connected %d ms, connected->first key "
            + "frame sent %d ms, subscribe->first key frame sent %d ms, subscribe->first decoded "
            + "frame %d ms; subscriber sent %d PLI, %d FIR%n", race,
        millis(connected - subscribed), millis(firstVideo - connected),
        millis(firstVideo - subscribed), millis(firstDecoded - subscribed), plis, firs);
    assertThat(firstVideo).as("no video before the transport connected")
        .isGreaterThanOrEqualTo(connected);
    assertThat(plis + firs).as("the subscriber's first video was a key frame: it never asked")
        .isZero();
  }

  private static Map<String, Object> inboundVideoStats(RoomPeer peer) throws Exception {
    CompletableFuture<RTCStatsReport> report = new CompletableFuture<>();
    peer.peer.connection().getStats(report::complete);
    return report.get(TIMEOUT.toSeconds(), SECONDS).getStats().values().stream()
        .filter(stats -> stats.getType() == RTCStatsType.INBOUND_RTP
            && "video".equals(stats.getAttributes().get("kind")))
        .map(RTCStats::getAttributes).findFirst().orElseThrow();
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  private static <T> T get(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toSeconds(), SECONDS);
  }
}
