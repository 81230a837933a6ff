package dev.vertxsfu.testpeer;

import static java.util.concurrent.TimeUnit.SECONDS;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One real libwebrtc peer connection for tests, with blocking helpers (each waits at most
 * {@value #TIMEOUT_SECONDS} s) for offer/answer, its loopback candidates, its connection state,
 * and the remote tracks it receives. Also the base the Java client grows from.
 */
public final class TestPeer implements AutoCloseable {
  static final int TIMEOUT_SECONDS = 15;

  private final RTCPeerConnection connection;
  private final AudioCaptureGate gate;
  private final List<RTCIceCandidate> candidates = new CopyOnWriteArrayList<>();
  private final List<RTCRtpTransceiver> remoteTracks = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> connected = new CompletableFuture<>();
  private final List<RTCIceCandidate> pendingRemoteCandidates = new java.util.ArrayList<>();
  private boolean hasRemoteDescription;
  private volatile Consumer<RTCIceCandidate> onCandidate = candidates::add;
  private volatile Consumer<RTCRtpTransceiver> onTrack = remoteTracks::add;

  /** A peer connection on {@code libWebRtc}, whose microphones it keeps out of its changes. */
  public TestPeer(LibWebRtc libWebRtc) {
    gate = libWebRtc.audioGate();
    connection = libWebRtc.factory().createPeerConnection(LoopbackPeers.configuration(),
        new PeerConnectionObserver() {
          @Override
          public void onIceCandidate(RTCIceCandidate candidate) {
            if (LoopbackPeers.isUdpIpv4(candidate.sdp)) {
              onCandidate.accept(new RTCIceCandidate(candidate.sdpMid, candidate.sdpMLineIndex,
                  LoopbackPeers.onLoopback(candidate.sdp)));
            }
          }

          @Override
          public void onConnectionChange(RTCPeerConnectionState state) {
            if (state == RTCPeerConnectionState.CONNECTED) {
              gate.connected(connection);
              connected.complete(null);
            } else if (state == RTCPeerConnectionState.FAILED) {
              connected.completeExceptionally(new IllegalStateException("connection failed"));
            }
          }

          @Override
          public void onTrack(RTCRtpTransceiver transceiver) {
            onTrack.accept(transceiver);
          }
        });
    gate.connecting(connection);
  }

  public RTCPeerConnection connection() {
    return connection;
  }

  /** Sends each loopback candidate (those gathered so far, then new ones) to {@code sink}. */
  public void trickleTo(Consumer<RTCIceCandidate> sink) {
    onCandidate = sink;
    candidates.forEach(sink);
  }

  /** Hands each remote track (those received so far, then new ones) to {@code sink}. */
  public void onRemoteTrack(Consumer<RTCRtpTransceiver> sink) {
    onTrack = sink;
    remoteTracks.forEach(sink);
  }

  public VideoTrack addVideo(PeerConnectionFactory factory, CustomVideoSource source,
      String trackId, String streamId) {
    VideoTrack track = factory.createVideoTrack(trackId, source);
    change(() -> connection.addTrack(track, List.of(streamId)));
    return track;
  }

  public AudioTrack addAudio(PeerConnectionFactory factory, CustomAudioSource source,
      String trackId, String streamId) {
    AudioTrack track = factory.createAudioTrack(trackId, source);
    change(() -> connection.addTrack(track, List.of(streamId)));
    return track;
  }

  /**
   * A transceiver that only receives, as a subscriber-only client adds one per kind before its
   * first offer (docs/protocol.md, step 2). libwebrtc wants a track for it, which is never sent.
   */
  public void addReceiveOnly(dev.onvoid.webrtc.media.MediaStreamTrack placeholder) {
    dev.onvoid.webrtc.RTCRtpTransceiverInit init = new dev.onvoid.webrtc.RTCRtpTransceiverInit();
    init.direction = dev.onvoid.webrtc.RTCRtpTransceiverDirection.RECV_ONLY;
    change(() -> connection.addTransceiver(placeholder, init));
  }

  /** Creates an offer and sets it as the local description; returns its SDP. */
  public String createOffer() throws Exception {
    CompletableFuture<RTCSessionDescription> offer = LoopbackPeers.sessionDescription();
    connection.createOffer(new RTCOfferOptions(), LoopbackPeers.completing(offer));
    RTCSessionDescription description = offer.get(TIMEOUT_SECONDS, SECONDS);
    setLocal(description);
    return description.sdp;
  }

  /**
   * Creates an offer, changes it with {@code munge} (SSRC simulcast: {@link SimulcastSdp}) and
   * sets that as the local description; returns its SDP.
   */
  public String createOffer(java.util.function.UnaryOperator<String> munge) throws Exception {
    CompletableFuture<RTCSessionDescription> offer = LoopbackPeers.sessionDescription();
    connection.createOffer(new RTCOfferOptions(), LoopbackPeers.completing(offer));
    RTCSessionDescription description = offer.get(TIMEOUT_SECONDS, SECONDS);
    RTCSessionDescription munged =
        new RTCSessionDescription(description.sdpType, munge.apply(description.sdp));
    setLocal(munged);
    return munged.sdp;
  }

  /** Applies a remote offer, creates the answer and sets it locally; returns its SDP. */
  public String answer(String offerSdp) throws Exception {
    setRemote(new RTCSessionDescription(RTCSdpType.OFFER, offerSdp));
    CompletableFuture<RTCSessionDescription> answer = LoopbackPeers.sessionDescription();
    connection.createAnswer(new RTCAnswerOptions(), LoopbackPeers.completing(answer));
    RTCSessionDescription description = answer.get(TIMEOUT_SECONDS, SECONDS);
    setLocal(description);
    return description.sdp;
  }

  /** Applies the remote answer to our offer. */
  public void applyAnswer(String answerSdp) throws Exception {
    setRemote(new RTCSessionDescription(RTCSdpType.ANSWER, answerSdp));
  }

  /** Adds a remote candidate, or keeps it until a remote description is set (libwebrtc
   * refuses candidates before that). */
  public synchronized void addRemoteCandidate(RTCIceCandidate candidate) {
    if (hasRemoteDescription) {
      connection.addIceCandidate(candidate);
    } else {
      pendingRemoteCandidates.add(candidate);
    }
  }

  /** Waits until ICE and DTLS are connected. */
  public void awaitConnected() throws Exception {
    connected.get(TIMEOUT_SECONDS, SECONDS);
  }

  private void setLocal(RTCSessionDescription description) throws Exception {
    gate.around(() -> {
      LoopbackPeers.setLocal(connection, description);
      return null;
    });
  }

  private void setRemote(RTCSessionDescription description) throws Exception {
    gate.around(() -> {
      LoopbackPeers.setRemote(connection, description);
      return null;
    });
    synchronized (this) {
      hasRemoteDescription = true;
      pendingRemoteCandidates.forEach(connection::addIceCandidate);
      pendingRemoteCandidates.clear();
    }
  }

  /** A track change, which may start a send stream, inside the microphones' gate. */
  private void change(AudioCaptureGate.Change<?> change) {
    try {
      gate.around(change);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    connection.close();
    gate.closed(connection);
  }
}
