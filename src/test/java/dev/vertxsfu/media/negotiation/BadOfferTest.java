package dev.vertxsfu.media.negotiation;

import static dev.vertxsfu.media.negotiation.Fixtures.capture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxsfu.wire.sdp.SdpFormatException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/**
 * Client offers the SFU refuses, each made from a real Chromium offer by one edit: a
 * {@link NegotiationException} whose message says why, and the negotiator unchanged (it then
 * answers the unedited offer as its first description).
 */
@Tag("fast")
class BadOfferTest {
  private static final String AV = "chromium-offer-av-data.sdp";
  private static final String SIMULCAST = "chromium-offer-simulcast.sdp";

  private static Arguments bad(String capture, String name, UnaryOperator<String> edit,
      String message) {
    return Arguments.of(capture, name, edit, message);
  }

  private static UnaryOperator<String> replace(String regex, String replacement) {
    return sdp -> {
      String edited = sdp.replaceAll(regex, replacement);
      if (edited.equals(sdp)) {
        throw new AssertionError("the edit changes nothing: " + regex);
      }
      return edited;
    };
  }

  static Stream<Arguments> offers() {
    return Stream.of(
        bad(AV, "no BUNDLE", replace("a=group:BUNDLE 0 1 2\r\n", ""), "no a=group:BUNDLE"),
        bad(AV, "no rtcp-mux", replace("a=rtcp-mux\r\n", ""),
            "m-line 0 (audio, mid 0) has no a=rtcp-mux"),
        bad(AV, "no fingerprint", replace("a=fingerprint:[^\r]*\r\n", ""),
            "has no a=fingerprint"),
        bad(AV, "no ice-ufrag", replace("a=ice-ufrag:[^\r]*\r\n", ""), "no a=ice-ufrag"),
        bad(AV, "no ice-pwd", replace("a=ice-pwd:[^\r]*\r\n", ""), "or a=ice-pwd"),
        bad(AV, "setup passive", replace("a=setup:actpass", "a=setup:passive"),
            "a=setup:passive; the SFU is always the DTLS server"),
        bad(AV, "setup holdconn", replace("a=setup:actpass", "a=setup:holdconn"),
            "a=setup:holdconn"),
        bad(AV, "no setup", replace("a=setup:actpass\r\n", ""), "a=setup:(none)"),
        bad(AV, "ICE-lite client", replace("t=0 0\r\n", "t=0 0\r\na=ice-lite\r\n"),
            "ICE-lite too"),
        bad(AV, "no m-line", sdp -> sdp.substring(0, sdp.indexOf("m=audio")), "no m-line"),
        bad(AV, "three m-lines with one mid", replace("a=mid:[12]\r\n", "a=mid:0\r\n"),
            "m-line 1 repeats a=mid:0"),
        bad(AV, "only a data channel", sdp -> sdp.substring(0, sdp.indexOf("m=audio"))
            + sdp.substring(sdp.indexOf("m=application")), "no m-line the SFU can take"),
        bad(AV, "RTP m-line without mid", replace("a=mid:1\r\n", ""),
            "m-line 1 (video) has no a=mid"),
        bad(AV, "rtpmap without clock rate", replace("a=rtpmap:111 opus/48000/2",
            "a=rtpmap:111 opus"), "malformed SDP: malformed a=rtpmap"),
        bad(AV, "apt out of range", replace("a=fmtp:97 apt=96", "a=fmtp:97 apt=300"),
            "malformed a=fmtp: apt is not a payload type"),
        bad(AV, "rtcp-fb without type", replace("a=rtcp-fb:111 transport-cc",
            "a=rtcp-fb:111 "), "malformed a=rtcp-fb"),
        bad(AV, "extmap id 0", replace("a=extmap:4 urn", "a=extmap:0 urn"),
            "malformed a=extmap"),
        bad(AV, "ssrc-group with a word", replace("FID 4036239639 3038876841",
            "FID 4036239639 rtx"), "malformed a=ssrc-group"),
        bad(AV, "ssrc out of range", replace("a=ssrc:2213053582 cname",
            "a=ssrc:99999999999 cname"), "malformed a=ssrc"),
        bad(AV, "msid too long", replace("a=msid:8422f9a5-3aa8-4caf-a4b0-d74cb013fc96 cfa",
            "a=msid:" + "x".repeat(65) + " cfa"), "malformed a=msid"),
        bad(AV, "fingerprint not hex", replace("sha-256 38:18", "sha-256 3G:18"),
            "malformed a=fingerprint"),
        bad(AV, "ufrag too short", replace("a=ice-ufrag:CU36", "a=ice-ufrag:CU"),
            "malformed a=ice-ufrag"),
        bad(AV, "mid not a token", replace("a=mid:0", "a=mid:0 0"), "malformed a=mid"),
        bad(SIMULCAST, "simulcast without streams", replace("a=simulcast:send q;h;f",
            "a=simulcast:send"), "malformed a=simulcast"),
        bad(SIMULCAST, "rid with a bad direction", replace("a=rid:q send", "a=rid:q sideways"),
            "malformed a=rid"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("offers")
  void isRefusedWithAClearMessageAndNoChange(String capture, String name,
      UnaryOperator<String> edit, String message) {
    SessionNegotiator negotiator = Fixtures.negotiator();
    String offer = edit.apply(capture(capture));

    assertThatThrownBy(() -> negotiator.answer(offer))
        .isInstanceOf(NegotiationException.class)
        .hasMessageContaining(message)
        .satisfies(e -> {
          if (message.contains("malformed")) { // a typed reading failed: wire.sdp's error kept
            assertThat(e).hasMessageStartingWith("malformed SDP")
                .hasCauseInstanceOf(SdpFormatException.class);
          } else {
            assertThat(e.getCause()).isNull();
          }
        });
    Answer answer = negotiator.answer(capture(capture));
    assertThat(answer.description().origin().sessionVersion()).isEqualTo("1");
    assertThat(answer.addedTracks()).isNotEmpty();
  }

  static Stream<Arguments> reOffers() {
    return Stream.of(
        Arguments.of("an m-line removed",
            replace("a=group:BUNDLE 0 1 2", "a=group:BUNDLE 0 1").andThen(
                sdp -> sdp.substring(0, sdp.indexOf("m=application"))),
            "the offer has 2 m-lines, the session 3"),
        Arguments.of("a live m-line's mid changed",
            replace("a=group:BUNDLE 0 1 2", "a=group:BUNDLE 7 1 2")
                .andThen(replace("a=mid:0", "a=mid:7")),
            "m-line 0 (audio, mid 7) was mid 0"),
        Arguments.of("a live m-line's kind changed", replace("m=audio 9", "m=video 9"),
            "m-line 0 (video, mid 0) was AUDIO"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reOffers")
  void aReOfferThatDoesNotContinueTheSessionIsRefused(String name,
      java.util.function.Function<String, String> edit, String message) {
    SessionNegotiator negotiator = Fixtures.negotiator();
    negotiator.answer(capture(AV));

    assertThatThrownBy(() -> negotiator.answer(edit.apply(capture(AV))))
        .isInstanceOf(NegotiationException.class).hasMessageContaining(message);
    assertThat(negotiator.answer(capture(AV)).removedTracks()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void textThatIsNotSdpIsRefused() {
    assertThatThrownBy(() -> Fixtures.negotiator().answer("hello"))
        .isInstanceOf(NegotiationException.class).hasMessageStartingWith("malformed SDP")
        .hasCauseInstanceOf(SdpFormatException.class);
  }
}
