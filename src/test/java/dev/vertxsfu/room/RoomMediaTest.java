package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real media through a room: libwebrtc publishers and subscribers (webrtc-java) on loopback,
 * the SFU forwarding packets between them. Frames are counted where the subscribers' decoders
 * hand them out.
 */
@ExtendWith(VertxExtension.class)
class RoomMediaTest {
  static final DtlsCertificate CERTIFICATE =
      DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
  static final SfuConfig.MediaConfig MEDIA =
      new SfuConfig.MediaConfig("127.0.0.1", "127.0.0.1", 0, 0);

  static RoomVerticle deploy(Vertx vertx, String roomId) throws Exception {
    RoomVerticle room = new RoomVerticle(roomId, MEDIA, CERTIFICATE);
    vertx.deployVerticle(room).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return room;
  }

  /**
   * A room for one test of this class; {@link RoomMediaSinglePortTest} runs the same tests with
   * rooms in single-port mode.
   */
  RoomVerticle room(Vertx vertx, String roomId) throws Exception {
    return deploy(vertx, roomId);
  }

  /** What the test of two rooms checks of their ports: one each, from the range. */
  void assertPortsOf(RoomVerticle first, RoomVerticle second) {
    assertThat(first.mediaPort()).isNotEqualTo(second.mediaPort());
  }

  /** Waits until {@code camera} pushed {@code frames} more and the decoders caught up. */
  static void assertDecodesNinetyPercent(RoomPeer publisher, List<RoomPeer> subscribers,
      int frames) {
    int sentBefore = publisher.framesSent();
    List<Integer> decodedBefore = subscribers.stream().map(s -> s.video().frames()).toList();
    await().atMost(Duration.ofSeconds(frames / 30 + 10))
        .until(() -> publisher.framesSent() >= sentBefore + frames);
    int sent = publisher.framesSent() - sentBefore;
    for (int i = 0; i < subscribers.size(); i++) {
      RoomPeer subscriber = subscribers.get(i);
      int before = decodedBefore.get(i);
      await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
          assertThat(subscriber.video().frames() - before)
              .as("%s decoded of %d frames sent", subscriber.id, sent)
              .isGreaterThanOrEqualTo(sent * 9 / 10));
    }
  }

  @Test
  void onePublisherThreeSubscribersDecodeNinetyPercentAt640x480AndHearAudio(Vertx vertx)
      throws Exception {
    RoomVerticle room = room(vertx, "r1");
    List<RoomPeer> subscribers = new ArrayList<>();
    try (RoomPeer publisher = new RoomPeer("alice", room, 640, 480).publish()) {
      for (String id : List.of("bob", "carol", "dave")) {
        RoomPeer subscriber = new RoomPeer(id, room, 640, 480).subscribeOnly();
        subscribers.add(subscriber);
        assertThat(subscriber.available).extracting(TrackInfo::trackId)
            .containsExactlyInAnyOrder("camera", "mic");
        subscriber.subscribeTo("alice");
      }
      for (RoomPeer subscriber : subscribers) {
        subscriber.video().firstFrame().get(10, TimeUnit.SECONDS);
      }
      long cpuBefore = roomCpuNanos(room);
      long wallBefore = System.nanoTime();
      assertDecodesNinetyPercent(publisher, subscribers, 300); // 10 s at 30 fps
      long cpu = roomCpuNanos(room) - cpuBefore;
      long wall = System.nanoTime() - wallBefore;
      for (RoomPeer subscriber : subscribers) {
        assertThat(subscriber.video().framesAtOtherSizes()).isZero();
        assertThat(subscriber.audio().audioFrames()).isGreaterThan(48_000); // > 1 s audible
      }
      System.out.printf("SFU room event loop CPU for 1 publisher -> 3 subscribers: %.1f ms in "
          + "%.1f s = %.2f%% of a core%n", cpu / 1e6, wall / 1e9, 100.0 * cpu / wall);
    } finally {
      for (RoomPeer subscriber : subscribers) {
        subscriber.close();
      }
    }
  }

  @Test
  void aLateSubscriberDecodesAFrameWithinOneSecond(Vertx vertx) throws Exception {
    RoomVerticle room = room(vertx, "r2");
    try (RoomPeer publisher = new RoomPeer("alice", room, 640, 480).publish();
        RoomPeer early = new RoomPeer("bob", room, 640, 480).subscribeOnly()) {
      early.subscribeTo("alice");
      early.video().firstFrame().get(10, TimeUnit.SECONDS);
      // the publisher's stream is well past its first key frame now
      await().atMost(Duration.ofSeconds(10)).until(() -> publisher.framesSent() > 90);
      try (RoomPeer late = new RoomPeer("carol", room, 640, 480).subscribeOnly()) {
        long subscribed = System.nanoTime();
        late.subscribeTo("alice");
        long firstFrame = late.video().firstFrame().get(5, TimeUnit.SECONDS);
        long millis = (firstFrame - subscribed) / 1_000_000;
        System.out.printf("late subscriber: first decoded frame %d ms after subscribing%n",
            millis);
        assertThat(millis).isLessThan(1000);
      }
    }
  }

  @Test
  void nackRepairsFivePercentLossOnTheSubscriberLeg(Vertx vertx) throws Exception {
    RoomVerticle room = room(vertx, "r3");
    SecureRandom random = new SecureRandom();
    int[] dropped = {0};
    try (RoomPeer publisher = new RoomPeer("alice", room, 640, 480).publish();
        RoomPeer subscriber = new RoomPeer("bob", room, 640, 480).subscribeOnly()) {
      subscriber.subscribeTo("alice");
      subscriber.video().firstFrame().get(10, TimeUnit.SECONDS);
      room.setSendFilter((clientId, buf, off, len) -> {
        boolean rtp = dev.vertxsfu.wire.mux.DatagramClassifier.classify(buf, off, len)
            == dev.vertxsfu.wire.mux.DatagramKind.RTP;
        if (clientId.equals("bob") && rtp && random.nextInt(100) < 5) {
          dropped[0]++;
          return false;
        }
        return true;
      }).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertDecodesNinetyPercent(publisher, List.of(subscriber), 240);
      long answered = room.inspect(() -> room.router().consumer("bob>alice/camera").nacksAnswered())
          .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      System.out.printf("5%% loss: %d packets dropped toward bob, %d NACKed packets resent%n",
          dropped[0], answered);
      assertThat(dropped[0]).isPositive();
      assertThat(answered).isPositive();
    }
  }

  @Test
  void twoRoomsCarryTheirOwnMediaAndNothingCrosses(Vertx vertx) throws Exception {
    RoomVerticle first = room(vertx, "one");
    RoomVerticle second = room(vertx, "two");
    try (RoomPeer alice = new RoomPeer("alice", first, 640, 480).publish();
        RoomPeer bob = new RoomPeer("bob", first, 640, 480).subscribeOnly();
        RoomPeer carol = new RoomPeer("carol", second, 320, 240).publish();
        RoomPeer dave = new RoomPeer("dave", second, 320, 240).subscribeOnly()) {
      assertPortsOf(first, second);
      assertThat(bob.available).extracting(TrackInfo::clientId).containsOnly("alice");
      assertThat(dave.available).extracting(TrackInfo::clientId).containsOnly("carol");
      bob.subscribeTo("alice");
      dave.subscribeTo("carol");
      bob.video().firstFrame().get(10, TimeUnit.SECONDS);
      dave.video().firstFrame().get(10, TimeUnit.SECONDS);
      assertDecodesNinetyPercent(alice, List.of(bob), 90);
      assertDecodesNinetyPercent(carol, List.of(dave), 90);
      // each subscriber decodes only its own room's picture size
      assertThat(bob.video().framesAtOtherSizes()).isZero();
      assertThat(dave.video().framesAtOtherSizes()).isZero();
      assertThat(first.tracks().toCompletionStage().toCompletableFuture().get())
          .extracting(TrackInfo::clientId).containsOnly("alice");
    }
  }

  @Test
  void aClientWhoseCertificateDoesNotMatchItsFingerprintGetsNoMedia(Vertx vertx) throws Exception {
    RoomVerticle room = room(vertx, "r5");
    DtlsCertificate stranger =
        DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
    try (RoomPeer publisher = new RoomPeer("alice", room, 640, 480).publish();
        RoomPeer mallory = new RoomPeer("mallory", room, 640, 480)) {
      mallory.peer.addReceiveOnly(mallory.libWebRtc.factory().createVideoTrack("v",
          mallory.libWebRtc.videoSource()));
      room.addClient("mallory", mallory).toCompletionStage().toCompletableFuture().get();
      String offer = mallory.peer.createOffer()
          .replaceAll("a=fingerprint:[^\\r\\n]+", "a=fingerprint:" + stranger.fingerprint());
      String answer = room.negotiate("mallory", offer).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      mallory.peer.applyAnswer(answer);
      await().atMost(Duration.ofSeconds(20))
          .until(() -> mallory.states.contains(dev.vertxsfu.media.transport.TransportState.FAILED));
      room.subscribe("mallory", List.of("alice/camera")).toCompletionStage()
          .toCompletableFuture().get(5, TimeUnit.SECONDS);
      long sent = room.inspect(() -> room.router().consumer("mallory>alice/camera") == null
          ? 0 : room.router().consumer("mallory>alice/camera").packetsSent())
          .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(sent).isZero();
      assertThat(mallory.decoded.values()).allMatch(media -> media.frames() == 0);
    }
  }

  private static long roomCpuNanos(RoomVerticle room) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long thread = room.inspect(() -> Thread.currentThread().getId())
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    return threads.getThreadCpuTime(thread);
  }

}
