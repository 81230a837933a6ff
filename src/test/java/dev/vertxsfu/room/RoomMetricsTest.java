package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.config.AdminConfig;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.ops.PrometheusText;
import dev.vertxsfu.ops.SfuMetrics;
import dev.vertxsfu.signaling.SignalingVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.client.WebClient;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.media.transport.TransportState;
import dev.vertxsfu.wire.mux.DatagramClassifier;
import dev.vertxsfu.wire.mux.DatagramKind;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} scraped over real HTTP during a real call (libwebrtc publisher and
 * subscriber through a room), parsed as Prometheus text: the SFU's gauges show the room, its
 * clients, producers and consumers; its counters and the join-to-connected histogram move;
 * they do not go down when the room closes; Vert.x's own metrics are there too.
 */
class RoomMetricsTest {
  private static final String TOKEN = "RoomMetricsTest-admin-token";
  private SfuMetrics metrics;
  private Vertx vertx;
  private WebClient http;
  private int port;

  @BeforeEach
  void startNode() {
    metrics = new SfuMetrics();
    vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics.vertxMetricsOptions()))
        .withMetrics(metrics.vertxMetricsFactory()).build();
    SignalingVerticle front = new SignalingVerticle(SfuConfig.load(Map.of("SFU_HTTP_PORT", "0")),
        new AdminConfig(TOKEN), metrics.scrapeHandler());
    vertx.deployVerticle(front).await();
    metrics.bind(vertx, List.of(front)).await();
    port = front.actualPort();
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stopNode() {
    vertx.close().await();
  }

  private PrometheusText scrape() {
    var response = http.get(port, "127.0.0.1", "/metrics")
        .putHeader("Authorization", "Bearer " + TOKEN).send().await();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).startsWith("text/plain");
    return PrometheusText.parse(response.bodyAsString());
  }

  @Test
  void aCallMovesTheCountersGaugesAndHistogram() throws Exception {
    assertThat(http.get(port, "127.0.0.1", "/metrics").send().await().statusCode())
        .isEqualTo(401);
    RoomVerticle room = new RoomVerticle("metrics-r1", RoomMediaTest.MEDIA,
        RoomMediaTest.CERTIFICATE);
    String deployment = vertx.deployVerticle(room).await();
    double received;
    double forwarded;
    try (RoomPeer alice = new RoomPeer("alice", room, 320, 240).publish();
        RoomPeer bob = new RoomPeer("bob", room, 320, 240).subscribeOnly()) {
      bob.subscribeTo("alice");
      bob.video().firstFrame().get(10, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        PrometheusText text = scrape();
        assertThat(text.value("sfu_rooms")).isEqualTo(1);
        assertThat(text.value("sfu_clients")).isEqualTo(2);
        assertThat(text.value("sfu_producers{kind=video}")).isEqualTo(1);
        assertThat(text.value("sfu_producers{kind=audio}")).isEqualTo(1);
        assertThat(text.value("sfu_consumers{kind=video}")).isEqualTo(1);
        assertThat(text.value("sfu_consumers{kind=audio}")).isEqualTo(1);
        assertThat(text.value("sfu_rtp_packets_forwarded_total")).isPositive();
        assertThat(text.value("sfu_join_to_connected_seconds_count")).isEqualTo(2);
      });
      PrometheusText first = scrape();
      assertThat(first.value("sfu_udp_datagrams_received_total")).isPositive();
      assertThat(first.value("sfu_udp_received_bytes_total"))
          .isGreaterThan(first.value("sfu_udp_datagrams_received_total"));
      assertThat(first.value("sfu_rtp_forwarded_bytes_total"))
          .isGreaterThan(first.value("sfu_rtp_packets_forwarded_total"));
      assertThat(first.value("sfu_key_frames_received_total")).isPositive();
      assertThat(first.value("sfu_key_frame_requests_sent_total{type=pli}")).isPositive();
      assertThat(first.value("sfu_join_to_connected_seconds_bucket{le=20.0}")).isEqualTo(2);
      assertThat(first.value("sfu_join_to_connected_seconds_sum")).isPositive();
      assertThat(first.value("sfu_packets_dropped_total{reason=srtp}")).isNotNegative();
      assertThat(first.value("sfu_packets_dropped_total{reason=unmatched_tuple}"))
          .isNotNegative();
      assertThat(first.value("sfu_dtls_handshake_seconds_count")).isEqualTo(2);
      assertThat(first.value("sfu_dtls_handshake_seconds_sum")).isPositive()
          .isLessThanOrEqualTo(first.value("sfu_join_to_connected_seconds_sum"));
      assertThat(first.value("sfu_dtls_handshake_seconds_bucket{le=5.0}")).isEqualTo(2);
      // libwebrtc negotiates transport-wide feedback: both clients' estimates are sampled
      assertThat(first.value("sfu_subscriber_estimate_bps_count")).isPositive();
      assertThat(first.value("sfu_subscriber_estimate_bps_sum")).isPositive();
      assertThat(first.value("sfu_subscriber_allocation_bps_count")).isNotNegative();
      for (String reason : List.of("consent_expired", "never_connected",
          "disconnected_timeout")) {
        assertThat(first.value("sfu_ice_failures_total{reason=" + reason + "}")).isZero();
      }
      assertThat(first.value("sfu_dtls_failures_total{reason=bad_certificate}")).isZero();
      assertThat(first.value("sfu_websocket_connections")).isZero();
      assertThat(first.value("sfu_websocket_bad_frames_total")).isZero();
      // Vert.x's own metrics come along (this very scrape is an HTTP request)
      assertThat(first.samples().keySet()).anyMatch(key -> key.startsWith("vertx_http_server"));
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        PrometheusText later = scrape();
        assertThat(later.value("sfu_rtp_packets_received_total"))
            .isGreaterThan(first.value("sfu_rtp_packets_received_total"));
        assertThat(later.value("sfu_rtp_packets_forwarded_total"))
            .isGreaterThan(first.value("sfu_rtp_packets_forwarded_total"));
      });
      PrometheusText during = scrape();
      received = during.value("sfu_rtp_packets_received_total");
      forwarded = during.value("sfu_rtp_packets_forwarded_total");
    }
    vertx.undeploy(deployment).await();
    await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
      PrometheusText after = scrape(); // the room's last sample travels the local bus
      assertThat(after.value("sfu_rooms")).isZero();
      assertThat(after.value("sfu_clients")).isZero();
      assertThat(after.value("sfu_rtp_packets_received_total"))
          .isGreaterThanOrEqualTo(received);
      assertThat(after.value("sfu_rtp_packets_forwarded_total"))
          .isGreaterThanOrEqualTo(forwarded);
    });
  }

  @Test
  void lossTowardASubscriberMovesNacksRetransmissionsAndKeyFrameRequests() throws Exception {
    RoomVerticle room = new RoomVerticle("metrics-r2", RoomMediaTest.MEDIA,
        RoomMediaTest.CERTIFICATE);
    vertx.deployVerticle(room).await();
    SecureRandom random = new SecureRandom();
    AtomicLong blackoutUntil = new AtomicLong(System.nanoTime());
    try (RoomPeer alice = new RoomPeer("alice", room, 320, 240).publish();
        RoomPeer bob = new RoomPeer("bob", room, 320, 240).subscribeOnly()) {
      bob.subscribeTo("alice");
      bob.video().firstFrame().get(10, TimeUnit.SECONDS);
      PrometheusText before = scrape();
      // 10% of bob's RTP is lost: bob NACKs, the room resends
      room.setSendFilter((clientId, buf, off, len) -> !clientId.equals("bob")
          || DatagramClassifier.classify(buf, off, len) != DatagramKind.RTP
          || (System.nanoTime() - blackoutUntil.get() >= 0 && random.nextInt(100) >= 10))
          .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        PrometheusText text = scrape();
        assertThat(text.value("sfu_nacks_received_total"))
            .isGreaterThan(Math.max(0, before.value("sfu_nacks_received_total")));
        assertThat(text.value("sfu_retransmissions_sent_total"))
            .isGreaterThan(Math.max(0, before.value("sfu_retransmissions_sent_total")));
      });
      // then nothing reaches bob for a while: his decoder stalls and asks for a key frame
      double plisBefore = scrape().value("sfu_key_frame_requests_received_total{type=pli}");
      blackoutUntil.set(System.nanoTime() + TimeUnit.SECONDS.toNanos(4));
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
        assertThat(scrape().value("sfu_key_frame_requests_received_total{type=pli}"))
            .isGreaterThan(plisBefore);
      });
    }
  }

  @Test
  void aForgedFingerprintCountsOneDtlsFailureOfBadCertificate() throws Exception {
    RoomVerticle room = new RoomVerticle("metrics-r3", RoomMediaTest.MEDIA,
        RoomMediaTest.CERTIFICATE);
    vertx.deployVerticle(room).await();
    DtlsCertificate stranger =
        DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
    try (RoomPeer mallory = new RoomPeer("mallory", room, 320, 240)) {
      mallory.peer.addReceiveOnly(mallory.libWebRtc.factory().createVideoTrack("v",
          mallory.libWebRtc.videoSource()));
      room.addClient("mallory", mallory).toCompletionStage().toCompletableFuture().get();
      String offer = mallory.peer.createOffer()
          .replaceAll("a=fingerprint:[^\\r\\n]+", "a=fingerprint:" + stranger.fingerprint());
      mallory.peer.applyAnswer(room.negotiate("mallory", offer).toCompletionStage()
          .toCompletableFuture().get(10, TimeUnit.SECONDS));
      await().atMost(Duration.ofSeconds(20))
          .until(() -> mallory.states.contains(TransportState.FAILED));
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        PrometheusText text = scrape();
        assertThat(text.value("sfu_dtls_failures_total{reason=bad_certificate}")).isEqualTo(1);
        assertThat(text.value("sfu_dtls_failures_total{reason=timeout}")).isZero();
        assertThat(text.value("sfu_dtls_handshake_seconds_count")).isZero();
      });
    }
  }
}
