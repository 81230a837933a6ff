package dev.vertxsfu.wire.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The simulcast offer and answer of the RFC 8853 example, with the {@code a=rid}
 * lines of RFC 8851 they use. The RFC shows only the media description; the session lines
 * around it are the minimal ones.
 */
@Tag("fast")
class Rfc8853Test {
  private static final String SESSION =
      "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n";

  static final String OFFER = SESSION + String.join("\r\n",
      "m=video 49300 RTP/AVP 97 98 99",
      "a=rtpmap:97 H264/90000",
      "a=rtpmap:98 H264/90000",
      "a=rtpmap:99 VP8/90000",
      "a=fmtp:97 profile-level-id=42c01f;max-fs=3600;max-mbps=108000",
      "a=fmtp:98 profile-level-id=42c00b;max-fs=240;max-mbps=3600",
      "a=fmtp:99 max-fs=240; max-fr=30",
      "a=rid:1 send pt=97;max-width=1280;max-height=720",
      "a=rid:2 send pt=98;max-width=320;max-height=180",
      "a=rid:3 send pt=99;max-width=320;max-height=180",
      "a=rid:4 recv pt=97",
      "a=simulcast:send 1;2,3 recv 4",
      "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
      "");

  static final String ANSWER = SESSION + String.join("\r\n",
      "m=video 49674 RTP/AVP 97 98",
      "a=rtpmap:97 H264/90000",
      "a=rtpmap:98 H264/90000",
      "a=fmtp:97 profile-level-id=42c01f;max-fs=3600;max-mbps=108000",
      "a=fmtp:98 profile-level-id=42c00b;max-fs=240;max-mbps=3600",
      "a=rid:1 recv pt=97;max-width=1280;max-height=720",
      "a=rid:2 recv pt=98;max-width=320;max-height=180",
      "a=rid:4 send pt=97",
      "a=simulcast:recv 1;2 send 4",
      "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
      "");

  @Test
  void offerSimulcastHasAlternativesAndAReceiveStream() {
    Attributes video = SessionDescription.parse(OFFER).media().get(0).attributes();
    Simulcast simulcast = video.simulcast();
    assertThat(simulcast.send()).containsExactly(
        List.of(new Simulcast.Stream("1", false)),
        List.of(new Simulcast.Stream("2", false), new Simulcast.Stream("3", false)));
    assertThat(simulcast.receive()).containsExactly(List.of(new Simulcast.Stream("4", false)));
    assertThat(simulcast.sendRids()).containsExactly("1", "2");
    assertThat(simulcast.format()).isEqualTo("send 1;2,3 recv 4");
  }

  @Test
  void offerRidsCarryPayloadTypesAndRestrictions() {
    List<Rid> rids = SessionDescription.parse(OFFER).media().get(0).attributes().rids();
    assertThat(rids).containsExactly(
        new Rid("1", RidDirection.SEND, List.of(97), Map.of("max-width", "1280", "max-height", "720")),
        new Rid("2", RidDirection.SEND, List.of(98), Map.of("max-width", "320", "max-height", "180")),
        new Rid("3", RidDirection.SEND, List.of(99), Map.of("max-width", "320", "max-height", "180")),
        new Rid("4", RidDirection.RECV, List.of(97), Map.of()));
    assertThat(rids.get(0).restrictions().keySet()).containsExactly("max-width", "max-height");
    assertThat(rids).extracting(Rid::format).containsExactly(
        "1 send pt=97;max-width=1280;max-height=720", "2 send pt=98;max-width=320;max-height=180",
        "3 send pt=99;max-width=320;max-height=180", "4 recv pt=97");
  }

  @Test
  void offerFmtpWithASpaceAfterTheSemicolonIsRead() {
    Fmtp fmtp = SessionDescription.parse(OFFER).media().get(0).attributes().fmtp(99);
    assertThat(fmtp.parameters()).containsExactly(Map.entry("max-fs", "240"),
        Map.entry("max-fr", "30"));
    assertThat(fmtp.parameterText()).isEqualTo("max-fs=240; max-fr=30");
  }

  @Test
  void answerReversesTheDirections() {
    Attributes video = SessionDescription.parse(ANSWER).media().get(0).attributes();
    assertThat(video.simulcast()).isEqualTo(new Simulcast(
        List.of(List.of(new Simulcast.Stream("4", false))),
        List.of(List.of(new Simulcast.Stream("1", false)),
            List.of(new Simulcast.Stream("2", false)))));
    assertThat(video.rids()).extracting(Rid::id, Rid::direction).containsExactly(
        org.assertj.core.groups.Tuple.tuple("1", RidDirection.RECV),
        org.assertj.core.groups.Tuple.tuple("2", RidDirection.RECV),
        org.assertj.core.groups.Tuple.tuple("4", RidDirection.SEND));
  }

  @Test
  void bothWriteBackByteForByte() {
    assertThat(SessionDescription.parse(OFFER).format()).isEqualTo(OFFER);
    assertThat(SessionDescription.parse(ANSWER).format()).isEqualTo(ANSWER);
  }

  @Test
  void pausedStreamsKeepTheirTilde() {
    Simulcast simulcast = Simulcast.parse("recv 1;~2;3");
    assertThat(simulcast.receive().get(1)).containsExactly(new Simulcast.Stream("2", true));
    assertThat(simulcast.format()).isEqualTo("recv 1;~2;3");
  }
}
