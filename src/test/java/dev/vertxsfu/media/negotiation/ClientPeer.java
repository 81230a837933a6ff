package dev.vertxsfu.media.negotiation;

import static java.util.concurrent.TimeUnit.SECONDS;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpReceiver;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.MediaStream;
import dev.vertxsfu.testpeer.LoopbackPeers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real libwebrtc peer connection playing the browser in the negotiation tests: offer, answer,
 * apply an answer, and a record of the remote tracks it announces with the streams each belongs
 * to ({@code onAddTrack}, where libwebrtc reports the {@code a=msid} stream ids; the
 * testpeer's {@code TestPeer} keeps only transceivers). SDP-level only: nobody waits for ICE.
 */
final class ClientPeer implements AutoCloseable {
  private static final int TIMEOUT_SECONDS = 15;

  /** One {@code onAddTrack}: the receiver's track and the stream ids the remote msid gave. */
  record RemoteTrack(String kind, String trackId, List<String> streamIds) {}

  private final RTCPeerConnection connection;
  private final List<RemoteTrack> remoteTracks = new CopyOnWriteArrayList<>();
  private final List<String> transceiverEvents = new CopyOnWriteArrayList<>();

  ClientPeer(PeerConnectionFactory factory) {
    connection = factory.createPeerConnection(LoopbackPeers.configuration(),
        new PeerConnectionObserver() {
          @Override
          public void onIceCandidate(RTCIceCandidate candidate) {
            // SDP-level tests: candidates go nowhere
          }

          @Override
          public void onAddTrack(RTCRtpReceiver receiver, MediaStream[] streams) {
            List<String> ids = new ArrayList<>();
            for (MediaStream stream : streams) {
              ids.add(stream.id());
            }
            remoteTracks.add(new RemoteTrack(receiver.getTrack().getKind(),
                receiver.getTrack().getId(), ids));
          }

          @Override
          public void onTrack(RTCRtpTransceiver transceiver) {
            transceiverEvents.add(transceiver.getMid());
          }
        });
  }

  RTCPeerConnection connection() {
    return connection;
  }

  /** The tracks announced so far, in order. */
  List<RemoteTrack> remoteTracks() {
    return remoteTracks;
  }

  /** The mids of the transceivers {@code onTrack} fired for, in order. */
  List<String> trackEvents() {
    return transceiverEvents;
  }

  String createOffer() throws Exception {
    CompletableFuture<RTCSessionDescription> offer = new CompletableFuture<>();
    connection.createOffer(new RTCOfferOptions(), LoopbackPeers.completing(offer));
    RTCSessionDescription description = offer.get(TIMEOUT_SECONDS, SECONDS);
    set(description, true);
    return description.sdp;
  }

  String answer(String offerSdp) throws Exception {
    set(new RTCSessionDescription(RTCSdpType.OFFER, offerSdp), false);
    CompletableFuture<RTCSessionDescription> answer = new CompletableFuture<>();
    connection.createAnswer(new RTCAnswerOptions(), LoopbackPeers.completing(answer));
    RTCSessionDescription description = answer.get(TIMEOUT_SECONDS, SECONDS);
    set(description, true);
    return description.sdp;
  }

  void applyAnswer(String answerSdp) throws Exception {
    set(new RTCSessionDescription(RTCSdpType.ANSWER, answerSdp), false);
  }

  /** Applies a remote offer without answering it (to see libwebrtc refuse one). */
  void applyOffer(String offerSdp) throws Exception {
    set(new RTCSessionDescription(RTCSdpType.OFFER, offerSdp), false);
  }

  private void set(RTCSessionDescription description, boolean local) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (local) {
      connection.setLocalDescription(description, LoopbackPeers.applied(done));
    } else {
      connection.setRemoteDescription(description, LoopbackPeers.applied(done));
    }
    done.get(TIMEOUT_SECONDS, SECONDS);
  }

  @Override
  public void close() {
    connection.close();
  }
}
