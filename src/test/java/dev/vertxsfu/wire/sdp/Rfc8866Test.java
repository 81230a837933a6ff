package dev.vertxsfu.wire.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The examples of RFC 8866 (SDP), typed in from the RFC text. */
@Tag("fast")
class Rfc8866Test {
  /** RFC 8866 section 5, "An example SDP description is". */
  static final String SECTION_5_EXAMPLE = String.join("\r\n",
      "v=0",
      "o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1",
      "s=Call to John Smith",
      "i=SDP Offer #1",
      "u=http://www.jdoe.example.com/home.html",
      "e=Jane Doe <jane@jdoe.example.com>",
      "p=+1 617 555-6011",
      "c=IN IP4 198.51.100.1",
      "t=0 0",
      "m=audio 49170 RTP/AVP 0",
      "m=audio 49180 RTP/AVP 0",
      "m=video 51372 RTP/AVP 99",
      "c=IN IP6 2001:db8::2",
      "a=rtpmap:99 h263-1998/90000",
      "");

  @Test
  void section5ExampleParses() {
    SessionDescription sdp = SessionDescription.parse(SECTION_5_EXAMPLE);
    assertThat(sdp.origin()).isEqualTo(new Origin("jdoe", "3724394400", "3724394405", "IN", "IP4",
        "198.51.100.1"));
    assertThat(sdp.sessionName()).isEqualTo("Call to John Smith");
    assertThat(sdp.information()).isEqualTo("SDP Offer #1");
    assertThat(sdp.uri()).isEqualTo("http://www.jdoe.example.com/home.html");
    assertThat(sdp.emails()).containsExactly("Jane Doe <jane@jdoe.example.com>");
    assertThat(sdp.phones()).containsExactly("+1 617 555-6011");
    assertThat(sdp.connection()).isEqualTo(new ConnectionData("IN", "IP4", "198.51.100.1"));
    assertThat(sdp.timings()).containsExactly(Timing.PERMANENT);
    assertThat(sdp.media()).extracting(MediaDescription::formatMediaLine).containsExactly(
        "audio 49170 RTP/AVP 0", "audio 49180 RTP/AVP 0", "video 51372 RTP/AVP 99");
    MediaDescription video = sdp.media().get(2);
    assertThat(video.connections()).containsExactly(ConnectionData.of("2001:db8::2"));
    assertThat(video.attributes().rtpMap(99)).isEqualTo(new RtpMap(99, "h263-1998", 90000, null));
    assertThat(sdp.media().get(0).attributes().asList()).isEmpty();
  }

  @Test
  void section5ExampleWritesBack() {
    assertThat(SessionDescription.parse(SECTION_5_EXAMPLE).format()).isEqualTo(SECTION_5_EXAMPLE);
  }

  /** Sections 5.10 and 5.11: repeat times and time zones, with a multicast c= of 5.7. */
  @Test
  void repeatTimesAndTimeZonesOfSections510And511() {
    String text = String.join("\r\n",
        "v=0",
        "o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1",
        "s=Seminar",
        "c=IN IP4 233.252.0.1/127",
        "t=3034423619 3042462419",
        "r=604800 3600 0 90000",
        "r=7d 1h 0 25h",
        "z=2882844526 -1h 2898848070 0",
        "m=audio 49170/2 RTP/AVP 0",
        "");
    SessionDescription sdp = SessionDescription.parse(text);
    assertThat(sdp.timings()).containsExactly(new Timing(3034423619L, 3042462419L,
        List.of("604800 3600 0 90000", "7d 1h 0 25h"), "2882844526 -1h 2898848070 0"));
    assertThat(sdp.connection().address()).isEqualTo("233.252.0.1/127");
    assertThat(sdp.media().get(0).numberOfPorts()).isEqualTo(2);
    assertThat(sdp.format()).isEqualTo(text);
  }

  /** Section 5: parsers SHOULD accept lines ended by a lone LF. */
  @Test
  void lfOnlyLinesAreAcceptedAndKept() {
    String lf = SECTION_5_EXAMPLE.replace("\r\n", "\n");
    SessionDescription sdp = SessionDescription.parse(lf);
    assertThat(sdp.lineEnding()).isEqualTo(LineEnding.LF);
    assertThat(sdp.format()).isEqualTo(lf);
  }

  /** Section 5: text fields are UTF-8 unless a charset says otherwise. */
  @Test
  void utf8TextInSessionNameAndAttributesRoundTrips() {
    String text = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=Réunion 会議 🎥\r\nt=0 0\r\n"
        + "a=tool:Grüße\r\n";
    byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    SessionDescription sdp = SessionDescription.parse(utf8);
    assertThat(sdp.sessionName()).isEqualTo("Réunion 会議 🎥");
    assertThat(sdp.attributes().value("tool")).isEqualTo("Grüße");
    assertThat(sdp.toBytes()).isEqualTo(utf8);
  }
}
