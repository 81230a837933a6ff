package dev.vertxsfu.testpeer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The test environment itself: webrtc-java's native libwebrtc loads on this machine (it needs
 * {@code libpulse0}, which the test command installs), and two of its peers connect to each
 * other through candidates on 127.0.0.1. (libwebrtc redacts candidate addresses in its stats,
 * so the source addresses themselves are checked where our own media plane receives them.)
 */
class LibWebRtcLoopbackTest {

  @Test
  void twoLibWebRtcPeersConnectThroughLoopbackCandidates() throws Exception {
    List<RTCIceCandidate> toAnswerer = new CopyOnWriteArrayList<>();
    List<RTCIceCandidate> toOfferer = new CopyOnWriteArrayList<>();
    try (LibWebRtc libWebRtc = new LibWebRtc();
        TestPeer offerer = new TestPeer(libWebRtc);
        TestPeer answerer = new TestPeer(libWebRtc)) {
      PeerConnectionFactory factory = libWebRtc.factory();
      CustomVideoSource source = libWebRtc.videoSource();
      offerer.addVideo(factory, source, "camera", "stream");
      offerer.trickleTo(candidate -> {
        toAnswerer.add(candidate);
        answerer.addRemoteCandidate(candidate);
      });
      answerer.trickleTo(candidate -> {
        toOfferer.add(candidate);
        offerer.addRemoteCandidate(candidate);
      });

      String offer = offerer.createOffer();
      String answer = answerer.answer(offer);
      offerer.applyAnswer(answer);
      assertThat(offer).contains("m=video", "a=sendrecv", "VP8/90000");
      assertThat(answer).contains("m=video", "a=recvonly");

      offerer.awaitConnected();
      answerer.awaitConnected();
      assertThat(toAnswerer).isNotEmpty().allMatch(c -> c.sdp.contains(" 127.0.0.1 "));
      assertThat(toOfferer).isNotEmpty().allMatch(c -> c.sdp.contains(" 127.0.0.1 "));
    }
  }
}
