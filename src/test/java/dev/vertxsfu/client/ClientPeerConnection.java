package dev.vertxsfu.client;

import static java.util.concurrent.TimeUnit.SECONDS;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.vertxsfu.testpeer.AudioCaptureGate;
import dev.vertxsfu.testpeer.LibWebRtc;
import dev.vertxsfu.testpeer.LoopbackPeers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The client's one libwebrtc peer connection, kept to loopback ({@link LoopbackPeers}).
 *
 * <p>Threads: every method runs on the client's signaling executor, and waits there (at most
 * {@value #TIMEOUT_SECONDS} s) for libwebrtc to create or apply a description, so one
 * negotiation step never interleaves with another. libwebrtc's callbacks arrive on its own
 * signaling thread and are handed to the executor before they reach the {@link Listener}.
 * Remote candidates that come before a remote description are kept until one is set.
 */
final class ClientPeerConnection {
  static final int TIMEOUT_SECONDS = 15;

  /** What the peer connection reports, always called on the signaling executor. */
  interface Listener {
    /** A local candidate, already on 127.0.0.1, or {@code null} at the end of gathering. */
    void onLocalCandidate(RTCIceCandidate candidate);

    void onConnectionState(RTCPeerConnectionState state);
  }

  private final RTCPeerConnection connection;
  private final AudioCaptureGate gate;
  private final List<RTCIceCandidate> earlyRemoteCandidates = new ArrayList<>();
  private boolean hasRemoteDescription;

  ClientPeerConnection(LibWebRtc libWebRtc, dev.onvoid.webrtc.RTCConfiguration configuration,
      Executor signaling, Listener listener) {
    gate = libWebRtc.audioGate();
    connection = libWebRtc.factory().createPeerConnection(configuration,
        new PeerConnectionObserver() {
          @Override
          public void onIceCandidate(RTCIceCandidate candidate) {
            if (LoopbackPeers.isUdpIpv4(candidate.sdp)) {
              RTCIceCandidate loopback = new RTCIceCandidate(candidate.sdpMid,
                  candidate.sdpMLineIndex, LoopbackPeers.onLoopback(candidate.sdp));
              signaling.execute(() -> listener.onLocalCandidate(loopback));
            }
          }

          @Override
          public void onIceGatheringChange(RTCIceGatheringState state) {
            if (state == RTCIceGatheringState.COMPLETE) {
              signaling.execute(() -> listener.onLocalCandidate(null));
            }
          }

          @Override
          public void onConnectionChange(RTCPeerConnectionState state) {
            if (state == RTCPeerConnectionState.CONNECTED) {
              gate.connected(connection);
            }
            signaling.execute(() -> listener.onConnectionState(state));
          }
        });
    gate.connecting(connection);
  }

  RTCPeerConnection connection() {
    return connection;
  }

  /**
   * Sends {@code track} on a new m-line whose {@code a=msid} is {@code streamId} and the
   * track's id. Not {@code addTrack}: libwebrtc's {@code addTrack} reuses a transceiver the
   * SFU's offer created, and its sender keeps a random id, which libwebrtc writes as the
   * msid-appdata; the SFU would then announce (and {@code tracks_added} name) the track by that
   * id instead of the one this client knows it by.
   */
  RTCRtpSender addTrack(MediaStreamTrack track, String streamId) {
    RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
    init.direction = RTCRtpTransceiverDirection.SEND_RECV;
    init.streamIds = List.of(streamId);
    return change(() -> connection.addTransceiver(track, init).getSender());
  }

  /**
   * Stops sending {@code sender}'s track and stops its transceiver: the next offer rejects the
   * m-line (port 0), and libwebrtc recycles it for a later track, so publishing and unpublishing
   * again and again does not grow the SDP past docs/protocol.md's 64 KiB frame.
   */
  void removeTrack(RTCRtpSender sender) {
    String trackId = sender.getTrack() == null ? null : sender.getTrack().getId();
    for (var transceiver : connection.getTransceivers()) {
      var sent = transceiver.getSender().getTrack();
      if (trackId != null && sent != null && trackId.equals(sent.getId())) {
        change(() -> {
          transceiver.stop(); // webrtc-java wraps each native sender anew: match by track id
          return null;
        });
        return;
      }
    }
    change(() -> {
      connection.removeTrack(sender);
      return null;
    });
  }

  /**
   * A transceiver that only receives, as a client that publishes nothing adds one per kind to
   * its first offer (docs/protocol.md step 2); webrtc-java wants a track for it, never sent.
   */
  void addReceiveOnly(MediaStreamTrack placeholder) {
    RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
    init.direction = RTCRtpTransceiverDirection.RECV_ONLY;
    change(() -> connection.addTransceiver(placeholder, init));
  }

  /** Creates an offer and sets it locally; returns its SDP. */
  String createOffer() throws Exception {
    return createOffer(false, sdp -> sdp);
  }

  /**
   * Creates an offer, changes it with {@code munge} (SSRC simulcast: libwebrtc sends what its
   * local description says) and sets that locally; returns its SDP. With {@code iceRestart}
   * the offer has new ICE credentials (RTCOfferOptions.iceRestart): libwebrtc gathers anew and,
   * once the answer is applied, checks new paths (docs/protocol.md section 18). Creating and
   * setting the description go through the microphones' gate, as every description change
   * does.
   */
  String createOffer(boolean iceRestart, java.util.function.UnaryOperator<String> munge)
      throws Exception {
    CompletableFuture<RTCSessionDescription> offer = LoopbackPeers.sessionDescription();
    RTCOfferOptions options = new RTCOfferOptions();
    options.iceRestart = iceRestart;
    if (iceRestart) {
      gate.connecting(connection); // its next writable state may start send streams again
    }
    gate.around(() -> {
      connection.createOffer(options, LoopbackPeers.completing(offer));
      return null;
    });
    RTCSessionDescription description = offer.get(TIMEOUT_SECONDS, SECONDS);
    RTCSessionDescription munged =
        new RTCSessionDescription(description.sdpType, munge.apply(description.sdp));
    setLocal(munged);
    return munged.sdp;
  }

  /** Applies a remote offer, creates the answer and sets it locally; returns its SDP. */
  String answer(String offerSdp) throws Exception {
    setRemote(new RTCSessionDescription(RTCSdpType.OFFER, offerSdp));
    CompletableFuture<RTCSessionDescription> answer = LoopbackPeers.sessionDescription();
    connection.createAnswer(new RTCAnswerOptions(), LoopbackPeers.completing(answer));
    RTCSessionDescription description = answer.get(TIMEOUT_SECONDS, SECONDS);
    setLocal(description);
    return description.sdp;
  }

  void applyAnswer(String answerSdp) throws Exception {
    setRemote(new RTCSessionDescription(RTCSdpType.ANSWER, answerSdp));
  }

  /** Drops the local offer the SFU refused, back to the last stable state. */
  void rollback() throws Exception {
    setLocal(new RTCSessionDescription(RTCSdpType.ROLLBACK, ""));
  }

  void addRemoteCandidate(RTCIceCandidate candidate) {
    if (hasRemoteDescription) {
      connection.addIceCandidate(candidate);
    } else {
      earlyRemoteCandidates.add(candidate);
    }
  }

  void close() {
    connection.close();
    gate.closed(connection);
  }

  /** A track change, which may start a send stream, inside the microphones' gate. */
  private <T> T change(AudioCaptureGate.Change<T> change) {
    try {
      return gate.around(change);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
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
    hasRemoteDescription = true;
    earlyRemoteCandidates.forEach(connection::addIceCandidate);
    earlyRemoteCandidates.clear();
  }
}
