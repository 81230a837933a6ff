package dev.vertxsfu.media.negotiation;

import static dev.vertxsfu.media.negotiation.Fixtures.capture;
import static dev.vertxsfu.media.negotiation.Fixtures.media;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxsfu.wire.sdp.Candidate;
import dev.vertxsfu.wire.sdp.Direction;
import dev.vertxsfu.wire.sdp.ExtMap;
import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.SessionDescription;
import dev.vertxsfu.wire.sdp.Setup;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The SFU's answers to the Chromium 156 offers captured in src/test/resources/wire/sdp. */
@Tag("fast")
class ChromiumOfferTest {
  private final SessionNegotiator negotiator = Fixtures.negotiator();

  private static List<Integer> extIds(MediaDescription m) {
    return m.attributes().extMaps().stream().map(ExtMap::id).toList();
  }

  /** The answer as text, parsed again: what the client will read. */
  private static SessionDescription reparsed(Answer answer) {
    SessionDescription sdp = SessionDescription.parse(answer.sdp());
    assertThat(sdp.format()).isEqualTo(answer.description().format());
    return sdp;
  }

  @Test
  void audioVideoDataOfferIsAnsweredIceLitePassiveBundledWithDataRejected() {
    SessionDescription sdp = reparsed(negotiator.answer(capture("chromium-offer-av-data.sdp")));

    assertThat(sdp.origin().sessionId()).isEqualTo("4242");
    assertThat(sdp.origin().sessionVersion()).isEqualTo("1");
    assertThat(sdp.attributes().iceLite()).isTrue();
    assertThat(sdp.attributes().bundleGroup().mids()).containsExactly("0", "1");
    assertThat(sdp.attributes().has("msid-semantic")).isTrue();
    assertThat(sdp.media()).extracting(MediaDescription::mid).containsExactly("0", "1", "2");
    for (MediaDescription m : sdp.media().subList(0, 2)) {
      assertThat(m.port()).isEqualTo(40000);
      assertThat(m.connections()).singleElement()
          .satisfies(c -> assertThat(c.address()).isEqualTo("192.0.2.10"));
      assertThat(m.attributes().setup()).isEqualTo(Setup.PASSIVE);
      assertThat(m.attributes().iceUfrag()).isEqualTo("sfuUfragAbCd");
      assertThat(m.attributes().icePwd()).isEqualTo("sfuPasswordAbCdEfGhIjKlMn");
      assertThat(m.attributes().fingerprints()).singleElement()
          .satisfies(f -> assertThat(f.format()).isEqualTo("sha-256 " + Fixtures.FINGERPRINT));
      assertThat(m.attributes().rtcpMux()).isTrue();
      assertThat(m.attributes().rtcpRsize()).isTrue();
      assertThat(sdp.direction(m)).isEqualTo(Direction.RECVONLY);
      assertThat(m.attributes().has("msid")).isFalse();
    }
    MediaDescription audio = media(sdp, "0");
    assertThat(audio.formats()).containsExactly("111");
    assertThat(audio.attributes().fmtp(111).parameterText()).isEqualTo("minptime=10;useinbandfec=1");
    assertThat(extIds(audio)).containsExactly(1, 2, 3, 4);
    assertThat(audio.attributes().candidates()).extracting(Candidate::address, Candidate::port)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("192.0.2.10", 40000),
            org.assertj.core.groups.Tuple.tuple("2001:db8::10", 40000));
    assertThat(audio.attributes().candidates()).allMatch(c -> c.type().equals("host")
        && c.isUdp() && c.component() == 1);
    assertThat(audio.attributes().endOfCandidates()).isTrue();

    MediaDescription video = media(sdp, "1");
    // red (118), its rtx (119) and ulpfec (120) are not taken; every codec keeps its RTX
    assertThat(video.formats()).containsExactly("96", "97", "102", "103", "104", "107", "108",
        "109", "114", "115", "116", "117", "39", "40", "45", "46", "98", "99", "100", "101");
    assertThat(video.attributes().fmtp(97).apt()).isEqualTo(96);
    assertThat(video.attributes().fmtp(108).parameterText())
        .isEqualTo("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f");
    assertThat(video.attributes().rtcpFbs().stream().filter(fb -> fb.payloadType() == 96)
        .map(fb -> fb.format())).containsExactly("96 goog-remb", "96 transport-cc",
            "96 ccm fir", "96 nack", "96 nack pli");
    // toffset, abs-send-time, video-orientation, transport-cc, mid, rid, repaired-rid: the
    // client's ids; playout-delay, content-type, timing and color-space (5-8) are not taken
    assertThat(extIds(video)).containsExactly(14, 2, 13, 3, 4, 10, 11);
    assertThat(video.attributes().candidates()).isEmpty();

    MediaDescription data = media(sdp, "2");
    assertThat(data.port()).isZero();
    assertThat(data.proto()).isEqualTo("UDP/DTLS/SCTP");
    assertThat(data.formats()).containsExactly("webrtc-datachannel");
  }

  @Test
  void audioVideoDataOfferGivesTheClientsTracks() {
    Answer answer = negotiator.answer(capture("chromium-offer-av-data.sdp"));

    assertThat(answer.addedTracks()).isEqualTo(answer.receivedTracks());
    assertThat(answer.removedTracks()).isEmpty();
    assertThat(answer.remote()).isEqualTo(new RemoteEndpoint("CU36", "wxoN9qK754WA/uzjpFvNyKzZ",
        "sha-256", "38:18:72:3A:67:8B:2E:EF:23:15:55:03:9E:82:2D:A1:52:74:59:A4:DB:6C:34:DE:28:"
            + "D3:25:C2:C1:69:77:F7"));
    ReceivedTrack audio = answer.receivedTracks().get(0);
    assertThat(audio.mid()).isEqualTo("0");
    assertThat(audio.kind()).isEqualTo(MediaKind.AUDIO);
    assertThat(audio.streamId()).isEqualTo("8422f9a5-3aa8-4caf-a4b0-d74cb013fc96");
    assertThat(audio.trackId()).isEqualTo("cfa06593-bae8-482a-9982-36368e63ba9f");
    assertThat(audio.ssrcs()).containsExactly(new StreamSsrcs(2213053582L, StreamSsrcs.NONE));
    assertThat(audio.cname()).isEqualTo("ifGdv3dqempJjiIX");
    assertThat(audio.codecs()).singleElement().satisfies(c -> {
      assertThat(c.payloadType()).isEqualTo(111);
      assertThat(c.codec()).isEqualTo(new RtpCodec("opus", 48000, 2,
          java.util.Map.of("minptime", "10", "useinbandfec", "1")));
      assertThat(c.rtcpFeedback()).containsExactly(RtcpFeedback.TRANSPORT_CC);
    });
    assertThat(audio.extensionIds().audioLevel()).isEqualTo(1);
    assertThat(audio.extensionIds().absSendTime()).isEqualTo(2);
    assertThat(audio.extensionIds().transportCc()).isEqualTo(3);
    assertThat(audio.extensionIds().mid()).isEqualTo(4);

    ReceivedTrack video = answer.receivedTracks().get(1);
    assertThat(video.trackId()).isEqualTo("1a6c64b5-ab84-4ad3-a238-3ed3095320fb");
    assertThat(video.ssrcs()).containsExactly(new StreamSsrcs(4036239639L, 3038876841L));
    assertThat(video.rids()).isEmpty();
    assertThat(video.simulcast()).isFalse();
    assertThat(video.codecs()).extracting(c -> c.codec().name(), NegotiatedCodec::payloadType,
        NegotiatedCodec::rtxPayloadType).startsWith(
            org.assertj.core.groups.Tuple.tuple("VP8", 96, 97),
            org.assertj.core.groups.Tuple.tuple("H264", 102, 103));
    assertThat(video.codecs()).hasSize(10);
    assertThat(video.codecs().get(0).rtcpFeedback()).containsExactly(RtcpFeedback.GOOG_REMB,
        RtcpFeedback.TRANSPORT_CC, RtcpFeedback.CCM_FIR, RtcpFeedback.NACK,
        RtcpFeedback.NACK_PLI);
    assertThat(video.extensionIds().rid()).isEqualTo(10);
    assertThat(video.extensionIds().repairedRid()).isEqualTo(11);
    assertThat(video.extensionIds().videoOrientation()).isEqualTo(13);
    assertThat(video.extensionIds().audioLevel()).isZero();
  }

  @Test
  void simulcastOfferIsAnsweredWithRecvRidsAndGivesTheRids() {
    Answer answer = negotiator.answer(capture("chromium-offer-simulcast.sdp"));
    SessionDescription sdp = reparsed(answer);

    MediaDescription video = media(sdp, "0");
    assertThat(video.attributes().rids()).extracting(r -> r.format())
        .containsExactly("q recv", "h recv", "f recv");
    assertThat(video.attributes().simulcast().format()).isEqualTo("recv q;h;f");
    assertThat(sdp.direction(video)).isEqualTo(Direction.RECVONLY);
    assertThat(extIds(video)).contains(10, 11);
    ReceivedTrack track = answer.receivedTracks().get(0);
    assertThat(track.rids()).containsExactly("q", "h", "f");
    assertThat(track.ssrcs()).isEmpty();
    assertThat(track.simulcast()).isTrue();
    assertThat(track.extensionIds().rid()).isEqualTo(10);
    assertThat(track.extensionIds().repairedRid()).isEqualTo(11);
    assertThat(track.extensionIds().mid()).isEqualTo(9);
  }

  @Test
  void recvOnlyOfferIsAnsweredInactiveWithNoTrack() {
    Answer answer = negotiator.answer(capture("chromium-offer-recvonly.sdp"));
    SessionDescription sdp = reparsed(answer);

    assertThat(answer.receivedTracks()).isEmpty();
    assertThat(sdp.media()).allSatisfy(m -> {
      assertThat(sdp.direction(m)).isEqualTo(Direction.INACTIVE);
      assertThat(m.port()).isEqualTo(40000);
      assertThat(m.attributes().ssrcs()).isEmpty();
    });
    assertThat(sdp.attributes().bundleGroup().mids()).containsExactly("0", "1");
    assertThat(media(sdp, "1").formats()).startsWith("96", "97", "98", "99", "100", "101");
  }

  @Test
  void renegotiationAddsTheScreenTrackAndKeepsTheOthers() {
    Answer first = negotiator.answer(capture("chromium-offer-av-data.sdp"));
    Answer second = negotiator.answer(capture("chromium-offer-renegotiation.sdp"));
    SessionDescription sdp = reparsed(second);

    assertThat(sdp.origin().sessionId()).isEqualTo("4242");
    assertThat(sdp.origin().sessionVersion()).isEqualTo("2");
    assertThat(sdp.attributes().bundleGroup().mids()).containsExactly("0", "1", "3");
    assertThat(media(sdp, "2").port()).isZero();
    assertThat(second.receivedTracks()).extracting(ReceivedTrack::mid)
        .containsExactly("0", "1", "3");
    assertThat(second.addedTracks()).singleElement().satisfies(t -> {
      assertThat(t.mid()).isEqualTo("3");
      assertThat(t.trackId()).isEqualTo("b2a3be88-66b4-4f4c-bb5c-85ef42005763");
      assertThat(t.streamId()).isEqualTo("1372295c-2935-486c-a8ac-d6f9dccc754b");
      assertThat(t.ssrcs()).containsExactly(new StreamSsrcs(2478103522L, 748385856L));
    });
    assertThat(second.removedTracks()).isEmpty();
    assertThat(second.receivedTracks().subList(0, 2)).isEqualTo(first.receivedTracks());
  }

  @Test
  void gatheredOfferWithTcpAndIpv6CandidatesIsAnswered() {
    Answer answer = negotiator.answer(capture("chromium-offer-gathered.sdp"));

    assertThat(answer.receivedTracks()).hasSize(2);
    assertThat(answer.remote().iceUfrag()).isEqualTo("9dAZ");
    assertThat(reparsed(answer).media()).extracting(MediaDescription::port)
        .containsExactly(40000, 40000, 0);
  }

  @Test
  void aFirstOfferWithOnlyADataChannelIsRefusedWithAClearMessage() {
    // Answering it with everything rejected would leave the room a client without transport
    assertThatThrownBy(() -> negotiator.answer(capture("chromium-offer-mdns.sdp")))
        .isInstanceOf(NegotiationException.class)
        .hasMessageContaining("data channels are not supported");

    assertThat(negotiator.answer(capture("chromium-offer-gathered.sdp")).remote()).isNotNull();
  }
}
