package dev.vertxsfu.media.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.vertxsfu.testpeer.LibWebRtc;
import dev.vertxsfu.wire.sdp.Direction;
import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.SessionDescription;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real check: a libwebrtc peer connection (webrtc-java, the engine of Chromium) must accept
 * every description the negotiator writes, and the negotiator every one libwebrtc writes, over
 * a whole session: the client's first offer, SFU offers adding, removing and recycling m-lines,
 * a client re-offer, and glare. SDP only: no ICE, no media.
 *
 * <p>webrtc-java hands {@code onAddTrack} stream objects without a native handle (their
 * {@code id()} is null), so what a subscriber sees of the msid is checked through the remote
 * track's id and the number of streams it belongs to.
 */
class LibWebRtcNegotiationTest {
  private static final List<RtcpFeedback> VIDEO_FEEDBACK = List.of(RtcpFeedback.NACK,
      RtcpFeedback.NACK_PLI, RtcpFeedback.CCM_FIR, RtcpFeedback.TRANSPORT_CC);
  private static final RtpCodec OPUS =
      new RtpCodec("opus", 48000, 2, Map.of("minptime", "10", "useinbandfec", "1"));

  private LibWebRtc libWebRtc;
  private ClientPeer client;
  private SessionNegotiator negotiator;

  @BeforeEach
  void publisherWithCameraAndMicrophone() throws Exception {
    libWebRtc = new LibWebRtc();
    client = new ClientPeer(libWebRtc.factory());
    PeerConnectionFactory factory = libWebRtc.factory();
    client.connection().addTrack(factory.createVideoTrack("cam", libWebRtc.videoSource()),
        List.of("publisher"));
    client.connection().addTrack(factory.createAudioTrack("mic", libWebRtc.audioSource()),
        List.of("publisher"));
    negotiator = new SessionNegotiator(new LocalEndpoint("sfuUfragAbCd",
        "sfuPasswordAbCdEfGhIjKlMn", "sha-256", Fixtures.FINGERPRINT,
        List.of(new HostCandidate("127.0.0.1", 40000))), MediaCapabilities.defaults(), "sfu");
  }

  @AfterEach
  void close() {
    client.close();
    libWebRtc.close();
  }

  private Answer publish() throws Exception {
    Answer answer = negotiator.answer(client.createOffer());
    client.applyAnswer(answer.sdp());
    return answer;
  }

  private static SendTrack video(String key, String track, long ssrc) {
    return new SendTrack(key, MediaKind.VIDEO, track, "other-" + key, RtpCodec.of("VP8", 90000, 1),
        true, ssrc, ssrc + 1, VIDEO_FEEDBACK);
  }

  private static SendTrack audio(String key, String track, long ssrc) {
    return new SendTrack(key, MediaKind.AUDIO, track, "other-" + key, OPUS, false, ssrc,
        StreamSsrcs.NONE, List.of(RtcpFeedback.TRANSPORT_CC));
  }

  private List<NegotiatedSendTrack> subscribe(List<SendTrack> tracks) throws Exception {
    Offer offer = negotiator.createOffer(tracks);
    return negotiator.applyAnswer(client.answer(offer.sdp()));
  }

  @Test
  void libWebRtcAcceptsTheAnswerToItsOfferAndItsTracksAreRead() throws Exception {
    Answer answer = publish();

    assertThat(answer.receivedTracks()).extracting(ReceivedTrack::kind, ReceivedTrack::trackId,
        ReceivedTrack::streamId).containsExactly(
            org.assertj.core.groups.Tuple.tuple(MediaKind.VIDEO, "cam", "publisher"),
            org.assertj.core.groups.Tuple.tuple(MediaKind.AUDIO, "mic", "publisher"));
    ReceivedTrack camera = answer.receivedTracks().get(0);
    assertThat(camera.codecs().get(0).codec().name()).isEqualTo("VP8");
    assertThat(camera.codecs().get(0).rtxPayloadType()).isPositive();
    assertThat(camera.ssrcs()).singleElement().satisfies(s -> assertThat(s.hasRtx()).isTrue());
    assertThat(camera.extensionIds().mid()).isPositive();
    assertThat(camera.extensionIds().transportCc()).isPositive();
    assertThat(answer.receivedTracks().get(1).extensionIds().audioLevel()).isPositive();
    assertThat(client.connection().getRemoteDescription().sdp).contains("a=ice-lite");
  }

  @Test
  void libWebRtcAcceptsAnSfuOfferAndSeesThePublishersTracks() throws Exception {
    Answer published = publish();
    int clientVp8 = published.receivedTracks().get(0).codecs().get(0).payloadType();

    Offer offer = negotiator.createOffer(List.of(video("c1", "other-cam", 1111),
        audio("c2", "other-mic", 3333)));
    String clientAnswer = client.answer(offer.sdp());
    List<NegotiatedSendTrack> sent = negotiator.applyAnswer(clientAnswer);

    assertThat(offer.mids()).containsEntry("c1", "2").containsEntry("c2", "3");
    assertThat(sent).extracting(NegotiatedSendTrack::key, NegotiatedSendTrack::accepted)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("c1", true),
            org.assertj.core.groups.Tuple.tuple("c2", true));
    NegotiatedSendTrack camera = sent.get(0);
    assertThat(camera.payloadType()).isEqualTo(clientVp8);
    assertThat(camera.rtxPayloadType()).isEqualTo(clientVp8 + 1);
    assertThat(camera.rtcpFeedback()).contains(RtcpFeedback.NACK, RtcpFeedback.NACK_PLI,
        RtcpFeedback.TRANSPORT_CC);
    assertThat(camera.extensionIds().mid()).isEqualTo(published.receivedTracks().get(0)
        .extensionIds().mid());
    assertThat(sent.get(1).payloadType()).isEqualTo(111);
    assertThat(sent.get(1).extensionIds().audioLevel()).isPositive();
    SessionDescription answer = SessionDescription.parse(clientAnswer);
    assertThat(answer.direction(Fixtures.media(answer, "2"))).isEqualTo(Direction.RECVONLY);
    assertThat(client.remoteTracks()).extracting(ClientPeer.RemoteTrack::trackId)
        .containsExactly("other-cam", "other-mic");
    assertThat(client.remoteTracks()).allSatisfy(t -> assertThat(t.streamIds()).hasSize(1));
    assertThat(client.trackEvents()).containsExactly("2", "3");
  }

  @Test
  void aRemovedTracksMLineGoesInactiveAndIsRecycledForTheNextTrackOfItsKind() throws Exception {
    publish();
    subscribe(List.of(video("c1", "other-cam", 1111), audio("c2", "other-mic", 3333)));

    Offer removal = negotiator.createOffer(List.of(video("c1", "other-cam", 1111)));
    MediaDescription freed = Fixtures.media(removal.description(), "3");
    assertThat(removal.description().direction(freed)).isEqualTo(Direction.INACTIVE);
    assertThat(freed.attributes().has("msid")).isFalse();
    assertThat(freed.attributes().ssrcs()).isEmpty();
    assertThat(negotiator.applyAnswer(client.answer(removal.sdp()))).hasSize(1);

    Offer recycling = negotiator.createOffer(List.of(video("c1", "other-cam", 1111),
        audio("c3", "third-mic", 5555)));
    assertThat(recycling.mid("c3")).isEqualTo("3");
    assertThat(recycling.description().media()).hasSize(4);
    List<NegotiatedSendTrack> sent = negotiator.applyAnswer(client.answer(recycling.sdp()));
    assertThat(sent.get(1)).satisfies(t -> {
      assertThat(t.mid()).isEqualTo("3");
      assertThat(t.accepted()).isTrue();
      assertThat(t.payloadType()).isEqualTo(111);
    });
    // libwebrtc fires a new track event on the recycled m-line; its receiver keeps the track
    // object (and id) it made for the m-line's first track: only the msid's stream tells them
    // apart, which is why the SFU writes the publisher's stream id.
    assertThat(client.trackEvents()).containsExactly("2", "3", "3");
  }

  @Test
  void aClientReOfferKeepsTheSfusSendingMLines() throws Exception {
    publish();
    subscribe(List.of(video("c1", "other-cam", 1111), audio("c2", "other-mic", 3333)));
    client.connection().addTrack(libWebRtc.factory().createVideoTrack("screen",
        libWebRtc.videoSource()), List.of("publisher"));

    Answer answer = negotiator.answer(client.createOffer());
    client.applyAnswer(answer.sdp());

    SessionDescription sdp = answer.description();
    MediaDescription camera = Fixtures.media(sdp, "2");
    MediaDescription microphone = Fixtures.media(sdp, "3");
    assertThat(camera.attributes().msids()).singleElement()
        .satisfies(m -> assertThat(m.appData()).isEqualTo("other-cam"));
    assertThat(sdp.direction(camera).sends()).isTrue();
    assertThat(sdp.direction(microphone)).isEqualTo(Direction.SENDONLY);
    assertThat(microphone.attributes().ssrcs()).extracting(s -> s.ssrc()).contains(3333L);
    assertThat(answer.sendTracks()).extracting(NegotiatedSendTrack::key,
        NegotiatedSendTrack::accepted).containsExactly(
            org.assertj.core.groups.Tuple.tuple("c1", true),
            org.assertj.core.groups.Tuple.tuple("c2", true));
    // libwebrtc puts the new track on a transceiver our offer made (JSEP addTrack reuse), so
    // the m-line carrying our camera now also carries the client's screen
    assertThat(answer.addedTracks()).singleElement().satisfies(t -> {
      assertThat(t.kind()).isEqualTo(MediaKind.VIDEO);
      assertThat(t.streamId()).isEqualTo("publisher");
    });
    assertThat(answer.removedTracks()).isEmpty();
    assertThat(answer.receivedTracks()).hasSize(3);
  }

  @Test
  void onGlareTheSfuRollsBackAnswersTheClientAndOffersAgain() throws Exception {
    publish();
    negotiator.createOffer(List.of(video("c1", "other-cam", 1111)));
    client.connection().addTrack(libWebRtc.factory().createVideoTrack("screen",
        libWebRtc.videoSource()), List.of("publisher"));
    String clientOffer = client.createOffer();

    assertThatThrownBy(() -> negotiator.answer(clientOffer))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("rollback()");
    negotiator.rollback();
    assertThat(negotiator.hasPendingOffer()).isFalse();
    Answer answer = negotiator.answer(clientOffer);
    client.applyAnswer(answer.sdp());
    assertThat(answer.addedTracks()).singleElement()
        .satisfies(t -> assertThat(t.mid()).isEqualTo("2"));

    Offer again = negotiator.createOffer(List.of(video("c1", "other-cam", 1111)));
    assertThat(again.mid("c1")).isEqualTo("3");
    List<NegotiatedSendTrack> sent = negotiator.applyAnswer(client.answer(again.sdp()));
    assertThat(sent).singleElement().satisfies(t -> assertThat(t.accepted()).isTrue());
    assertThat(client.remoteTracks()).extracting(ClientPeer.RemoteTrack::trackId)
        .containsExactly("other-cam");
  }

  @Test
  void anH264TrackIsAcceptedOnlyInAProfileTheSubscriberDecodes() throws Exception {
    Answer published = publish();
    RtpCodec constrainedBaseline = new RtpCodec("H264", 90000, 1, Map.of(
        "level-asymmetry-allowed", "1", "packetization-mode", "1", "profile-level-id", "42e01f"));
    RtpCodec high = new RtpCodec("H264", 90000, 1, Map.of(
        "level-asymmetry-allowed", "1", "packetization-mode", "1", "profile-level-id", "640032"));
    assertThat(negotiator.clientSupports(MediaKind.VIDEO, constrainedBaseline)).isTrue();
    assertThat(negotiator.clientSupports(MediaKind.VIDEO, high)).isFalse();

    List<NegotiatedSendTrack> sent = subscribe(List.of(
        new SendTrack("cb", MediaKind.VIDEO, "cb", "s", constrainedBaseline, true, 10, 11,
            VIDEO_FEEDBACK),
        new SendTrack("high", MediaKind.VIDEO, "high", "s", high, true, 20, 21, VIDEO_FEEDBACK)));

    NegotiatedCodec clientCb = CodecNegotiation.find(published.receivedTracks().get(0).codecs(),
        constrainedBaseline);
    assertThat(sent.get(0).accepted()).isTrue();
    assertThat(sent.get(0).payloadType()).isEqualTo(clientCb.payloadType());
    assertThat(sent.get(0).rtxPayloadType()).isEqualTo(clientCb.rtxPayloadType());
    assertThat(sent.get(1).accepted()).isFalse();
    assertThat(sent.get(1).reason()).contains("port 0"); // libwebrtc rejects the m-line
  }
}
