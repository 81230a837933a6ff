package dev.vertxsfu.wire.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;

/**
 * Malformed descriptions and attribute values: each gives an {@link SdpFormatException} that
 * says what is wrong, on which line.
 */
@Tag("fast")
class SdpMalformedTest {
  private static final String HEAD = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

  /**
   * Each row: the description with {@code |} for CRLF and {@code \}-escapes for control
   * characters, a fragment of the message, and the line number the error must name.
   */
  @ParameterizedTest(name = "[{index}] {1}: {0}")
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      // the v= line
      "\"|\"; the first line must be v=0; 1",
      "v=1|o=- 1 2 IN IP4 h|s=-|t=0 0|; the first line must be v=0; 1",
      "o=- 1 2 IN IP4 h|v=0|s=-|t=0 0|; the first line must be v=0; 1",
      "\" v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|\"; the first line must be v=0; 1",
      "v=0 |o=- 1 2 IN IP4 h|s=-|t=0 0|; the first line must be v=0; 1",
      // o= and s=, which must follow
      "v=0|; missing o= line; 2",
      "v=0|s=-|t=0 0|; expected an o= line; 2",
      "v=0|o=- 1 2 IN IP4|s=-|t=0 0|; bad o= line: it needs 6 fields; 2",
      "v=0|o=- 1 2 IN IP4 h x|s=-|t=0 0|; bad o= line: it needs 6 fields; 2",
      "v=0|o=-  1 2 IN IP4 h|s=-|t=0 0|; bad o= line: it needs 6 fields; 2",
      "v=0|o=- x 2 IN IP4 h|s=-|t=0 0|; sess-id; 2",
      "v=0|o=- 1 2. IN IP4 h|s=-|t=0 0|; sess-version; 2",
      "v=0|o=- 1 2 I/N IP4 h|s=-|t=0 0|; nettype; 2",
      "v=0|o=- 1 2 IN IP4 h|t=0 0|; expected an s= line; 3",
      // line form and type letters
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|x=foo|; unknown line type 'x'; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|A=foo|; unknown line type 'A'; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|a:foo|; not a <type>=<value> line; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|a =foo|; not a <type>=<value> line; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0||a=foo|; not a <type>=<value> line; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|a|; not a <type>=<value> line; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|=a|; not a <type>=<value> line; 5",
      // t=, r=, z=
      "v=0|o=- 1 2 IN IP4 h|s=-|a=foo|; missing t= line; 4",
      "v=0|o=- 1 2 IN IP4 h|s=-|m=audio 9 RTP/AVP 0|; missing t= line; 4",
      "v=0|o=- 1 2 IN IP4 h|s=-|; missing t= line; 4",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0|; bad t= line; 4",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=x 0|; bad t= line; 4",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=00 0|; bad t= line; 4",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|r=abc|; bad r= line; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|r=1d 1h 0|t=0 0|; it must follow a t= line; 4",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|a=x|r=1d 1h 0|; it must follow a t= line; 6",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|z=1 -1h|z=2 0|; a time description ends with its z= line; 6",
      // session order
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|a=x|c=IN IP4 h|; out of place; 6",
      "v=0|o=- 1 2 IN IP4 h|s=-|s=-|t=0 0|; out of place; 4",
      "v=0|o=- 1 2 IN IP4 h|s=-|c=IN IP4 h|c=IN IP4 h|t=0 0|; out of place; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|v=0|; out of place; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|k=prompt|k=prompt|; out of place; 6",
      // typed session lines
      "v=0|o=- 1 2 IN IP4 h|s=-|c=IN IP4|t=0 0|; bad c= line; 4",
      "v=0|o=- 1 2 IN IP4 h|s=-|b=AS|t=0 0|; bad b= line; 4",
      "v=0|o=- 1 2 IN IP4 h|s=-|b=AS:x|t=0 0|; bad b= line; 4",
      "v=0|o=- 1 2 IN IP4 h|s=-|b=:5|t=0 0|; bad b= line; 4",
      "v=0|o=- 1 2 IN IP4 h|s=-|b=AS:-5|t=0 0|; bad b= line; 4",
      // m= lines
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=audio x RTP/AVP 0|; bad m= line: the port; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=audio 70000 RTP/AVP 0|; bad m= line: the port; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=audio 09 RTP/AVP 0|; bad m= line: the port; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=audio 9/0 RTP/AVP 0|; bad m= line: the port; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=audio 9/ RTP/AVP 0|; bad m= line: the port; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=audio -9 RTP/AVP 0|; bad m= line: the port; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=audio 9 UDP/TLS/RTP/SAVPF|; bad m= line: expected; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=audio 9|; bad m= line: expected; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=|; bad m= line: expected; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=audio 9 RTP/AVP 0 |; bad m= line: expected; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=audio  9 RTP/AVP 0|; bad m= line: expected; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=audio 9 RTP//AVP 0|; bad m= line: the proto; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=au:dio 9 RTP/AVP 0|; bad m= line: the media; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=audió 9 RTP/AVP 0|; bad m= line: the media; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=audio 9 RTP/AVP 0/1|; bad m= line: a format; 5",
      // media order and lines not allowed there
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=audio 9 RTP/AVP 0|t=0 0|; not allowed in a media description; 6",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=audio 9 RTP/AVP 0|s=x|; not allowed in a media description; 6",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=audio 9 RTP/AVP 0|a=x|c=IN IP4 h|; out of place; 7",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=audio 9 RTP/AVP 0|i=a|i=b|; out of place; 7",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|m=audio 9 RTP/AVP 0|c=IN|; bad c= line; 6",
      // attribute names
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|a=:foo|; the attribute name is not a token; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|a=fo o:bar|; the attribute name is not a token; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|a=nàme:x|; the attribute name is not a token; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|a=|; the attribute name is not a token; 5",
      // characters no line may carry
      "v=0|o=- 1 2 IN IP4 h|s=\\u0001|t=0 0|; control character U+0001 at column 3; 3",
      "v=0|o=- 1 2 IN IP4 h|s=a\\u0000b|t=0 0|; control character U+0000 at column 4; 3",
      "v=0|o=- 1 2 IN IP4 h|s=a\\rb|t=0 0|; control character U+000D at column 4; 3",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|a=x:\\u007f|; control character U+007F; 5",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|a=x:\\u001b[31m|; control character U+001B; 5",
      "v=0|o=- 1 2 IN IP4 h|s=\\ud800|t=0 0|; broken surrogate pair at column 3; 3",
      "v=0|o=- 1 2 IN IP4 h|s=\\udc00x|t=0 0|; broken surrogate pair; 3",
      "v=0|o=- 1 2 IN IP4 h|s=-|t=0 0|a=x\\r; control character U+000D; 5",
  })
  void malformedDescriptionsAreRefused(String rows, String fragment, int lineNumber) {
    String text = unescape(rows).replace("|", "\r\n");
    SdpFormatException error = catchThrowableOfType(SdpFormatException.class,
        () -> SessionDescription.parse(text));
    assertThat(error).as(text).isNotNull();
    assertThat(error).hasMessageContaining(fragment);
    assertThat(error.lineNumber()).isEqualTo(lineNumber);
  }

  @Test
  void emptyAndNullInputAreRefused() {
    assertThatThrownBy(() -> SessionDescription.parse("")).isInstanceOf(SdpFormatException.class)
        .hasMessageContaining("empty SDP");
    assertThatThrownBy(() -> SessionDescription.parse((String) null))
        .isInstanceOf(SdpFormatException.class).hasMessageContaining("empty SDP");
    assertThatThrownBy(() -> SessionDescription.parse(new byte[0]))
        .isInstanceOf(SdpFormatException.class).hasMessageContaining("empty SDP");
    assertThatThrownBy(() -> SessionDescription.parse((byte[]) null))
        .isInstanceOf(SdpFormatException.class).hasMessageContaining("empty SDP");
  }

  @Test
  void mixedLineEndingsAreRefusedAtTheFirstDifferentLine() {
    String text = "v=0\r\no=- 1 2 IN IP4 h\r\ns=-\nt=0 0\r\n";
    SdpFormatException error = catchThrowableOfType(SdpFormatException.class,
        () -> SessionDescription.parse(text));
    assertThat(error).hasMessageContaining("mixed line endings");
    assertThat(error.lineNumber()).isEqualTo(3);
    assertThat(error.line()).isEqualTo("s=-");
  }

  @Test
  void inputOverTheLengthLimitIsRefusedBeforeParsing() {
    String big = HEAD + "a=x:" + "y".repeat(4000) + "\r\n";
    String text = big.repeat(17);
    assertThat(text.length()).isGreaterThan(SdpLimits.DEFAULT.maxLength());
    assertThatThrownBy(() -> SessionDescription.parse(text)).isInstanceOf(SdpFormatException.class)
        .hasMessageContaining("over the limit of 65536");
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SessionDescription.parse(bytes))
        .isInstanceOf(SdpFormatException.class).hasMessageContaining("65536");
  }

  @Test
  void tooManyLinesAndTooLongLinesAreRefused() {
    String many = HEAD + "a=x\r\n".repeat(5000);
    SdpFormatException lines = catchThrowableOfType(SdpFormatException.class,
        () -> SessionDescription.parse(many));
    assertThat(lines).hasMessageContaining("more than 4096 lines");
    assertThat(lines.lineNumber()).isEqualTo(4097);
    String longLine = HEAD + "a=x:" + "y".repeat(5000) + "\r\n";
    assertThatThrownBy(() -> SessionDescription.parse(longLine))
        .isInstanceOf(SdpFormatException.class).hasMessageContaining("over the limit of 4096");
    SdpLimits small = new SdpLimits(100, 5, 40);
    assertThatThrownBy(() -> SessionDescription.parse(HEAD + "a=x\r\na=y\r\n", small))
        .isInstanceOf(SdpFormatException.class).hasMessageContaining("more than 5 lines");
  }

  @Test
  void malformedUtf8IsRefused() {
    byte[] bytes = (HEAD + "a=x:__\r\n").getBytes(StandardCharsets.US_ASCII);
    int at = HEAD.length() + 4;
    bytes[at] = (byte) 0xC3;
    bytes[at + 1] = (byte) 0x28;
    assertThatThrownBy(() -> SessionDescription.parse(bytes)).isInstanceOf(SdpFormatException.class)
        .hasMessageContaining("malformed UTF-8 at byte offset " + at);
    byte[] truncated = java.util.Arrays.copyOf(bytes, at + 1);
    assertThatThrownBy(() -> SessionDescription.parse(truncated))
        .isInstanceOf(SdpFormatException.class).hasMessageContaining("malformed UTF-8");
  }

  @Test
  void theMessageEscapesWhatItQuotes() {
    SdpFormatException error = catchThrowableOfType(SdpFormatException.class,
        () -> SessionDescription.parse("v=0\r\no=- 1 2 IN IP4 h\r\ns=\u001b[2J\r\nt=0 0\r\n"));
    assertThat(error.getMessage()).contains("\\u001b[2J").doesNotContain("\u001b");
    assertThat(error.line()).isEqualTo("s=\u001b[2J");
  }

  private static final Map<String, Consumer<Attributes>> ACCESSORS = Map.ofEntries(
      Map.entry("rtpmap", Attributes::rtpMaps), Map.entry("fmtp", Attributes::fmtps),
      Map.entry("rtcp-fb", Attributes::rtcpFbs), Map.entry("extmap", Attributes::extMaps),
      Map.entry("ssrc", Attributes::ssrcs), Map.entry("ssrc-group", Attributes::ssrcGroups),
      Map.entry("msid", Attributes::msids), Map.entry("group", Attributes::groups),
      Map.entry("rid", Attributes::rids), Map.entry("simulcast", Attributes::simulcast),
      Map.entry("fingerprint", Attributes::fingerprints),
      Map.entry("candidate", Attributes::candidates), Map.entry("setup", Attributes::setup),
      Map.entry("mid", Attributes::mid), Map.entry("ice-ufrag", Attributes::iceUfrag),
      Map.entry("ice-pwd", Attributes::icePwd), Map.entry("ice-options", Attributes::iceOptions),
      Map.entry("sctp-port", Attributes::sctpPort),
      Map.entry("max-message-size", Attributes::maxMessageSize));

  /** Each row: an attribute line the generic parse keeps, and what its typed reading says. */
  @ParameterizedTest(name = "[{index}] a={0}")
  @CsvSource(delimiterString = " => ", value = {
      "rtpmap:111 opus => expected <encoding name>/<clock rate>",
      "rtpmap:x opus/48000 => no payload type",
      "rtpmap:128 opus/48000 => no payload type",
      "rtpmap:111 opus/0 => positive numbers",
      "rtpmap:111 opus/48000/0 => positive numbers",
      "rtpmap:111 opus/48000/2/1 => expected <encoding name>",
      "rtpmap:111  opus/48000 => expected <encoding name>",
      "rtpmap:111 op,us/48000 => expected <encoding name>",
      "rtpmap => a value is required",
      "fmtp:111 => no payload type",
      "fmtp:abc x=1 => no payload type",
      "'fmtp:111 ' => no format-specific parameters",
      "rtcp-fb:96 => no payload type",
      "rtcp-fb:x nack => no payload type",
      "'rtcp-fb:96 nack ' => followed by nothing",
      "rtcp-fb:96 n@ck => not a token",
      "extmap:1 => no extension URI",
      "'extmap:1 ' => no extension URI",
      "extmap:0 urn:x => id",
      "extmap:1/both urn:x => direction",
      "'extmap:1 urn:x ' => nothing after it",
      "ssrc:x cname:y => no SSRC",
      "ssrc:1 => no SSRC",
      "ssrc:4294967296 cname:x => no SSRC",
      "ssrc:1 :x => not a token",
      "ssrc-group:FID 1  2 => single spaces",
      "ssrc-group:FID x => not an SSRC",
      "ssrc-group: => single spaces",
      "msid: => expected 1 to 64",
      "msid:a b c => expected 1 to 64",
      "group:BUNDLE  0 => tokens separated by single spaces",
      "group: => tokens separated by single spaces",
      "rid:q => expected <rid-id> send|recv",
      "rid:q sendx => neither send nor recv",
      "rid:q! send => expected <rid-id>",
      "rid:q send pt=x => pt= lists",
      "rid:q send pt=128 => pt= lists",
      "rid:q send max-width=1;max-width=2 => repeated parameter",
      "rid:q send max-width=1;pt=96 => bad or repeated parameter",
      "rid:q send a b => expected <rid-id>",
      "simulcast:send => expected send|recv",
      "simulcast:sendrecv q => send or recv",
      "simulcast:send q;;h => not a rid",
      "simulcast:send q recv => expected send|recv",
      "simulcast:send q send h => each at most once",
      "simulcast:send ~ => not a rid",
      "simulcast:recv q, => not a rid",
      "fingerprint:sha-256 => no space",
      "fingerprint:sha-256 AB:CD => needs 32 bytes",
      "fingerprint:sha-1 ZZ:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00 => hex bytes",
      "fingerprint:sha-256 AB:C => hex bytes",
      "fingerprint:sha-256 ABC:D => hex bytes",
      "fingerprint:sha-256 AB-CD => hex bytes",
      "fingerprint:sh@ 01 => not a token",
      "candidate:1 1 udp 1 192.0.2.1 9 typ => expected <foundation>",
      "candidate:1 1 udp 1 300.0.2.1 9 typ host => address",
      "setup:maybe => the role is none of",
      "setup => a value is required",
      "mid: 0 => not a token",
      "mid => a value is required",
      "ice-ufrag:abc => not 4 to 256 ice-chars",
      "ice-ufrag:ab-cd => not 4 to 256 ice-chars",
      "ice-pwd:tooshort => not 22 to 256 ice-chars",
      "ice-options:trickle  ice2 => option tag",
      "sctp-port:x => not a number",
      "sctp-port:70000 => not a number up to 65535",
      "max-message-size:-1 => not a number",
  })
  void malformedTypedValuesAreRefusedWhenRead(String attributeLine, String fragment) {
    String text = HEAD + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=" + attributeLine + "\r\n";
    SessionDescription sdp = SessionDescription.parse(text);
    assertThat(sdp.format()).isEqualTo(text);
    String name = sdp.media().get(0).attributes().get(0).name();
    SdpFormatException error = catchThrowableOfType(SdpFormatException.class,
        () -> ACCESSORS.get(name).accept(sdp.media().get(0).attributes()));
    assertThat(error).as(attributeLine).isNotNull().hasMessageContaining(fragment)
        .hasMessageContaining("malformed a=" + name);
    assertThat(error.lineNumber()).isEqualTo(6);
  }

  private static String unescape(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'u') {
        out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
        i += 5;
      } else if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'r') {
        out.append('\r');
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
