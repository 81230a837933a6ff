package dev.vertxsfu.wire.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The BUNDLE offer and answer of the RFC 8843 examples (section 18), without blank lines. */
@Tag("fast")
class Rfc8843Test {
  static final String OFFER = String.join("\r\n",
      "v=0",
      "o=alice 2890844526 2890844526 IN IP6 2001:db8::3",
      "s=",
      "c=IN IP6 2001:db8::3",
      "t=0 0",
      "a=group:BUNDLE foo bar",
      "m=audio 10000 RTP/AVP 0 8 97",
      "b=AS:200",
      "a=mid:foo",
      "a=rtcp-mux",
      "a=rtpmap:0 PCMU/8000",
      "a=rtpmap:8 PCMA/8000",
      "a=rtpmap:97 iLBC/8000",
      "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid",
      "m=video 10002 RTP/AVP 31 32",
      "b=AS:1000",
      "a=mid:bar",
      "a=rtcp-mux",
      "a=rtpmap:31 H261/90000",
      "a=rtpmap:32 MPV/90000",
      "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid",
      "");

  static final String ANSWER = String.join("\r\n",
      "v=0",
      "o=bob 2808844564 2808844564 IN IP6 2001:db8::1",
      "s=",
      "c=IN IP6 2001:db8::1",
      "t=0 0",
      "a=group:BUNDLE foo bar",
      "m=audio 20000 RTP/AVP 0",
      "b=AS:200",
      "a=mid:foo",
      "a=rtcp-mux",
      "a=rtpmap:0 PCMU/8000",
      "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid",
      "m=video 0 RTP/AVP 32",
      "b=AS:1000",
      "a=mid:bar",
      "a=bundle-only",
      "a=rtpmap:32 MPV/90000",
      "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid",
      "");

  @Test
  void offerBundlesTwoMids() {
    SessionDescription sdp = SessionDescription.parse(OFFER);
    assertThat(sdp.attributes().bundleGroup()).isEqualTo(new Group(Group.BUNDLE, List.of("foo", "bar")));
    assertThat(sdp.media()).extracting(MediaDescription::mid).containsExactly("foo", "bar");
    assertThat(sdp.mediaByMid("bar").bandwidths()).containsExactly(new Bandwidth(Bandwidth.AS, 1000));
    assertThat(sdp.mediaByMid("foo").attributes().rtcpMux()).isTrue();
    assertThat(sdp.format()).isEqualTo(OFFER);
  }

  @Test
  void answerMarksTheVideoBundleOnlyWithPortZero() {
    SessionDescription sdp = SessionDescription.parse(ANSWER);
    MediaDescription video = sdp.mediaByMid("bar");
    assertThat(video.port()).isZero();
    assertThat(video.attributes().has("bundle-only")).isTrue();
    assertThat(video.attributes().get(1).hasValue()).isFalse();
    assertThat(sdp.mediaByMid("baz")).isNull();
    assertThat(sdp.format()).isEqualTo(ANSWER);
  }
}
