package dev.vertxsfu.room;

import static dev.vertxsfu.room.NegotiationState.ALLOWANCE_TIMEOUT_MILLIS;
import static dev.vertxsfu.room.NegotiationState.OFFER_TIMEOUT_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.room.NegotiationState.Actions;
import dev.vertxsfu.room.NegotiationState.State;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Every transition of the per-client negotiation state machine, on a fake clock. */
@Tag("fast")
class NegotiationStateTest {
  private final NegotiationState negotiation = new NegotiationState();
  private static final Actions OFFER = new Actions(false, true, false, false);
  private static final Actions ALLOW = new Actions(false, false, true, false);

  @Test
  void stableSfuWantsOfferSendsItAtOnce() {
    assertThat(negotiation.sfuWantsOffer(0)).isEqualTo(OFFER);
    assertThat(negotiation.state()).isEqualTo(State.SFU_OFFER_OUT);
  }

  @Test
  void offersThatPileUpWhileOneIsOutMergeIntoOne() {
    negotiation.sfuWantsOffer(0);
    assertThat(negotiation.sfuWantsOffer(1)).isEqualTo(Actions.NONE);
    assertThat(negotiation.sfuWantsOffer(2)).isEqualTo(Actions.NONE);
    assertThat(negotiation.clientAnswer(3)).isEqualTo(OFFER); // one offer for both
    assertThat(negotiation.clientAnswer(4)).isEqualTo(Actions.NONE);
    assertThat(negotiation.state()).isEqualTo(State.STABLE);
  }

  @Test
  void anAnswerWithNoOfferOutIsRefused() {
    assertThat(negotiation.clientAnswer(0)).isNull();
    negotiation.isAllowRenegotiation(0);
    assertThat(negotiation.clientAnswer(1)).isNull();
  }

  @Test
  void stableClientIsAllowedAndTheSfuWaitsForItsOffer() {
    assertThat(negotiation.isAllowRenegotiation(0)).isTrue();
    assertThat(negotiation.state()).isEqualTo(State.CLIENT_MAY_OFFER);
    assertThat(negotiation.sfuWantsOffer(1)).isEqualTo(Actions.NONE); // held
    assertThat(negotiation.clientOffer()).isEqualTo(Actions.NONE);
    assertThat(negotiation.afterClientOfferAnswered(2)).isEqualTo(OFFER);
  }

  @Test
  void aClientRefusedWhileAnSfuOfferIsOutIsAllowedAfterTheAnswer() {
    negotiation.sfuWantsOffer(0);
    assertThat(negotiation.isAllowRenegotiation(1)).isFalse();
    assertThat(negotiation.allowanceOwed()).isTrue();
    assertThat(negotiation.clientAnswer(2)).isEqualTo(ALLOW);
    assertThat(negotiation.state()).isEqualTo(State.CLIENT_MAY_OFFER);
  }

  @Test
  void theAllowanceGoesBeforeAPendingSfuOfferWhichFollowsTheClientOffer() {
    negotiation.sfuWantsOffer(0);
    negotiation.isAllowRenegotiation(1);
    negotiation.sfuWantsOffer(2);
    assertThat(negotiation.clientAnswer(3)).isEqualTo(ALLOW);
    negotiation.clientOffer();
    assertThat(negotiation.afterClientOfferAnswered(4)).isEqualTo(OFFER);
  }

  @Test
  void glareRollsTheSfuOfferBackAndOffersAgainAfterAnsweringTheClient() {
    negotiation.sfuWantsOffer(0);
    assertThat(negotiation.clientOffer()).isEqualTo(new Actions(true, false, false, false));
    assertThat(negotiation.state()).isEqualTo(State.STABLE);
    assertThat(negotiation.renegotiationPending()).isTrue();
    assertThat(negotiation.afterClientOfferAnswered(1)).isEqualTo(OFFER);
  }

  @Test
  void glareAfterARefusedAllowanceOffersAgainRightAfterTheAnswer() {
    negotiation.sfuWantsOffer(0);
    assertThat(negotiation.isAllowRenegotiation(1)).isFalse();
    assertThat(negotiation.clientOffer()).isEqualTo(new Actions(true, false, false, false));
    // the client offered anyway, so the allowance it was owed is spent: no allowance that
    // would hold the SFU's offer until it expires
    assertThat(negotiation.afterClientOfferAnswered(2)).isEqualTo(OFFER);
    assertThat(negotiation.allowanceOwed()).isFalse();
    assertThat(negotiation.state()).isEqualTo(State.SFU_OFFER_OUT);
  }

  @Test
  void anUnallowedClientOfferInStableIsAnsweredAsUsual() {
    assertThat(negotiation.clientOffer()).isEqualTo(Actions.NONE);
    assertThat(negotiation.afterClientOfferAnswered(0)).isEqualTo(Actions.NONE);
  }

  @Test
  void anUnansweredSfuOfferTimesOutIsRolledBackAndWaitsForTheNextChange() {
    negotiation.sfuWantsOffer(0);
    assertThat(negotiation.tick(OFFER_TIMEOUT_MILLIS - 1)).isEqualTo(Actions.NONE);
    assertThat(negotiation.tick(OFFER_TIMEOUT_MILLIS))
        .isEqualTo(new Actions(true, false, false, true));
    assertThat(negotiation.state()).isEqualTo(State.STABLE);
    assertThat(negotiation.sfuWantsOffer(OFFER_TIMEOUT_MILLIS + 1)).isEqualTo(OFFER);
  }

  @Test
  void aTimedOutOfferStillOwesTheAllowance() {
    negotiation.sfuWantsOffer(0);
    negotiation.isAllowRenegotiation(1);
    assertThat(negotiation.tick(OFFER_TIMEOUT_MILLIS))
        .isEqualTo(new Actions(true, false, true, true));
    assertThat(negotiation.state()).isEqualTo(State.CLIENT_MAY_OFFER);
  }

  @Test
  void anUnusedAllowanceExpiresAndReleasesAHeldSfuOffer() {
    negotiation.isAllowRenegotiation(0);
    negotiation.sfuWantsOffer(1);
    assertThat(negotiation.tick(ALLOWANCE_TIMEOUT_MILLIS - 1)).isEqualTo(Actions.NONE);
    assertThat(negotiation.tick(ALLOWANCE_TIMEOUT_MILLIS)).isEqualTo(OFFER);
  }

  @Test
  void anOfferWantedBeforeTheFirstClientOfferFollowsItsAnswer() {
    negotiation.offerWanted();
    assertThat(negotiation.state()).isEqualTo(State.STABLE);
    assertThat(negotiation.tick(100_000)).isEqualTo(Actions.NONE);
    assertThat(negotiation.clientOffer()).isEqualTo(Actions.NONE);
    assertThat(negotiation.afterClientOfferAnswered(100_001)).isEqualTo(OFFER);
  }

  @Test
  void askingAgainWhileAllowedRenewsTheAllowance() {
    assertThat(negotiation.isAllowRenegotiation(0)).isTrue();
    assertThat(negotiation.isAllowRenegotiation(4000)).isTrue();
    negotiation.sfuWantsOffer(4001);
    assertThat(negotiation.tick(ALLOWANCE_TIMEOUT_MILLIS)).isEqualTo(Actions.NONE);
    assertThat(negotiation.tick(4000 + ALLOWANCE_TIMEOUT_MILLIS)).isEqualTo(OFFER);
  }
}
