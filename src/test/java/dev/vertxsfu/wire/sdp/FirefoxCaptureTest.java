package dev.vertxsfu.wire.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * What the typed accessors read from Firefox ESR 153's offers, which differ from Chromium's
 * where negotiation must not assume: session-level fingerprint, extmap directions, channels
 * written out, braces in ids, no {@code a=rtcp} line, attributes in alphabetical order.
 */
@Tag("fast")
class FirefoxCaptureTest {
  private static final String STREAM = "{a999f2df-2ce9-4960-a925-bc279cc023bf}";

  private final SessionDescription offer = Captures.parse("firefox-offer-av-data.sdp");

  @Test
  void fingerprintAndIceOptionsAreSessionLevel() {
    assertThat(offer.origin().username()).isEqualTo("mozilla...THIS_IS_SDPARTA-99.0");
    assertThat(offer.origin().sessionVersion()).isEqualTo("0");
    assertThat(offer.attributes().fingerprints()).singleElement()
        .extracting(Fingerprint::hashFunction).isEqualTo(Fingerprint.SHA_256);
    assertThat(offer.attributes().iceOptions()).containsExactly("trickle");
    assertThat(offer.attributes().value("msid-semantic")).isEqualTo("WMS *");
    for (MediaDescription media : offer.media()) {
      assertThat(media.attributes().fingerprints()).isEmpty();
      assertThat(offer.effective(media, Attributes::fingerprints))
          .isEqualTo(offer.attributes().fingerprints());
      assertThat(media.attributes().iceUfrag()).isEqualTo("df883b5f");
      assertThat(media.attributes().icePwd()).isEqualTo("f4d127b2d2efb1fdb736caf5f6476427");
      assertThat(offer.direction(media)).isEqualTo(Direction.SENDRECV);
    }
  }

  @Test
  void audioCodecsAndExtensionDirections() {
    Attributes audio = offer.media().get(0).attributes();
    assertThat(audio.rtpMaps()).containsExactly(new RtpMap(109, "opus", 48000, 2),
        new RtpMap(9, "G722", 8000, 1), new RtpMap(0, "PCMU", 8000, null),
        new RtpMap(8, "PCMA", 8000, null), new RtpMap(101, "telephone-event", 8000, 1));
    assertThat(audio.fmtp(109).parameters()).containsExactly(Map.entry("maxplaybackrate",
        "48000"), Map.entry("stereo", "1"), Map.entry("useinbandfec", "1"));
    assertThat(audio.fmtp(101).parameters()).containsOnlyKeys("0-15");
    assertThat(audio.fmtp(101).parameter("0-15")).isNull();
    assertThat(audio.fmtp(101).apt()).isEqualTo(-1);
    assertThat(audio.extMaps()).extracting(ExtMap::id, ExtMap::direction).containsExactly(
        tuple(1, null), tuple(2, Direction.RECVONLY), tuple(3, null), tuple(7, null));
    assertThat(audio.msids()).containsExactly(
        new Msid(STREAM, "{e25d7c1b-2814-4634-9d4e-82a9413c324b}"));
    assertThat(audio.ssrcs()).singleElement().extracting(Ssrc::attribute, Ssrc::value)
        .containsExactly("cname", "{20f80b4f-44ae-4231-bf43-8fb371feecca}");
  }

  @Test
  void videoRtxAndFeedback() {
    Attributes video = offer.media().get(1).attributes();
    assertThat(video.rtpMap(120)).isEqualTo(new RtpMap(120, "VP8", 90000, null));
    assertThat(video.rtpMap(121)).isEqualTo(new RtpMap(121, "VP9", 90000, null));
    assertThat(video.rtpMap(99)).isEqualTo(new RtpMap(99, "AV1", 90000, null));
    assertThat(List.of(124, 125, 100, 119)).extracting(pt -> video.fmtp(pt).apt())
        .containsExactly(120, 121, 99, 122);
    assertThat(video.rtcpFbs()).filteredOn(fb -> fb.appliesTo(120)).extracting(RtcpFb::format)
        .containsExactly("120 nack", "120 nack pli", "120 ccm fir", "120 goog-remb",
            "120 transport-cc");
    assertThat(video.ssrcGroups()).singleElement().extracting(SsrcGroup::semantics)
        .isEqualTo(SsrcGroup.FID);
  }

  @Test
  void dataChannelAllowsAGigabyteMessage() {
    MediaDescription data = offer.media().get(2);
    assertThat(data.isDataChannel()).isTrue();
    assertThat(data.attributes().sctpPort()).isEqualTo(5000);
    assertThat(data.attributes().maxMessageSize()).isEqualTo(1073741823L);
    assertThat(data.attributes().direction()).isEqualTo(Direction.SENDRECV);
  }

  @Test
  void simulcastOfferHasRidsAndOneFidGroupPerLayer() {
    SessionDescription sdp = Captures.parse("firefox-offer-simulcast.sdp");
    Attributes video = sdp.media().get(0).attributes();
    assertThat(video.rids()).extracting(Rid::id, Rid::direction).containsExactly(
        tuple("q", RidDirection.SEND), tuple("h", RidDirection.SEND), tuple("f", RidDirection.SEND));
    assertThat(video.simulcast().sendRids()).containsExactly("q", "h", "f");
    assertThat(video.simulcast().receive()).isEmpty();
    assertThat(video.extMaps()).filteredOn(ext -> ext.id() == 9).singleElement()
        .isEqualTo(new ExtMap(9, Direction.SENDONLY,
            "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id", null));
    assertThat(video.ssrcGroups()).hasSize(3).allSatisfy(group -> {
      assertThat(group.semantics()).isEqualTo(SsrcGroup.FID);
      assertThat(group.ssrcs()).hasSize(2);
    });
  }
}
