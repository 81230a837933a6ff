package dev.vertxsfu.media.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.media.speaker.ActiveSpeakerObserver;
import dev.vertxsfu.media.speaker.AudioLevelMeter;
import dev.vertxsfu.wire.rtcp.PictureLossIndication;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A producer's mute state and audio levels: a muted video asks its publisher for no key frame,
 * a muted audio track is no speaker, and an audio track's levels reach its meter from the
 * RFC 6464 extension of each packet.
 */
@Tag("fast")
class ProducerMuteTest {
  private static final int OPUS = 111;
  private static final int AUDIO_LEVEL_EXT = 1;
  private static final long AUDIO_SSRC = 3333;

  private final RouterTest video = new RouterTest();
  private final Router router = new Router(new Random(2));
  private final RecordingSender publisher = new RecordingSender();

  @Test
  void aMutedVideoIsNotAskedForKeyFramesAndUnmutingAsksForOneAtOnce() {
    Producer producer = video.producer(RouterTest.PUB_SSRC);
    producer.setMuted(true, video.now);

    video.consumer(producer); // a new subscriber: a key frame would be asked for
    producer.requestKeyFrame(video.now += 5_000);
    producer.tick(video.now += 5_000);
    assertThat(video.publisher.rtcp(PictureLossIndication.class)).isEmpty();

    producer.setMuted(false, video.now += 5_000); // its subscriber needs one at once
    assertThat(video.publisher.rtcp(PictureLossIndication.class)).hasSize(1);
  }

  @Test
  void audioLevelsReachTheMeterAndAMutedTrackIsSilent() {
    Producer producer = router.createProducer(new ProducerParameters("a1", "audio", "1",
        AUDIO_SSRC, 0, Map.of(OPUS, 48_000), Map.of(), Map.of(), Packets.MID_EXT, 0, false),
        publisher);
    AudioLevelMeter meter = producer.measureAudioLevel(AUDIO_LEVEL_EXT);

    speak(0, 15, 0x80 | 20);
    assertThat(closeWindow(meter)).isGreaterThan(0.05);

    producer.setMuted(true, video.now);
    speak(15, 15, 0x80 | 10);
    assertThat(closeWindow(meter)).isZero();
    assertThat(meter.muted()).isTrue();
  }

  private void speak(int firstSeq, int count, int value) {
    for (int seq = firstSeq; seq < firstSeq + count; seq++) {
      byte[] packet = Packets.opus(AUDIO_SSRC, OPUS, seq, "1", AUDIO_LEVEL_EXT, value);
      router.onRtp(publisher, packet, 0, packet.length, seq * 20L);
    }
  }

  /** The meter's level after its window closes, through the observer that owns the windows. */
  private static double closeWindow(AudioLevelMeter meter) {
    ActiveSpeakerObserver observer = new ActiveSpeakerObserver(1);
    observer.add("c", meter);
    observer.tick(0);
    observer.tick(1);
    return meter.level();
  }
}
