package dev.vertxsfu.testpeer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The measuring instruments of the media tests, checked without the SFU in between: a
 * libwebrtc subscriber connected straight to a libwebrtc publisher decodes the synthetic
 * camera at 640x480 and plays the synthetic microphone. What the SFU tests demand of a path
 * through the SFU, this shows the instruments can deliver on a direct path.
 */
class SyntheticMediaBaselineTest {

  @Test
  void aDirectSubscriberDecodesNearlyEveryFrameAt640x480AndHearsAudio() throws Exception {
    DecodedMedia decoded = new DecodedMedia(640, 480);
    try (LibWebRtc sending = new LibWebRtc(); LibWebRtc receiving = new LibWebRtc();
        TestPeer publisher = new TestPeer(sending);
        TestPeer subscriber = new TestPeer(receiving)) {
      CustomVideoSource video = sending.videoSource();
      CustomAudioSource audio = sending.audioSource();
      publisher.addVideo(sending.factory(), video, "camera", "stream");
      publisher.addAudio(sending.factory(), audio, "mic", "stream");
      publisher.trickleTo(subscriber::addRemoteCandidate);
      subscriber.trickleTo(publisher::addRemoteCandidate);
      subscriber.onRemoteTrack(transceiver -> {
        if (transceiver.getReceiver().getTrack() instanceof VideoTrack track) {
          track.addSink(decoded);
        } else if (transceiver.getReceiver().getTrack() instanceof AudioTrack track) {
          track.addSink(decoded);
        }
      });

      publisher.applyAnswer(subscriber.answer(publisher.createOffer()));
      publisher.awaitConnected();
      subscriber.awaitConnected();

      try (SyntheticCamera camera = new SyntheticCamera(video, 640, 480, 30);
          SyntheticMicrophone microphone =
              new SyntheticMicrophone(audio, sending.audioGate())) {
        decoded.firstFrame().get(10, TimeUnit.SECONDS);
        int sentBefore = camera.pushed();
        int decodedBefore = decoded.frames();
        await().atMost(Duration.ofSeconds(15)).until(() -> camera.pushed() >= sentBefore + 150);
        int sent = camera.pushed() - sentBefore;
        await().atMost(Duration.ofSeconds(2))
            .until(() -> decoded.frames() - decodedBefore >= sent * 9 / 10);
        await().atMost(Duration.ofSeconds(2)).until(() -> decoded.audioFrames() >= 48_000);
        assertThat(decoded.framesAtOtherSizes()).isZero();
      }
    }
  }
}
