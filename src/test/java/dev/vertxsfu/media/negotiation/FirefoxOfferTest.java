package dev.vertxsfu.media.negotiation;

import static dev.vertxsfu.media.negotiation.Fixtures.capture;
import static dev.vertxsfu.media.negotiation.Fixtures.media;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.wire.sdp.Direction;
import dev.vertxsfu.wire.sdp.ExtMap;
import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.SessionDescription;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The SFU's answers to the Firefox ESR 153 offers captured in src/test/resources/wire/sdp:
 * session-level fingerprint, extmap directions, its own payload type numbering, msids in
 * braces, rid simulcast with signalled FID groups.
 */
@Tag("fast")
class FirefoxOfferTest {
  private final SessionNegotiator negotiator = Fixtures.negotiator();

  @Test
  void audioVideoDataOfferIsAnsweredWithFirefoxsNumbers() {
    Answer answer = negotiator.answer(capture("firefox-offer-av-data.sdp"));
    SessionDescription sdp = SessionDescription.parse(answer.sdp());

    assertThat(sdp.attributes().bundleGroup().mids()).containsExactly("0", "1");
    MediaDescription audio = media(sdp, "0");
    assertThat(audio.formats()).containsExactly("109"); // G722, PCMU, PCMA, telephone-event: no
    assertThat(audio.attributes().fmtp(109).parameterText())
        .isEqualTo("maxplaybackrate=48000;stereo=1;useinbandfec=1");
    // csrc-audio-level (2/recvonly) is not taken
    assertThat(audio.attributes().extMaps()).extracting(ExtMap::id).containsExactly(1, 3, 7);
    MediaDescription video = media(sdp, "1");
    // VP8 + rtx, VP9 (no profile-id: profile 0) + rtx, AV1 + rtx; ulpfec, red and its rtx: no
    assertThat(video.formats()).containsExactly("120", "124", "121", "125", "99", "100");
    // playout-delay (6/recvonly) is not taken
    assertThat(video.attributes().extMaps()).extracting(ExtMap::id).containsExactly(3, 4, 5, 7);
    assertThat(media(sdp, "2").port()).isZero();
    assertThat(sdp.media().subList(0, 2)).allSatisfy(m ->
        assertThat(sdp.direction(m)).isEqualTo(Direction.RECVONLY));

    assertThat(answer.remote().fingerprintValue()).startsWith("DC:F2:89:EB");
    assertThat(answer.remote().iceUfrag()).isEqualTo("df883b5f");
    assertThat(answer.receivedTracks()).extracting(ReceivedTrack::streamId, ReceivedTrack::trackId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("{a999f2df-2ce9-4960-a925-bc279cc023bf}",
                "{e25d7c1b-2814-4634-9d4e-82a9413c324b}"),
            org.assertj.core.groups.Tuple.tuple("{a999f2df-2ce9-4960-a925-bc279cc023bf}",
                "{93fcf41c-2d11-45d9-9d07-fc5b0bc8a336}"));
    ReceivedTrack camera = answer.receivedTracks().get(1);
    assertThat(camera.ssrcs()).containsExactly(new StreamSsrcs(906087498L, 342277658L));
    assertThat(camera.codecs()).extracting(c -> c.codec().name(), NegotiatedCodec::payloadType,
        NegotiatedCodec::rtxPayloadType).containsExactly(
            org.assertj.core.groups.Tuple.tuple("VP8", 120, 124),
            org.assertj.core.groups.Tuple.tuple("VP9", 121, 125),
            org.assertj.core.groups.Tuple.tuple("AV1", 99, 100));
    assertThat(camera.extensionIds().mid()).isEqualTo(3);
    assertThat(camera.extensionIds().absSendTime()).isEqualTo(4);
    assertThat(camera.extensionIds().transportCc()).isEqualTo(7);
    assertThat(answer.receivedTracks().get(0).extensionIds().audioLevel()).isEqualTo(1);
  }

  @Test
  void simulcastOfferIsAnsweredWithRecvRidsAndReversedExtmapDirections() {
    Answer answer = negotiator.answer(capture("firefox-offer-simulcast.sdp"));
    MediaDescription video = media(SessionDescription.parse(answer.sdp()), "0");

    assertThat(video.attributes().simulcast().format()).isEqualTo("recv q;h;f");
    assertThat(video.attributes().rids()).extracting(r -> r.format())
        .containsExactly("q recv", "h recv", "f recv");
    // Firefox sends rid and repaired-rid (9/sendonly, 10/sendonly): the SFU receives them
    assertThat(video.attributes().extMaps()).filteredOn(m -> m.id() >= 9)
        .extracting(ExtMap::format).containsExactly(
            "9/recvonly urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
            "10/recvonly urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id");
    ReceivedTrack track = answer.receivedTracks().get(0);
    assertThat(track.rids()).containsExactly("q", "h", "f");
    assertThat(track.ssrcs()).containsExactly(new StreamSsrcs(4243458038L, 3534361334L),
        new StreamSsrcs(1148336938L, 923473176L), new StreamSsrcs(4160433997L, 1390530872L));
    assertThat(track.extensionIds().rid()).isEqualTo(9);
    assertThat(track.extensionIds().repairedRid()).isEqualTo(10);
    assertThat(track.cname()).isEqualTo("{5faeead1-9a3c-42b3-96c7-8f473d4cd727}");
    assertThat(List.of(track.codecs().get(0).rtxPayloadType())).containsExactly(124);
  }
}
