package dev.vertxsfu.media.negotiation;

import static dev.vertxsfu.media.negotiation.Fixtures.capture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.wire.sdp.Attributes;
import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.SessionDescription;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An ICE restart through offer/answer (RFC 8839 section 4.4.1.1.1, RFC 8829 section 5.3.1):
 * new client credentials in an offer give new SFU credentials in the answer and in every later
 * SFU offer; the fingerprint and everything else stay.
 */
@Tag("fast")
class IceRestartNegotiationTest {
  private static final String AV = "chromium-offer-av-data.sdp";
  private static final String RESTARTED = capture(AV)
      .replace("a=ice-ufrag:CU36", "a=ice-ufrag:N3wU")
      .replace("a=ice-pwd:wxoN9qK754WA/uzjpFvNyKzZ", "a=ice-pwd:NewPasswordOf24CharsXYZ");

  private final SessionNegotiator negotiator = Fixtures.negotiator();

  private static String ufrag(SessionDescription description) {
    MediaDescription first = description.media().get(0);
    return description.effective(first, Attributes::iceUfrag);
  }

  private static String pwd(SessionDescription description) {
    MediaDescription first = description.media().get(0);
    return description.effective(first, Attributes::icePwd);
  }

  @Test
  void anOfferWithNewCredentialsGetsAnAnswerWithNewCredentials() {
    Answer first = negotiator.answer(capture(AV));
    assertThat(ufrag(first.description())).isEqualTo(Fixtures.LOCAL.iceUfrag());

    Answer restarted = negotiator.answer(RESTARTED);

    assertThat(restarted.remote().iceUfrag()).isEqualTo("N3wU");
    assertThat(ufrag(restarted.description())).isNotEqualTo(Fixtures.LOCAL.iceUfrag())
        .isEqualTo(negotiator.local().iceUfrag()).hasSize(16);
    assertThat(pwd(restarted.description())).isNotEqualTo(Fixtures.LOCAL.icePwd())
        .isEqualTo(negotiator.local().icePwd()).hasSize(32);
    assertThat(restarted.sdp()).contains("a=fingerprint:sha-256 " + Fixtures.FINGERPRINT)
        .contains("a=candidate:");
    assertThat(restarted.addedTracks()).isEmpty(); // the same tracks, only new credentials
    assertThat(restarted.removedTracks()).isEmpty();
  }

  @Test
  void laterSfuOffersCarryTheNewCredentials() {
    negotiator.answer(capture(AV));
    negotiator.answer(RESTARTED);
    Offer offer = negotiator.createOffer(List.of());
    assertThat(ufrag(offer.description())).isEqualTo(negotiator.local().iceUfrag())
        .isNotEqualTo(Fixtures.LOCAL.iceUfrag());
  }

  @Test
  void anOfferWithTheSameCredentialsKeepsTheSfus() {
    negotiator.answer(capture(AV));
    Answer again = negotiator.answer(capture(AV));
    assertThat(ufrag(again.description())).isEqualTo(Fixtures.LOCAL.iceUfrag());
    assertThat(negotiator.local()).isEqualTo(Fixtures.LOCAL);
  }

  @Test
  void aChangedPasswordAloneIsARestartToo() {
    negotiator.answer(capture(AV));
    negotiator.answer(capture(AV).replace("a=ice-pwd:wxoN9qK754WA/uzjpFvNyKzZ",
        "a=ice-pwd:NewPasswordOf24CharsXYZ"));
    assertThat(negotiator.local().iceUfrag()).isNotEqualTo(Fixtures.LOCAL.iceUfrag());
  }

  @Test
  void eachRestartDrawsFreshCredentials() {
    negotiator.answer(capture(AV));
    negotiator.answer(RESTARTED);
    LocalEndpoint second = negotiator.local();
    negotiator.answer(capture(AV));
    assertThat(negotiator.local().iceUfrag()).isNotEqualTo(second.iceUfrag())
        .isNotEqualTo(Fixtures.LOCAL.iceUfrag());
  }
}
