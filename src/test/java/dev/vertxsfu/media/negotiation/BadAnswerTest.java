package dev.vertxsfu.media.negotiation;

import static dev.vertxsfu.media.negotiation.Fixtures.capture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/**
 * Answers to the SFU's offer that do not match it. The session: Chromium's audio + video + data
 * offer answered, then an SFU offer adding one video track on a new m-line (mid 3). Each bad
 * answer is a {@link NegotiationException} and leaves the offer pending, so the good answer
 * still applies.
 */
@Tag("fast")
class BadAnswerTest {
  private SessionNegotiator negotiator;
  private String goodAnswer;

  @BeforeEach
  void sfuOfferPending() {
    negotiator = Fixtures.negotiator();
    negotiator.answer(capture("chromium-offer-av-data.sdp"));
    Offer offer = negotiator.createOffer(List.of(new SendTrack("c1", MediaKind.VIDEO, "cam",
        "stream", RtpCodec.of("VP8", 90000, 1), true, 1111, 2222,
        List.of(RtcpFeedback.NACK, RtcpFeedback.NACK_PLI))));
    assertThat(offer.mid("c1")).isEqualTo("3");
    goodAnswer = ClientAnswers.answer(offer.sdp()).format();
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

  static Stream<Arguments> answers() {
    return Stream.of(
        Arguments.of("mid changed", replace("a=mid:3", "a=mid:4")
            .andThen(replace("BUNDLE 0 1 3", "BUNDLE 0 1 4")),
            "m-line 3 (video, mid 4) answers the offer's mid 3"),
        Arguments.of("m-line count differs", (UnaryOperator<String>) sdp ->
            sdp.substring(0, sdp.lastIndexOf("m=video")).replace("BUNDLE 0 1 3", "BUNDLE 0 1"),
            "the answer has 3 m-lines, the offer 4"),
        Arguments.of("m-lines reordered", (UnaryOperator<String>) sdp -> {
          int audio = sdp.indexOf("m=audio");
          int video = sdp.indexOf("m=video");
          return sdp.substring(0, audio) + sdp.substring(video, sdp.indexOf("m=application"))
              + sdp.substring(audio, video) + sdp.substring(sdp.indexOf("m=application"));
        }, "m-line 0 (video, mid 1) answers the offer's mid 0"),
        Arguments.of("setup passive", replace("a=setup:active", "a=setup:passive"),
            "a=setup:passive; the SFU is always the DTLS server, so the client must be active"),
        Arguments.of("setup actpass", replace("a=setup:active", "a=setup:actpass"),
            "a=setup:actpass"),
        Arguments.of("no fingerprint", replace("a=fingerprint:[^\r]*\r\n", ""),
            "has no a=fingerprint"),
        Arguments.of("no ICE credentials", replace("a=ice-pwd:[^\r]*\r\n", ""),
            "no a=ice-ufrag or a=ice-pwd"),
        Arguments.of("BUNDLE rejected", replace("a=group:BUNDLE 0 1 3\r\n", ""),
            "accepted outside BUNDLE (the answer has no a=group:BUNDLE)"),
        Arguments.of("an m-line out of BUNDLE", replace("BUNDLE 0 1 3", "BUNDLE 0 1"),
            "m-line 3 (video, mid 3) is accepted outside BUNDLE"),
        Arguments.of("sendonly answering sendonly", (UnaryOperator<String>) sdp -> {
          int last = sdp.lastIndexOf("a=recvonly");
          return sdp.substring(0, last) + "a=sendonly" + sdp.substring(last + 10);
        }, "answers a=sendonly to the SFU's a=sendonly"),
        Arguments.of("rejected m-line accepted", replace("m=application 0", "m=application 9"),
            "accepts an m-line the offer rejected"),
        Arguments.of("ICE-lite client", replace("t=0 0\r\n", "t=0 0\r\na=ice-lite\r\n"),
            "ICE-lite too"),
        Arguments.of("malformed rtpmap", replace("a=rtpmap:96 VP8/90000", "a=rtpmap:96 VP8"),
            "malformed SDP: malformed a=rtpmap"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void isRefusedAndTheOfferStaysPending(String name, Function<String, String> edit,
      String message) {
    String bad = edit.apply(goodAnswer);

    assertThatThrownBy(() -> negotiator.applyAnswer(bad))
        .isInstanceOf(NegotiationException.class).hasMessageContaining(message);
    assertThat(negotiator.hasPendingOffer()).isTrue();
    assertThat(negotiator.applyAnswer(goodAnswer)).singleElement()
        .satisfies(t -> assertThat(t.accepted()).isTrue());
  }

  @Test
  void theGoodAnswerGivesTheNumbersOfTheOffer() {
    List<NegotiatedSendTrack> sent = negotiator.applyAnswer(goodAnswer);

    assertThat(sent).singleElement().satisfies(t -> {
      assertThat(t.mid()).isEqualTo("3");
      assertThat(t.payloadType()).isEqualTo(96);
      assertThat(t.rtxPayloadType()).isEqualTo(97);
      assertThat(t.rtcpFeedback()).containsExactly(RtcpFeedback.NACK, RtcpFeedback.NACK_PLI);
      assertThat(t.extensionIds().mid()).isEqualTo(4);
      assertThat(t.extensionIds().absSendTime()).isEqualTo(2);
      assertThat(t.extensionIds().transportCc()).isEqualTo(3);
    });
    assertThat(negotiator.hasPendingOffer()).isFalse();
    assertThat(negotiator.remote().iceUfrag()).isEqualTo(ClientAnswers.UFRAG);
  }

  @Test
  void anAnswerWithoutAPendingOfferIsAProgrammingError() {
    negotiator.rollback();

    assertThatThrownBy(() -> negotiator.applyAnswer(goodAnswer))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no SFU offer");
  }
}
