package dev.vertxsfu.media.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.wire.rtcp.FullIntraRequest;
import dev.vertxsfu.wire.rtcp.PictureLossIndication;
import dev.vertxsfu.wire.rtp.codec.VideoCodec;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A video consumer's start (issue 10, item 2): it starts only with a key frame its subscriber's
 * transport took, asks for one when the transport connects, and again each second (FIR once a
 * PLI went unanswered, where negotiated) until one has been delivered. Fake clock, router only.
 */
@Tag("fast")
class ConsumerKeyFrameTest {
  static final long PUB_SSRC = 1111;
  static final int VP8 = 96;

  final Router router = new Router(new Random(1));
  final RecordingSender publisher = new RecordingSender();
  final RecordingSender subscriber = new RecordingSender();
  long now = 10_000;
  int seq = 100;

  Producer producer(boolean fir) {
    return router.createProducer(new ProducerParameters("p1", "video", "0", PUB_SSRC, 0,
        Map.of(VP8, 90_000), Map.of(), Map.of(VP8, VideoCodec.VP8), Packets.MID_EXT, 0, fir),
        publisher);
  }

  Consumer consumer(Producer producer) {
    return router.createConsumer(producer, new ConsumerParameters("c1", 2222, 0,
        Map.of(VP8, 100), Map.of(), Map.of(), 0, "v"), subscriber, now);
  }

  void publish(boolean keyFrame) {
    int s = seq++;
    byte[] packet = Packets.vp8(PUB_SSRC, VP8, s, s * 3000L, "0", keyFrame, 200);
    router.onRtp(publisher, packet, 0, packet.length, now);
  }

  /** Runs the room's timer every 20 ms (the last step may be shorter) for {@code millis}. */
  void tickFor(long millis) {
    long end = now + millis;
    while (now < end) {
      now = Math.min(now + 20, end);
      router.tick(now);
    }
  }

  int plis() {
    return publisher.rtcp(PictureLossIndication.class).size();
  }

  int firs() {
    return publisher.rtcp(FullIntraRequest.class).size();
  }

  @Test
  void aKeyFrameTheTransportRefusedStartsNothingAndTheNextDeliveredOneDoes() {
    subscriber.connected = false; // answered, but its ICE/DTLS is not up yet
    Consumer consumer = consumer(producer(false));
    assertThat(plis()).as("no request a key frame could not answer").isZero();

    publish(true); // a key frame arrives before the subscriber's SRTP context exists
    publish(false);
    assertThat(consumer.started()).isFalse();

    subscriber.connected = true;
    router.onTransportConnected(subscriber, now);
    assertThat(plis()).as("asked when the transport connected").isEqualTo(1);
    publish(false);
    assertThat(subscriber.rtp).as("no delta frame before a delivered key frame").isEmpty();

    publish(true);
    publish(false);
    assertThat(consumer.started()).isTrue();
    assertThat(subscriber.rtp).hasSize(2);
    assertThat(subscriber.rtp(0).timestamp()).as("the key frame first").isEqualTo(103 * 3000L);
  }

  @Test
  void aWaitingConsumerAsksAgainEverySecondAndNoMoreOnceStarted() {
    consumer(producer(false));
    assertThat(plis()).isEqualTo(1);
    tickFor(999);
    assertThat(plis()).as("throttled for a second").isEqualTo(1);
    tickFor(1);
    assertThat(plis()).as("unanswered: asked again").isEqualTo(2);
    tickFor(1000);
    assertThat(plis()).isEqualTo(3);

    publish(true);
    tickFor(5000);
    assertThat(plis()).as("started: no more requests").isEqualTo(3);
  }

  @Test
  void aWaitingConsumerOnAnUnconnectedTransportDoesNotMakeThePublisherSendKeyFrames() {
    subscriber.connected = false;
    consumer(producer(true));
    tickFor(5000);
    assertThat(plis() + firs()).isZero();
  }

  @Test
  void anUnansweredPliIsFollowedByFirWhenThePublisherNegotiatedIt() {
    consumer(producer(true));
    assertThat(plis()).isEqualTo(1);
    tickFor(1000);
    assertThat(firs()).isEqualTo(1);
    tickFor(1000);
    assertThat(publisher.rtcp(FullIntraRequest.class))
        .extracting(fir -> fir.entries().get(0).ssrc(), fir -> fir.entries().get(0).sequenceNumber())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(PUB_SSRC, 0),
            org.assertj.core.groups.Tuple.tuple(PUB_SSRC, 1));
    assertThat(plis()).isEqualTo(1);

    publish(true);
    tickFor(3000);
    assertThat(plis() + firs()).as("answered and started").isEqualTo(3);
  }

  @Test
  void aKeyFrameTheSubscriberLostInTheRaceIsAskedForAgainAfterTheThrottle() {
    Consumer consumer = consumer(producer(false)); // connected: asked at once
    subscriber.connected = false; // consent lost, say: the answer cannot reach it
    publish(true);
    assertThat(consumer.started()).isFalse();
    subscriber.connected = true;
    router.onTransportConnected(subscriber, now + 10);
    assertThat(plis()).as("throttled").isEqualTo(1);
    tickFor(1000);
    assertThat(plis()).isEqualTo(2);
    publish(true);
    assertThat(consumer.started()).isTrue();
  }

  @Test
  void aStartedConsumerAsksForAKeyFrameWhenItsTransportConnectsAgain() {
    Consumer consumer = consumer(producer(false));
    publish(true);
    publish(false);
    assertThat(consumer.started()).isTrue();
    tickFor(5000);
    int before = plis();

    subscriber.connected = false; // the path broke: consent lapsed, an ICE restart runs
    publish(false);
    subscriber.connected = true;
    router.onTransportConnected(subscriber, now); // connected again, on the new path
    assertThat(plis()).as("the subscriber's decoder needs a key frame after the outage")
        .isEqualTo(before + 1);
  }
}
