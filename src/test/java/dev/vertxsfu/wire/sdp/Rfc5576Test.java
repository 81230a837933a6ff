package dev.vertxsfu.wire.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The source-specific attribute examples of RFC 5576. */
@Tag("fast")
class Rfc5576Test {
  private static final String SESSION =
      "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n";

  /** One participant (CNAME) with two cameras. */
  @Test
  void multipleSourcesOfOneCname() {
    String text = SESSION + String.join("\r\n",
        "m=video 49170 RTP/AVP 96",
        "a=rtpmap:96 H264/90000",
        "a=ssrc:12345 cname:another-user@example.com",
        "a=ssrc:67890 cname:another-user@example.com",
        "");
    SessionDescription sdp = SessionDescription.parse(text);
    assertThat(sdp.media().get(0).attributes().ssrcs()).containsExactly(
        new Ssrc(12345, Ssrc.CNAME, "another-user@example.com"),
        new Ssrc(67890, Ssrc.CNAME, "another-user@example.com"));
    assertThat(sdp.format()).isEqualTo(text);
  }

  /** RTP retransmission (RFC 4588): FID groups pairing sources with their RTX sources. */
  @Test
  void retransmissionFlowIdentification() {
    String text = SESSION + String.join("\r\n",
        "m=video 49174 RTP/AVPF 96 98",
        "a=rtpmap:96 H.264/90000",
        "a=rtpmap:98 rtx/90000",
        "a=fmtp:98 apt=96;rtx-time=3000",
        "a=ssrc-group:FID 11111 22222",
        "a=ssrc:11111 cname:user3@example.com",
        "a=ssrc:22222 cname:user3@example.com",
        "a=ssrc-group:FID 33333 44444",
        "a=ssrc:33333 cname:user3@example.com",
        "a=ssrc:44444 cname:user3@example.com",
        "");
    Attributes video = SessionDescription.parse(text).media().get(0).attributes();
    assertThat(video.ssrcGroups()).containsExactly(
        new SsrcGroup(SsrcGroup.FID, List.of(11111L, 22222L)),
        new SsrcGroup(SsrcGroup.FID, List.of(33333L, 44444L)));
    assertThat(video.rtpMap(96).encodingName()).isEqualTo("H.264");
    assertThat(video.fmtp(98).apt()).isEqualTo(96);
    assertThat(video.fmtp(98).parameter("rtx-time")).isEqualTo("3000");
    assertThat(video.ssrcs()).hasSize(4).allSatisfy(
        ssrc -> assertThat(ssrc.value()).isEqualTo("user3@example.com"));
  }

  @Test
  void theLargestSsrcIsRead() {
    assertThat(Ssrc.parse("4294967295 cname:x").ssrc()).isEqualTo(4294967295L);
    assertThat(SsrcGroup.parse("SIM 1 4294967295").ssrcs()).containsExactly(1L, 4294967295L);
  }
}
