package dev.vertxsfu.wire.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The examples of RFC 8839 (SDP for ICE), typed in from the RFC text with the lines the RFC
 * folds for readability unfolded.
 */
@Tag("fast")
class Rfc8839Test {
  /** Section 4.2.6, "Example SDP message containing ICE attributes". */
  static final String SECTION_4_2_6 = String.join("\r\n",
      "v=0",
      "o=jdoe 2890844526 2890842807 IN IP4 203.0.113.141",
      "s=",
      "c=IN IP4 192.0.2.3",
      "t=0 0",
      "a=ice-options:ice2",
      "a=ice-pacing:50",
      "a=ice-pwd:asd88fgpdd777uzjYhagZg",
      "a=ice-ufrag:8hhY",
      "m=audio 45664 RTP/AVP 0",
      "b=RS:0",
      "b=RR:0",
      "a=rtpmap:0 PCMU/8000",
      "a=candidate:1 1 UDP 2130706431 203.0.113.141 8998 typ host",
      "a=candidate:2 1 UDP 1694498815 192.0.2.3 45664 typ srflx raddr 203.0.113.141 rport 8998",
      "");

  /** Appendix A, the offer with its variables replaced (IPv6). */
  static final String APPENDIX_A_OFFER = String.join("\r\n",
      "v=0",
      "o=jdoe 2890844526 2890842807 IN IP6 fe80::6676:baff:fe9c:ee4a",
      "s=",
      "c=IN IP6 2001:db8:8101:3a55:4858:a2a9:22ff:99b9",
      "t=0 0",
      "a=ice-options:ice2",
      "a=ice-pacing:50",
      "a=ice-pwd:asd88fgpdd777uzjYhagZg",
      "a=ice-ufrag:8hhY",
      "m=audio 45664 RTP/AVP 0",
      "b=RS:0",
      "b=RR:0",
      "a=rtpmap:0 PCMU/8000",
      "a=candidate:1 1 UDP 2130706431 fe80::6676:baff:fe9c:ee4a 8998 typ host",
      "a=candidate:2 1 UDP 1694498815 2001:db8:8101:3a55:4858:a2a9:22ff:99b9 45664 typ srflx "
          + "raddr fe80::6676:baff:fe9c:ee4a rport 8998",
      "");

  @Test
  void section426SessionLevelIceAttributes() {
    SessionDescription sdp = SessionDescription.parse(SECTION_4_2_6);
    assertThat(sdp.sessionName()).isEmpty();
    assertThat(sdp.attributes().iceOptions()).containsExactly("ice2");
    assertThat(sdp.attributes().value("ice-pacing")).isEqualTo("50");
    assertThat(sdp.attributes().iceUfrag()).isEqualTo("8hhY");
    assertThat(sdp.attributes().icePwd()).isEqualTo("asd88fgpdd777uzjYhagZg");
    MediaDescription audio = sdp.media().get(0);
    assertThat(sdp.effective(audio, Attributes::iceUfrag)).isEqualTo("8hhY");
    assertThat(audio.bandwidths()).containsExactly(new Bandwidth("RS", 0), new Bandwidth("RR", 0));
    assertThat(sdp.format()).isEqualTo(SECTION_4_2_6);
  }

  @Test
  void section426Candidates() {
    List<Candidate> candidates =
        SessionDescription.parse(SECTION_4_2_6).media().get(0).attributes().candidates();
    assertThat(candidates).containsExactly(
        new Candidate("1", 1, "UDP", 2130706431L, "203.0.113.141", 8998, Candidate.HOST, null, -1,
            List.of()),
        new Candidate("2", 1, "UDP", 1694498815L, "192.0.2.3", 45664, Candidate.SRFLX,
            "203.0.113.141", 8998, List.of()));
    assertThat(candidates).allSatisfy(candidate -> assertThat(candidate.isUdp()).isTrue());
    assertThat(candidates.get(1).format()).isEqualTo(
        "2 1 UDP 1694498815 192.0.2.3 45664 typ srflx raddr 203.0.113.141 rport 8998");
  }

  @Test
  void appendixAIpv6Candidates() {
    SessionDescription sdp = SessionDescription.parse(APPENDIX_A_OFFER);
    assertThat(sdp.origin().unicastAddress()).isEqualTo("fe80::6676:baff:fe9c:ee4a");
    assertThat(sdp.connection()).isEqualTo(
        new ConnectionData("IN", "IP6", "2001:db8:8101:3a55:4858:a2a9:22ff:99b9"));
    List<Candidate> candidates = sdp.media().get(0).attributes().candidates();
    assertThat(candidates).extracting(Candidate::address).containsExactly(
        "fe80::6676:baff:fe9c:ee4a", "2001:db8:8101:3a55:4858:a2a9:22ff:99b9");
    assertThat(candidates.get(1).relatedAddress()).isEqualTo("fe80::6676:baff:fe9c:ee4a");
    assertThat(candidates.get(1).relatedPort()).isEqualTo(8998);
    assertThat(sdp.format()).isEqualTo(APPENDIX_A_OFFER);
  }
}
