package dev.vertxsfu.testpeer;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The test environment itself: webrtc-java's native libwebrtc loads on this machine (it needs
 * {@code libpulse0}, which the test command installs), and two of its peers connect to each
 * other through candidates on 127.0.0.1. (libwebrtc redacts candidate addresses in its stats,
 * so the source addresses themselves are checked where our own media plane receives them.) Every integration test with real peers stands on this.
 */
class LibWebRtcLoopbackTest {
  private PeerConnectionFactory factory;
  private RTCPeerConnection offerer;
  private RTCPeerConnection answerer;
  private final List<String> offererCandidates = new CopyOnWriteArrayList<>();
  private final List<String> answererCandidates = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> offererConnected = new CompletableFuture<>();
  private final CompletableFuture<Void> answererConnected = new CompletableFuture<>();

  @BeforeEach
  void createPeers() {
    factory = LoopbackPeers.factory();
    answerer = factory.createPeerConnection(LoopbackPeers.configuration(),
        observer(answererCandidates, answererConnected, () -> offerer));
    offerer = factory.createPeerConnection(LoopbackPeers.configuration(),
        observer(offererCandidates, offererConnected, () -> answerer));
  }

  @AfterEach
  void closePeers() {
    offerer.close();
    answerer.close();
    factory.dispose();
  }

  @Test
  void twoLibWebRtcPeersConnectThroughLoopbackCandidates() throws Exception {
    VideoTrack track = factory.createVideoTrack("camera",
        new dev.onvoid.webrtc.media.video.CustomVideoSource());
    RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
    init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
    init.streamIds = List.of("stream");
    offerer.addTransceiver(track, init);

    CompletableFuture<RTCSessionDescription> offer = LoopbackPeers.sessionDescription();
    offerer.createOffer(new RTCOfferOptions(), LoopbackPeers.completing(offer));
    apply(offerer, answerer, offer.get(10, SECONDS));

    CompletableFuture<RTCSessionDescription> answer = LoopbackPeers.sessionDescription();
    answerer.createAnswer(new RTCAnswerOptions(), LoopbackPeers.completing(answer));
    apply(answerer, offerer, answer.get(10, SECONDS));

    assertThat(offer.get().sdp).contains("m=video", "a=sendonly", "VP8/90000");
    assertThat(answer.get().sdp).contains("m=video", "a=recvonly");

    offererConnected.get(20, SECONDS);
    answererConnected.get(20, SECONDS);
    // Each side was handed its peer's candidates on 127.0.0.1 only, and connected through them.
    assertThat(offererCandidates).isNotEmpty().allMatch(c -> c.contains(" 127.0.0.1 "));
    assertThat(answererCandidates).isNotEmpty().allMatch(c -> c.contains(" 127.0.0.1 "));
    assertThat(track.getKind()).isEqualTo(MediaStreamTrack.VIDEO_TRACK_KIND);
  }

  private static void apply(RTCPeerConnection local, RTCPeerConnection remote,
      RTCSessionDescription description) throws Exception {
    CompletableFuture<Void> localSet = new CompletableFuture<>();
    local.setLocalDescription(description, LoopbackPeers.applied(localSet));
    localSet.get(10, SECONDS);
    CompletableFuture<Void> remoteSet = new CompletableFuture<>();
    remote.setRemoteDescription(description, LoopbackPeers.applied(remoteSet));
    remoteSet.get(10, SECONDS);
  }

  /** Hands each loopback candidate to the other peer and notes when this one connects. */
  private static PeerConnectionObserver observer(List<String> gathered,
      CompletableFuture<Void> connected, java.util.function.Supplier<RTCPeerConnection> other) {
    return new PeerConnectionObserver() {
      @Override
      public void onIceCandidate(RTCIceCandidate candidate) {
        if (LoopbackPeers.isUdpIpv4(candidate.sdp)) {
          String loopback = LoopbackPeers.onLoopback(candidate.sdp);
          gathered.add(loopback);
          other.get().addIceCandidate(
              new RTCIceCandidate(candidate.sdpMid, candidate.sdpMLineIndex, loopback));
        }
      }

      @Override
      public void onConnectionChange(RTCPeerConnectionState state) {
        if (state == RTCPeerConnectionState.CONNECTED) {
          connected.complete(null);
        } else if (state == RTCPeerConnectionState.FAILED) {
          connected.completeExceptionally(new IllegalStateException("ICE/DTLS failed"));
        }
      }
    };
  }
}
