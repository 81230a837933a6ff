package dev.vertxsfu.bench.janus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.vertxsfu.testpeer.DecodedMedia;
import dev.vertxsfu.testpeer.LibWebRtc;
import dev.vertxsfu.testpeer.SyntheticCamera;
import dev.vertxsfu.testpeer.TestPeer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Janus VideoRoom (Debian's {@code janus}, started by {@link JanusProcess} with the loopback
 * shim) driven through {@link JanusVideoRoom}: a real libwebrtc publisher sends a synthetic
 * 640x480 camera to Janus over 127.0.0.1 and a second libwebrtc peer, subscribed through Janus,
 * decodes it at that size. This proves Janus is reachable on loopback and the signaling is
 * right. Janus's errors surface as {@link JanusException} with its code and reason.
 */
class JanusVideoRoomTest {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 480;
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private static Vertx vertx;
  private static JanusProcess janus;
  private JanusVideoRoom videoRoom;

  @BeforeAll
  static void startJanus() throws Exception {
    vertx = Vertx.vertx();
    janus = get(JanusProcess.start(vertx, JanusOptions.defaults()));
  }

  @AfterAll
  static void stopJanus() throws Exception {
    if (janus != null) {
      get(janus.stop());
    }
    get(vertx.close());
  }

  @BeforeEach
  void connect() throws Exception {
    videoRoom = get(JanusVideoRoom.connect(vertx, janus.webSocketPort()));
  }

  @AfterEach
  void close() throws Exception {
    get(videoRoom.close());
  }

  @Test
  void aLibWebRtcSubscriberDecodesThePublishedCameraAtItsSizeThroughJanusOnLoopback()
      throws Exception {
    long room = newRoomNumber();
    get(videoRoom.createRoom(room));
    DecodedMedia decoded = new DecodedMedia(WIDTH, HEIGHT);
    try (LibWebRtc sending = new LibWebRtc(); LibWebRtc receiving = new LibWebRtc();
        TestPeer publisher = new TestPeer(sending);
        TestPeer subscriber = new TestPeer(receiving)) {
      CustomVideoSource camera = sending.videoSource();
      publisher.addVideo(sending.factory(), camera, "camera", "stream");
      JanusPublisher published = get(videoRoom.publish(room, "camera", publisher.createOffer()));
      assertThat(published.answerSdp()).contains("VP8/90000");
      assertOnlyLoopbackCandidates(published.answerSdp());
      publisher.trickleTo(candidate -> videoRoom.trickle(published.handle(), candidate.sdp,
          candidate.sdpMid, candidate.sdpMLineIndex));
      publisher.applyAnswer(published.answerSdp());
      publisher.awaitConnected();
      get(published.handle().webrtcUp());

      try (SyntheticCamera frames = new SyntheticCamera(camera, WIDTH, HEIGHT, 30)) {
        subscriber.onRemoteTrack(transceiver -> {
          if (transceiver.getReceiver().getTrack() instanceof VideoTrack track) {
            track.addSink(decoded);
          }
        });
        JanusSubscription subscription = get(videoRoom.subscribe(room, published.feedId()));
        assertThat(subscription.offerSdp()).contains("VP8/90000");
        assertOnlyLoopbackCandidates(subscription.offerSdp());
        String answer = subscriber.answer(subscription.offerSdp());
        subscriber.trickleTo(candidate -> videoRoom.trickle(subscription.handle(),
            candidate.sdp, candidate.sdpMid, candidate.sdpMLineIndex));
        get(videoRoom.start(subscription, answer));
        subscriber.awaitConnected();
        get(subscription.handle().webrtcUp());

        decoded.firstFrame().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        int before = decoded.frames();
        await().atMost(TIMEOUT).until(() -> decoded.frames() >= before + 60);
        assertThat(frames.pushed()).isGreaterThan(60);
      }
    }
  }

  @Test
  void creatingARoomThatExistsFailsWithTheVideoRoomsCodeAndReason() throws Exception {
    long room = newRoomNumber();
    get(videoRoom.createRoom(room));

    assertThatThrownBy(() -> get(videoRoom.createRoom(room)))
        .isInstanceOfSatisfying(JanusException.class, e -> {
          assertThat(e.origin()).isEqualTo(JanusVideoRoom.PLUGIN);
          assertThat(e.code()).isEqualTo(427);
          assertThat(e.reason()).isEqualTo("Room " + room + " already exists");
        });
  }

  @Test
  void publishingIntoARoomThatDoesNotExistFailsWithNoSuchRoom() throws Exception {
    String offer;
    try (LibWebRtc libWebRtc = new LibWebRtc(); TestPeer publisher =
        new TestPeer(libWebRtc)) {
      publisher.addVideo(libWebRtc.factory(), libWebRtc.videoSource(), "camera", "stream");
      offer = publisher.createOffer();
    }
    long room = newRoomNumber();

    assertThatThrownBy(() -> get(videoRoom.publish(room, "nobody", offer)))
        .isInstanceOfSatisfying(JanusException.class, e -> {
          assertThat(e.origin()).isEqualTo(JanusVideoRoom.PLUGIN);
          assertThat(e.code()).isEqualTo(426);
          assertThat(e.reason()).isEqualTo("No such room (" + room + ")");
        });
  }

  @Test
  void subscribingToAPublisherWhoseWebRtcIsNotUpFailsWithNoSuchFeed() throws Exception {
    long room = newRoomNumber();
    get(videoRoom.createRoom(room));
    try (LibWebRtc libWebRtc = new LibWebRtc(); TestPeer publisher =
        new TestPeer(libWebRtc)) {
      publisher.addVideo(libWebRtc.factory(), libWebRtc.videoSource(), "camera", "stream");
      JanusPublisher joined = get(videoRoom.publish(room, "not-up", publisher.createOffer()));

      assertThatThrownBy(() -> get(videoRoom.subscribe(room, joined.feedId())))
          .isInstanceOfSatisfying(JanusException.class, e -> {
            assertThat(e.code()).isEqualTo(428);
            assertThat(e.reason()).isEqualTo("No such feed (" + joined.feedId() + ")");
          });
    }
  }

  @Test
  void aCoreErrorFailsTheRequestWithJanusCodeAndReason() {
    JanusConnection connection = videoRoom.connection();

    assertThatThrownBy(() -> get(connection.onContext(() ->
        connection.attach("janus.plugin.nonexistent"))))
        .isInstanceOfSatisfying(JanusException.class, e -> {
          assertThat(e.origin()).isEqualTo(JanusException.CORE);
          assertThat(e.code()).isEqualTo(460);
          assertThat(e.reason()).isEqualTo("No such plugin 'janus.plugin.nonexistent'");
        });
  }

  @Test
  void theProcessExposesALivePidAndItsLog() throws Exception {
    assertThat(janus.isAlive()).isTrue();
    assertThat(Path.of("/proc", Long.toString(janus.pid()), "stat")).exists();
    assertThat(Files.readString(janus.logFile())).contains("Janus");
    assertThat(janus.rtpPortMax() - janus.rtpPortMin() + 1)
        .isEqualTo(JanusOptions.DEFAULT_RTP_PORTS);
  }

  @Test
  void aStoppedJanusIsGoneAndKeepsItsLog() throws Exception {
    JanusProcess other = get(JanusProcess.start(vertx, JanusOptions.defaults()));
    long pid = other.pid();
    get(other.stop());

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(other.logFile()).exists();
    Files.deleteIfExists(other.logFile());
    Files.deleteIfExists(other.logFile().getParent());
  }

  /**
   * Janus's SDP holds its candidates (half-trickle): at least one, all host candidates on
   * 127.0.0.1, then end-of-candidates.
   */
  private static void assertOnlyLoopbackCandidates(String sdp) {
    List<String> candidates = sdp.lines().filter(line -> line.startsWith("a=candidate:"))
        .toList();
    assertThat(candidates).isNotEmpty().allMatch(line ->
        line.matches("a=candidate:\\S+ 1 udp \\d+ 127\\.0\\.0\\.1 \\d+ typ host.*"));
    assertThat(sdp).contains("a=end-of-candidates");
  }

  private static long newRoomNumber() {
    return ThreadLocalRandom.current().nextLong(1, 1L << 40);
  }

  private static <T> T get(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture()
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
