package dev.vertxsfu.wire.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** What the typed accessors read from Chromium 156's own descriptions. */
@Tag("fast")
class ChromiumCaptureTest {
  private static final String STREAM = "8422f9a5-3aa8-4caf-a4b0-d74cb013fc96";

  private final SessionDescription offer = Captures.parse("chromium-offer-av-data.sdp");

  @Test
  void offerSessionLevel() {
    assertThat(offer.origin()).isEqualTo(
        new Origin("-", "8657909359045387998", "2", "IN", "IP4", "127.0.0.1"));
    assertThat(offer.sessionName()).isEqualTo("-");
    assertThat(offer.timings()).containsExactly(Timing.PERMANENT);
    assertThat(offer.attributes().bundleGroup()).isEqualTo(Group.bundle(List.of("0", "1", "2")));
    assertThat(offer.attributes().has("extmap-allow-mixed")).isTrue();
    assertThat(offer.attributes().value("msid-semantic")).isEqualTo(" WMS " + STREAM);
    assertThat(offer.media()).extracting(MediaDescription::media, MediaDescription::mid,
            MediaDescription::port, MediaDescription::proto)
        .containsExactly(tuple("audio", "0", 9, "UDP/TLS/RTP/SAVPF"),
            tuple("video", "1", 9, "UDP/TLS/RTP/SAVPF"),
            tuple("application", "2", 9, "UDP/DTLS/SCTP"));
  }

  @Test
  void offerTransportAttributes() {
    for (MediaDescription media : offer.media()) {
      Attributes a = media.attributes();
      assertThat(a.iceUfrag()).isEqualTo("CU36");
      assertThat(a.icePwd()).isEqualTo("wxoN9qK754WA/uzjpFvNyKzZ");
      assertThat(a.iceOptions()).containsExactly("trickle");
      assertThat(a.setup()).isEqualTo(Setup.ACTPASS);
      assertThat(a.fingerprints()).containsExactly(new Fingerprint("sha-256", HexFormat.of()
          .parseHex("3818723A678B2EEF231555039E822DA1527459A4DB6C34DE28D325C2C16977F7")));
      assertThat(a.candidates()).isEmpty();
    }
  }

  @Test
  void offerAudio() {
    Attributes audio = offer.media().get(0).attributes();
    assertThat(offer.direction(offer.media().get(0))).isEqualTo(Direction.SENDRECV);
    assertThat(audio.msids()).containsExactly(
        new Msid(STREAM, "cfa06593-bae8-482a-9982-36368e63ba9f"));
    assertThat(audio.rtpMap(111)).isEqualTo(new RtpMap(111, "opus", 48000, 2));
    assertThat(audio.rtpMap(111).channelCount()).isEqualTo(2);
    assertThat(audio.rtpMap(0)).isEqualTo(new RtpMap(0, "PCMU", 8000, null));
    assertThat(audio.fmtp(111).parameters())
        .containsExactly(entry("minptime", "10"), entry("useinbandfec", "1"));
    assertThat(audio.fmtp(63).parameterText()).isEqualTo("111/111");
    assertThat(audio.rtcpFbs()).containsExactly(new RtcpFb(111, "transport-cc", null));
    assertThat(audio.extMaps()).extracting(ExtMap::id, ExtMap::uri).containsExactly(
        tuple(1, "urn:ietf:params:rtp-hdrext:ssrc-audio-level"),
        tuple(2, "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"),
        tuple(3, "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"),
        tuple(4, "urn:ietf:params:rtp-hdrext:sdes:mid"));
    assertThat(audio.ssrcs()).containsExactly(
        new Ssrc(2213053582L, "cname", "ifGdv3dqempJjiIX"),
        new Ssrc(2213053582L, "msid", STREAM + " cfa06593-bae8-482a-9982-36368e63ba9f"));
    assertThat(audio.rtcpMux()).isTrue();
    assertThat(audio.rtcpRsize()).isTrue();
    assertThat(offer.media().get(0).payloadTypes())
        .containsExactly(111, 63, 9, 0, 8, 13, 110, 126);
  }

  @Test
  void offerVideoCodecs() {
    Attributes video = offer.media().get(1).attributes();
    assertThat(video.rtpMap(96)).isEqualTo(new RtpMap(96, "VP8", 90000, null));
    assertThat(video.rtpMap(98)).isEqualTo(new RtpMap(98, "VP9", 90000, null));
    assertThat(video.fmtp(98).parameter("profile-id")).isEqualTo("0");
    assertThat(video.fmtp(100).parameter("profile-id")).isEqualTo("2");
    assertThat(video.rtpMap(102)).isEqualTo(new RtpMap(102, "H264", 90000, null));
    assertThat(video.fmtp(102).parameters()).containsExactly(
        entry("level-asymmetry-allowed", "1"), entry("packetization-mode", "1"),
        entry("profile-level-id", "42001f"));
    assertThat(video.rtpMap(45)).isEqualTo(new RtpMap(45, "AV1", 90000, null));
    assertThat(video.fmtp(45).parameter("level-idx")).isEqualTo("5");
    // Each rtx payload type names its codec's with apt (RFC 4588 section 8.6).
    assertThat(video.rtpMaps()).filteredOn(map -> map.encodingName().equals("rtx"))
        .extracting(map -> tuple(map.payloadType(), video.fmtp(map.payloadType()).apt()))
        .containsExactly(tuple(97, 96), tuple(103, 102), tuple(107, 104), tuple(109, 108),
            tuple(115, 114), tuple(117, 116), tuple(40, 39), tuple(46, 45), tuple(99, 98),
            tuple(101, 100), tuple(119, 118));
    assertThat(video.rtpMap(120)).isEqualTo(new RtpMap(120, "ulpfec", 90000, null));
    assertThat(video.fmtp(96)).isNull();
    assertThat(video.fmtp(96 + 1).apt()).isEqualTo(96);
  }

  @Test
  void offerVideoFeedbackExtensionsAndSsrcs() {
    Attributes video = offer.media().get(1).attributes();
    assertThat(video.rtcpFbs()).filteredOn(fb -> fb.appliesTo(96)).containsExactly(
        new RtcpFb(96, "goog-remb", null), new RtcpFb(96, "transport-cc", null),
        new RtcpFb(96, "ccm", "fir"), new RtcpFb(96, "nack", null),
        new RtcpFb(96, "nack", "pli"));
    assertThat(video.extMaps()).extracting(ExtMap::id).containsExactly(
        14, 2, 13, 3, 5, 6, 7, 8, 4, 10, 11);
    assertThat(video.extMaps()).filteredOn(ext -> ext.id() == 10).singleElement()
        .isEqualTo(ExtMap.of(10, "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"));
    assertThat(video.ssrcGroups()).containsExactly(
        new SsrcGroup(SsrcGroup.FID, List.of(4036239639L, 3038876841L)));
    assertThat(video.msids()).containsExactly(
        new Msid(STREAM, "1a6c64b5-ab84-4ad3-a238-3ed3095320fb"));
    assertThat(video.rids()).isEmpty();
    assertThat(video.simulcast()).isNull();
  }

  @Test
  void offerDataChannel() {
    MediaDescription data = offer.media().get(2);
    assertThat(data.isDataChannel()).isTrue();
    assertThat(data.formats()).containsExactly(MediaDescription.DATACHANNEL_FORMAT);
    assertThat(data.payloadTypes()).isEmpty();
    assertThat(data.attributes().sctpPort()).isEqualTo(5000);
    assertThat(data.attributes().maxMessageSize()).isEqualTo(262144);
    assertThat(data.attributes().direction()).isNull();
    assertThat(offer.media().get(0).attributes().sctpPort()).isEqualTo(-1);
  }

  @Test
  void answerPicksActiveSetupAndKeepsThePayloadTypes() {
    SessionDescription answer = Captures.parse("chromium-answer-av-data.sdp");
    assertThat(answer.attributes().bundleGroup().mids()).containsExactly("0", "1", "2");
    assertThat(answer.media()).extracting(MediaDescription::mid).containsExactly("0", "1", "2");
    for (MediaDescription media : answer.media()) {
      assertThat(media.attributes().setup()).isEqualTo(Setup.ACTIVE);
      assertThat(media.attributes().iceUfrag()).isEqualTo("nRra");
    }
    Attributes video = answer.media().get(1).attributes();
    assertThat(video.rtpMap(96)).isEqualTo(new RtpMap(96, "VP8", 90000, null));
    assertThat(video.fmtp(97).apt()).isEqualTo(96);
    assertThat(video.ssrcGroups()).containsExactly(
        new SsrcGroup("FID", List.of(1259747497L, 1601376939L)));
    assertThat(video.msids()).containsExactly(new Msid("a7585475-c646-4c50-b3f3-3b77f93200df",
        "920e56c6-e237-4666-8f1b-dd3a9bfd276d"));
  }

  @Test
  void simulcastOfferHasRidsAndSimulcast() {
    SessionDescription sdp = Captures.parse("chromium-offer-simulcast.sdp");
    assertThat(sdp.media()).hasSize(1);
    Attributes video = sdp.media().get(0).attributes();
    assertThat(video.rids()).containsExactly(Rid.of("q", RidDirection.SEND),
        Rid.of("h", RidDirection.SEND), Rid.of("f", RidDirection.SEND));
    assertThat(video.simulcast()).isEqualTo(Simulcast.of(List.of("q", "h", "f"), List.of()));
    assertThat(video.simulcast().sendRids()).containsExactly("q", "h", "f");
    assertThat(video.simulcast().format()).isEqualTo("send q;h;f");
    assertThat(video.extMaps()).extracting(ExtMap::id, ExtMap::uri).contains(
        tuple(9, "urn:ietf:params:rtp-hdrext:sdes:mid"),
        tuple(10, "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"),
        tuple(11, "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id"),
        tuple(13, "https://aomediacodec.github.io/av1-rtp-spec/"
            + "#dependency-descriptor-rtp-header-extension"));
    assertThat(video.ssrcs()).isEmpty();
  }

  @Test
  void recvonlyOfferHasNoSendingTrack() {
    SessionDescription sdp = Captures.parse("chromium-offer-recvonly.sdp");
    assertThat(sdp.media()).extracting(MediaDescription::media, sdp::direction)
        .containsExactly(tuple("audio", Direction.RECVONLY), tuple("video", Direction.RECVONLY));
    for (MediaDescription media : sdp.media()) {
      assertThat(media.attributes().msids()).isEmpty();
      assertThat(media.attributes().ssrcs()).isEmpty();
    }
    Attributes video = sdp.media().get(1).attributes();
    assertThat(video.rtpMap(49)).isEqualTo(new RtpMap(49, "flexfec-03", 90000, null));
    assertThat(video.fmtp(48).apt()).isEqualTo(47);
    assertThat(sdp.attributes().value("msid-semantic")).isEqualTo(" WMS");
  }

  @Test
  void renegotiationOfferAddsAFourthMediaDescription() {
    SessionDescription sdp = Captures.parse("chromium-offer-renegotiation.sdp");
    assertThat(sdp.origin().sessionId()).isEqualTo(offer.origin().sessionId());
    assertThat(sdp.origin().sessionVersion()).isEqualTo("3");
    assertThat(offer.origin().withNextVersion()).isEqualTo(sdp.origin());
    assertThat(sdp.attributes().bundleGroup().mids()).containsExactly("0", "1", "2", "3");
    assertThat(sdp.media()).extracting(MediaDescription::media)
        .containsExactly("audio", "video", "application", "video");
    MediaDescription screen = sdp.mediaByMid("3");
    assertThat(screen.port()).isEqualTo(9);
    assertThat(screen.connections()).containsExactly(ConnectionData.of("0.0.0.0"));
    assertThat(screen.attributes().msids()).singleElement()
        .satisfies(msid -> assertThat(msid.streamId()).isNotEqualTo(STREAM));
    assertThat(screen.attributes().ssrcGroups()).singleElement()
        .extracting(SsrcGroup::semantics).isEqualTo("FID");
    // The first three kept their gathered default candidate in m= and c=.
    assertThat(sdp.media().get(0).port()).isEqualTo(47239);
    assertThat(sdp.media().get(0).connections()).containsExactly(ConnectionData.of("127.0.0.1"));
  }

  @Test
  void gatheredOfferCarriesHostCandidates() {
    SessionDescription sdp = Captures.parse("chromium-offer-gathered.sdp");
    List<Candidate> audio = sdp.media().get(0).attributes().candidates();
    assertThat(audio).hasSize(8);
    assertThat(audio.get(0)).isEqualTo(new Candidate("1570921627", 1, "udp", 2122194687L,
        "127.0.0.1", 33415, Candidate.HOST, null, -1, List.of(
            new Candidate.Extension("generation", "0"), new Candidate.Extension("network-id", "3"),
            new Candidate.Extension("network-cost", "50"))));
    assertThat(audio).extracting(Candidate::address).containsExactly("127.0.0.1", "192.0.2.2",
        "::1", "fd00::2", "127.0.0.1", "192.0.2.2", "::1", "fd00::2");
    assertThat(audio.subList(4, 8)).allSatisfy(candidate -> {
      assertThat(candidate.transport()).isEqualTo("tcp");
      assertThat(candidate.port()).isEqualTo(9);
      assertThat(candidate.tcpType()).isEqualTo("active");
    });
    assertThat(sdp.media().get(0).port()).isEqualTo(audio.get(0).port());
    assertThat(sdp.media()).allSatisfy(
        media -> assertThat(media.attributes().endOfCandidates()).isFalse());
  }

  @Test
  void mdnsOfferHidesHostAddressesBehindLocalNames() {
    SessionDescription sdp = Captures.parse("chromium-offer-mdns.sdp");
    List<Candidate> candidates = sdp.media().get(0).attributes().candidates();
    assertThat(candidates).hasSize(2).allSatisfy(candidate -> {
      assertThat(candidate.address()).matches("[0-9a-f-]{36}\\.local");
      assertThat(candidate.type()).isEqualTo(Candidate.HOST);
      assertThat(candidate.extension("network-cost")).isEqualTo("999");
    });
  }

  private static java.util.Map.Entry<String, String> entry(String key, String value) {
    return java.util.Map.entry(key, value);
  }
}
