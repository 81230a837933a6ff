package dev.vertxsfu.media.negotiation;

import static dev.vertxsfu.media.negotiation.Fixtures.capture;
import static dev.vertxsfu.media.negotiation.Fixtures.media;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxsfu.wire.sdp.Direction;
import dev.vertxsfu.wire.sdp.ExtMap;
import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.SessionDescription;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The negotiator's state across exchanges, without libwebrtc: the client's answers come from
 * {@link ClientAnswers}, its re-offers are the captures with m-lines appended.
 */
@Tag("fast")
class SessionNegotiatorTest {
  private static final String AV = "chromium-offer-av-data.sdp";
  private static final List<RtcpFeedback> FEEDBACK =
      List.of(RtcpFeedback.NACK, RtcpFeedback.NACK_PLI, RtcpFeedback.TRANSPORT_CC);

  private final SessionNegotiator negotiator = Fixtures.negotiator();

  private static SendTrack vp8(String key, long ssrc) {
    return new SendTrack(key, MediaKind.VIDEO, "t-" + key, "s-" + key,
        RtpCodec.of("VP8", 90000, 1), true, ssrc, ssrc + 1, FEEDBACK);
  }

  private static SendTrack opus(String key, long ssrc) {
    return new SendTrack(key, MediaKind.AUDIO, "t-" + key, "s-" + key,
        RtpCodec.of("opus", 48000, 2), false, ssrc, StreamSsrcs.NONE,
        List.of(RtcpFeedback.TRANSPORT_CC));
  }

  /** Offers {@code tracks} and applies the answer {@link ClientAnswers} gives. */
  private List<NegotiatedSendTrack> subscribe(SendTrack... tracks) {
    Offer offer = negotiator.createOffer(List.of(tracks));
    return negotiator.applyAnswer(ClientAnswers.answer(offer.sdp()));
  }

  /**
   * A client re-offer: the capture with its BUNDLE group replaced and {@code blocks} (m-line
   * texts) appended.
   */
  private static String reOffer(String capture, String bundle, String... blocks) {
    String sdp = capture(capture).replaceFirst("a=group:BUNDLE [^\r]*", "a=group:BUNDLE " + bundle);
    return sdp + String.join("", blocks);
  }

  /** The client's side of one of our m-lines, as its re-offer would carry it. */
  private static String clientSide(Offer offer, String mid, Direction direction) {
    SessionDescription answer = ClientAnswers.answer(offer.sdp());
    MediaDescription m = media(answer, mid);
    m.attributes().setDirection(direction);
    m.attributes().replace(dev.vertxsfu.wire.sdp.Attribute.of("setup", "actpass"));
    SessionDescription single = new SessionDescription(answer.origin());
    single.media().add(m);
    String text = single.format();
    return text.substring(text.indexOf("m="));
  }

  @Test
  void theClientOffersFirst() {
    assertThatThrownBy(() -> negotiator.createOffer(List.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("client offers first");
  }

  @Test
  void oneOfferAtATimeAndAnswersWaitForARollback() {
    negotiator.answer(capture(AV));
    negotiator.createOffer(List.of(vp8("a", 10)));

    assertThatThrownBy(() -> negotiator.createOffer(List.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already pending");
    assertThatThrownBy(() -> negotiator.answer(capture(AV)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("rollback()");
  }

  @Test
  void twoTracksWithOneKeyAreRefused() {
    negotiator.answer(capture(AV));

    assertThatThrownBy(() -> negotiator.createOffer(List.of(vp8("a", 10), vp8("a", 20))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key a");
    assertThat(negotiator.hasPendingOffer()).isFalse();
  }

  @Test
  void everyLocalDescriptionHasTheSessionIdAndTheNextVersion() {
    List<String> versions = new java.util.ArrayList<>();
    versions.add(negotiator.answer(capture(AV)).description().origin().sessionVersion());
    versions.add(negotiator.createOffer(List.of()).description().origin().sessionVersion());
    negotiator.rollback();
    Offer offer = negotiator.createOffer(List.of(vp8("a", 10)));
    versions.add(offer.description().origin().sessionVersion());
    negotiator.applyAnswer(ClientAnswers.answer(offer.sdp()));
    versions.add(negotiator.answer(reOffer(AV, "0 1 2 3",
        clientSide(offer, "3", Direction.RECVONLY))).description().origin().sessionVersion());

    assertThat(versions).containsExactly("1", "2", "3", "4");
    assertThat(offer.description().origin().sessionId()).isEqualTo("4242");
    assertThat(offer.description().origin().username()).isEqualTo("-");
    SessionNegotiator random = new SessionNegotiator(Fixtures.LOCAL,
        MediaCapabilities.defaults(), "c");
    assertThat(random.sessionId()).isNotNegative().isNotEqualTo(new SessionNegotiator(
        Fixtures.LOCAL, MediaCapabilities.defaults(), "c").sessionId());
  }

  @Test
  void anSfuOfferUsesTheClientsPayloadTypesAndExtensionIds() {
    negotiator.answer(capture("firefox-offer-av-data.sdp"));
    Offer offer = negotiator.createOffer(List.of(vp8("v", 10), opus("a", 20)));
    SessionDescription sdp = offer.description();

    MediaDescription video = media(sdp, offer.mid("v"));
    assertThat(video.formats()).containsExactly("120", "124"); // Firefox's VP8 and its RTX
    assertThat(video.attributes().fmtp(124).apt()).isEqualTo(120);
    assertThat(video.attributes().extMaps()).extracting(ExtMap::id, ExtMap::uri)
        .contains(org.assertj.core.groups.Tuple.tuple(3, RtpHeaderExtensionUris.MID),
            org.assertj.core.groups.Tuple.tuple(4, RtpHeaderExtensionUris.ABS_SEND_TIME),
            org.assertj.core.groups.Tuple.tuple(7, RtpHeaderExtensionUris.TRANSPORT_CC),
            org.assertj.core.groups.Tuple.tuple(5, RtpHeaderExtensionUris.TOFFSET));
    // the rid extensions are offered (a later client offer that simulcasts needs them in the
    // session), under free numbers, though the SFU never sends them
    assertThat(video.attributes().extMaps()).extracting(ExtMap::uri)
        .contains(RtpHeaderExtensionUris.RTP_STREAM_ID,
            RtpHeaderExtensionUris.REPAIRED_RTP_STREAM_ID);
    assertThat(media(sdp, offer.mid("a")).formats()).containsExactly("109");
    assertThat(sdp.attributes().iceLite()).isTrue();
    assertThat(sdp.media()).filteredOn(m -> m.port() != 0)
        .allSatisfy(m -> assertThat(m.attributes().setup().value()).isEqualTo("actpass"));
  }

  @Test
  void anSfuOfferNumbersAKindTheClientNeverOfferedWithFreeNumbers() {
    CodecCapability vp8 = new CodecCapability(MediaKind.VIDEO, RtpCodec.of("VP8", 90000, 1),
        63, 97); // 63 is the client's red/48000 on its audio m-line
    CodecCapability opus = MediaCapabilities.defaults().codecs().get(0);
    SessionNegotiator audioOnly = new SessionNegotiator(Fixtures.LOCAL, new MediaCapabilities(
        List.of(opus, vp8), MediaCapabilities.defaults().rtcpFeedback(),
        MediaCapabilities.defaults().headerExtensions()), "sfu", 1);
    audioOnly.answer(Fixtures.own("chromium-offer-audio-only.sdp"));

    Offer offer = audioOnly.createOffer(List.of(vp8("v", 10)));
    MediaDescription video = media(offer.description(), "1");

    assertThat(video.formats()).containsExactly("96", "97");
    assertThat(video.attributes().extMaps()).extracting(ExtMap::id, ExtMap::uri).containsExactly(
        org.assertj.core.groups.Tuple.tuple(4, RtpHeaderExtensionUris.MID),
        org.assertj.core.groups.Tuple.tuple(2, RtpHeaderExtensionUris.ABS_SEND_TIME),
        org.assertj.core.groups.Tuple.tuple(3, RtpHeaderExtensionUris.TRANSPORT_CC),
        org.assertj.core.groups.Tuple.tuple(10, RtpHeaderExtensionUris.RTP_STREAM_ID),
        org.assertj.core.groups.Tuple.tuple(11, RtpHeaderExtensionUris.REPAIRED_RTP_STREAM_ID),
        org.assertj.core.groups.Tuple.tuple(13, RtpHeaderExtensionUris.VIDEO_ORIENTATION),
        org.assertj.core.groups.Tuple.tuple(14, RtpHeaderExtensionUris.TOFFSET));
    List<NegotiatedSendTrack> sent = audioOnly.applyAnswer(ClientAnswers.answer(offer.sdp()));
    assertThat(sent.get(0).payloadType()).isEqualTo(96);
    // the numbers stay: the next offer writes the same ones
    Offer next = audioOnly.createOffer(List.of(vp8("v", 10), vp8("w", 30)));
    assertThat(media(next.description(), next.mid("w")).formats()).containsExactly("96", "97");
  }

  @Test
  void anSfuOfferWritesTheSendTrackAsJsepAndRfc5576Say() {
    negotiator.answer(capture(AV));
    Offer offer = negotiator.createOffer(List.of(vp8("v", 1111)));
    MediaDescription video = media(offer.description(), "3");

    assertThat(offer.mids()).containsExactly(Map.entry("v", "3"));
    assertThat(offer.description().attributes().bundleGroup().mids())
        .containsExactly("0", "1", "3");
    assertThat(offer.description().direction(video)).isEqualTo(Direction.SENDONLY);
    assertThat(video.attributes().msids()).singleElement()
        .satisfies(m -> assertThat(m.format()).isEqualTo("s-v t-v"));
    assertThat(video.attributes().ssrcGroups()).singleElement()
        .satisfies(g -> assertThat(g.format()).isEqualTo("FID 1111 1112"));
    assertThat(video.attributes().ssrcs()).extracting(s -> s.format()).containsExactly(
        "1111 cname:sfu-cname", "1111 msid:s-v t-v", "1112 cname:sfu-cname",
        "1112 msid:s-v t-v");
    assertThat(video.attributes().rtcpFbs()).extracting(fb -> fb.format())
        .containsExactly("96 nack", "96 nack pli", "96 transport-cc");
    assertThat(video.attributes().candidates()).isEmpty();
    assertThat(media(offer.description(), "0").attributes().candidates()).hasSize(2);
    assertThat(offer.description().direction(media(offer.description(), "0")))
        .isEqualTo(Direction.RECVONLY);
    assertThat(media(offer.description(), "2").port()).isZero();
    assertThat(SessionDescription.parse(offer.sdp()).format()).isEqualTo(offer.sdp());
  }

  @Test
  void aRemovedTrackFreesItsMLineForTheNextOfferNotForTheSameOne() {
    negotiator.answer(capture(AV));
    subscribe(vp8("a", 10));

    Offer swap = negotiator.createOffer(List.of(vp8("b", 20)));
    assertThat(swap.mid("b")).isEqualTo("4");
    MediaDescription freed = media(swap.description(), "3");
    assertThat(swap.description().direction(freed)).isEqualTo(Direction.INACTIVE);
    assertThat(freed.attributes().ssrcs()).isEmpty();
    assertThat(freed.attributes().msids()).isEmpty();
    negotiator.applyAnswer(ClientAnswers.answer(swap.sdp()));

    Offer recycle = negotiator.createOffer(List.of(vp8("b", 20), vp8("c", 30)));
    assertThat(recycle.mids()).containsExactly(Map.entry("b", "4"), Map.entry("c", "3"));
    assertThat(recycle.description().media()).hasSize(5);
    assertThat(negotiator.applyAnswer(ClientAnswers.answer(recycle.sdp())))
        .allSatisfy(t -> assertThat(t.accepted()).isTrue());
    assertThat(negotiator.sendTracks()).extracting(NegotiatedSendTrack::key)
        .containsExactly("c", "b");
  }

  @Test
  void aSubscribersRecvOnlyTransceiversCarryTheFirstTracks() {
    negotiator.answer(capture("chromium-offer-recvonly.sdp"));

    Offer offer = negotiator.createOffer(List.of(opus("a", 10), vp8("v", 20)));

    assertThat(offer.mids()).containsExactly(Map.entry("a", "0"), Map.entry("v", "1"));
    assertThat(offer.description().media()).hasSize(2);
    MediaDescription video = media(offer.description(), "1");
    assertThat(video.formats()).containsExactly("96", "97");
    assertThat(offer.description().direction(video)).isEqualTo(Direction.SENDONLY);
  }

  @Test
  void aClientReOfferAnswersOurMLinesWithOurTrack() {
    negotiator.answer(capture(AV));
    Offer offer = negotiator.createOffer(List.of(vp8("v", 10)));
    negotiator.applyAnswer(ClientAnswers.answer(offer.sdp()));

    Answer answer = negotiator.answer(reOffer(AV, "0 1 2 3",
        clientSide(offer, "3", Direction.RECVONLY)));
    MediaDescription ours = media(answer.description(), "3");

    assertThat(answer.description().direction(ours)).isEqualTo(Direction.SENDONLY);
    assertThat(ours.attributes().msids()).singleElement()
        .satisfies(m -> assertThat(m.appData()).isEqualTo("t-v"));
    assertThat(ours.attributes().ssrcs()).extracting(s -> s.ssrc()).containsOnly(10L, 11L);
    assertThat(answer.sendTracks()).singleElement().satisfies(t -> {
      assertThat(t.accepted()).isTrue();
      assertThat(t.payloadType()).isEqualTo(96);
      assertThat(t.rtxPayloadType()).isEqualTo(97);
    });
    assertThat(answer.addedTracks()).isEmpty();
    assertThat(answer.removedTracks()).isEmpty();
  }

  @Test
  void aClientThatStopsReceivingOrRejectsOurMLineStopsOurTrack() {
    negotiator.answer(capture(AV));
    Offer offer = negotiator.createOffer(List.of(vp8("v", 10)));
    negotiator.applyAnswer(ClientAnswers.answer(offer.sdp()));

    Answer inactive = negotiator.answer(reOffer(AV, "0 1 2 3",
        clientSide(offer, "3", Direction.INACTIVE)));
    assertThat(inactive.description().direction(media(inactive.description(), "3")))
        .isEqualTo(Direction.INACTIVE);
    assertThat(inactive.sendTracks()).singleElement().satisfies(t -> {
      assertThat(t.accepted()).isFalse();
      assertThat(t.reason()).contains("does not receive on mid 3");
    });

    String rejected = clientSide(offer, "3", Direction.RECVONLY).replaceFirst("m=video 9",
        "m=video 0");
    Answer stopped = negotiator.answer(reOffer(AV, "0 1 2", rejected));
    assertThat(media(stopped.description(), "3").port()).isZero();
    assertThat(stopped.sendTracks()).singleElement()
        .satisfies(t -> assertThat(t.reason()).contains("rejected mid 3"));
    // a rejected m-line is never recycled: the track gets a new one
    assertThat(negotiator.createOffer(List.of(vp8("v", 10))).mid("v")).isEqualTo("4");
  }

  @Test
  void aClientThatStopsSendingOrReplacesItsTrackIsReported() {
    negotiator.answer(capture(AV));

    Answer stopped = negotiator.answer(capture(AV).replaceFirst("a=sendrecv", "a=recvonly"));
    assertThat(stopped.removedTracks()).extracting(ReceivedTrack::mid).containsExactly("0");
    assertThat(stopped.receivedTracks()).extracting(ReceivedTrack::mid).containsExactly("1");
    assertThat(stopped.addedTracks()).isEmpty();

    Answer replaced = negotiator.answer(capture(AV).replace("cfa06593-bae8-482a-9982-36368e63ba9f",
        "new-microphone").replace("2213053582", "12345"));
    assertThat(replaced.addedTracks()).singleElement().satisfies(t -> {
      assertThat(t.trackId()).isEqualTo("new-microphone");
      assertThat(t.ssrcs()).containsExactly(new StreamSsrcs(12345, StreamSsrcs.NONE));
    });
    assertThat(replaced.removedTracks()).isEmpty(); // mid 0 was not received just before
    assertThat(negotiator.receivedTracks()).hasSize(2);
  }

  @Test
  void aTrackWithoutMsidIsNamedByItsMid() {
    String noMsid = capture(AV).replaceAll("a=msid:[^\r]*\r\n", "")
        .replaceAll("a=ssrc:\\d+ msid:[^\r]*\r\n", "");

    Answer answer = negotiator.answer(noMsid);

    assertThat(answer.receivedTracks()).extracting(ReceivedTrack::trackId,
        ReceivedTrack::streamId).containsExactly(org.assertj.core.groups.Tuple.tuple("0", "-"),
            org.assertj.core.groups.Tuple.tuple("1", "-"));
  }

  @Test
  void aTrackWithOnlyTheLegacySsrcMsidIsNamedByIt() {
    Answer answer = negotiator.answer(capture(AV).replaceAll("a=msid:[^\r]*\r\n", ""));

    assertThat(answer.receivedTracks().get(0).trackId())
        .isEqualTo("cfa06593-bae8-482a-9982-36368e63ba9f");
  }

  @Test
  void anMLineWithNoCodecInCommonIsRejectedAloneWithPortZero() {
    MediaCapabilities audioOnly = new MediaCapabilities(
        List.of(MediaCapabilities.defaults().codecs().get(0)), Set.of(RtcpFeedback.TRANSPORT_CC),
        MediaCapabilities.defaults().headerExtensions());
    SessionNegotiator sfu = new SessionNegotiator(Fixtures.LOCAL, audioOnly, "sfu", 1);

    Answer answer = sfu.answer(capture(AV));

    assertThat(media(answer.description(), "1").port()).isZero();
    assertThat(media(answer.description(), "1").formats()).startsWith("96", "97");
    assertThat(answer.description().attributes().bundleGroup().mids()).containsExactly("0");
    assertThat(answer.receivedTracks()).extracting(ReceivedTrack::kind)
        .containsExactly(MediaKind.AUDIO);
  }

  @Test
  void aBundleOnlyMLineWithPortZeroIsAcceptedAndAPlainPortZeroOneRejected() {
    String offer = capture(AV).replace("m=video 9", "m=video 0")
        .replace("a=mid:1\r\n", "a=mid:1\r\na=bundle-only\r\n");

    Answer answer = negotiator.answer(offer);
    assertThat(media(answer.description(), "1").port()).isEqualTo(40000);
    assertThat(answer.receivedTracks()).hasSize(2);

    Answer stopped = Fixtures.negotiator().answer(capture(AV).replace("m=video 9", "m=video 0"));
    assertThat(media(stopped.description(), "1").port()).isZero();
    assertThat(stopped.receivedTracks()).hasSize(1);
  }

  @Test
  void noRtcpRsizeIsAnsweredWhenNoneWasOffered() {
    Answer answer = negotiator.answer(capture(AV).replace("a=rtcp-rsize\r\n", ""));

    assertThat(answer.description().media()).noneMatch(m -> m.attributes().rtcpRsize());
  }

  @Test
  void aRollbackForgetsTheOfferAndItsNewMids() {
    negotiator.answer(capture(AV));
    Offer first = negotiator.createOffer(List.of(vp8("a", 10)));
    negotiator.rollback();

    Offer second = negotiator.createOffer(List.of(vp8("b", 20)));

    assertThat(second.mid("b")).isEqualTo(first.mid("a"));
    assertThat(second.description().media()).hasSize(4);
  }

  @Test
  void anAnswerGivingOurPayloadTypeAnotherH264ProfileRefusesTheTrack() {
    negotiator.answer(capture(AV));
    RtpCodec main = new RtpCodec("H264", 90000, 1,
        Map.of("packetization-mode", "1", "profile-level-id", "4d001f"));
    Offer offer = negotiator.createOffer(List.of(new SendTrack("h", MediaKind.VIDEO, "t", "s",
        main, true, 10, 11, FEEDBACK)));
    assertThat(media(offer.description(), "3").formats()).containsExactly("116", "117");

    String answer = ClientAnswers.answer(offer.sdp()).format()
        .replace("profile-level-id=4d001f", "profile-level-id=640c1f");
    List<NegotiatedSendTrack> sent = negotiator.applyAnswer(answer);

    assertThat(sent).singleElement().satisfies(t -> {
      assertThat(t.accepted()).isFalse();
      assertThat(t.reason()).contains("does not accept H264");
    });
  }

  @Test
  void theClientsCodecsTellWhetherItCanReceiveAProducersCodec() {
    negotiator.answer(capture("firefox-offer-av-data.sdp"));

    assertThat(negotiator.clientSupports(MediaKind.VIDEO, RtpCodec.of("VP8", 90000, 1))).isTrue();
    assertThat(negotiator.clientSupports(MediaKind.VIDEO, new RtpCodec("H264", 90000, 1,
        Map.of("profile-level-id", "42e01f", "packetization-mode", "1")))).isFalse();
    assertThat(negotiator.clientSupports(MediaKind.AUDIO, RtpCodec.of("opus", 48000, 2)))
        .isTrue();
  }

  @Test
  void aLocalEndpointRefusesWhatCannotBeWritten() {
    assertThatThrownBy(() -> new LocalEndpoint("abc", "sfuPasswordAbCdEfGhIjKlMn", "sha-256",
        Fixtures.FINGERPRINT, List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LocalEndpoint("abcd", "short", "sha-256",
        Fixtures.FINGERPRINT, List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LocalEndpoint("abcd", "sfuPasswordAbCdEfGhIjKlMn", "sha-256",
        "AB:CD", List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fingerprint");
    assertThatThrownBy(() -> new HostCandidate("not an address", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HostCandidate("192.0.2.1", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withoutCandidatesTheMLinesCarryJsepsPlaceholders() {
    SessionNegotiator sfu = new SessionNegotiator(new LocalEndpoint("abcd",
        "sfuPasswordAbCdEfGhIjKlMn", "sha-256", Fixtures.FINGERPRINT, List.of()),
        MediaCapabilities.defaults(), "sfu", 1);

    MediaDescription audio = media(sfu.answer(capture(AV)).description(), "0");

    assertThat(audio.port()).isEqualTo(9);
    assertThat(audio.connections().get(0).address()).isEqualTo("0.0.0.0");
    assertThat(audio.attributes().candidates()).isEmpty();
    assertThat(audio.attributes().endOfCandidates()).isTrue();
  }
}
