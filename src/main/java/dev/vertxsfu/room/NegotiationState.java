package dev.vertxsfu.room;

/**
 * Who may offer next on one client's peer connection (DESIGN.md, Negotiation; inlivedev/sfu's
 * rules, docs/protocol.md "The flow"). A small explicit state machine over three states, with two
 * memories: an SFU renegotiation waiting for its turn (any number of them merge into one
 * offer), and an {@code allow_renegotiation} owed to a client that was refused.
 *
 * <pre>
 *                 sfuWantsOffer (sends offer)
 *      STABLE ------------------------------------> SFU_OFFER_OUT
 *        |  ^ <------------------------------------    |   |
 *        |  |   answer / offer timeout (rollback)      |   | client offer (glare):
 *        |  |                                          |   | rollback, answer, offer again
 *        |  +------------------------------------------+   v
 *        | isAllowRenegotiation = true                   STABLE (+ renegotiation pending)
 *        v
 *   CLIENT_MAY_OFFER --- client offer / allowance timeout ---> STABLE
 * </pre>
 *
 * <p>It decides; the room acts on what each method returns. Owned by the room's event loop;
 * the time is an argument.
 */
final class NegotiationState {
  /** How long the SFU waits for the answer to its offer. */
  static final long OFFER_TIMEOUT_MILLIS = 10_000;
  /** How long an allowed client may take to send its offer before the SFU may offer again. */
  static final long ALLOWANCE_TIMEOUT_MILLIS = 5_000;

  enum State { STABLE, SFU_OFFER_OUT, CLIENT_MAY_OFFER }

  /** What the room must do after an event, in this order. */
  record Actions(boolean rollback, boolean sendOffer, boolean sendAllowRenegotiation,
      boolean offerTimedOut) {
    static final Actions NONE = new Actions(false, false, false, false);
  }

  private State state = State.STABLE;
  private boolean renegotiationPending;
  private boolean allowanceOwed;
  private long deadline;

  State state() {
    return state;
  }

  boolean renegotiationPending() {
    return renegotiationPending;
  }

  boolean allowanceOwed() {
    return allowanceOwed;
  }

  /** The SFU has something to offer (a subscription, a removed track): now, or when free. */
  Actions sfuWantsOffer(long nowMillis) {
    renegotiationPending = true;
    return stableActions(nowMillis, false);
  }

  /**
   * The SFU has something to offer but cannot yet: the client has made no offer, so there is
   * no session to renegotiate. Its first offer's answer releases it.
   */
  void offerWanted() {
    renegotiationPending = true;
  }

  /**
   * The client asks whether it may offer ({@code is_allow_renegotiation}).
   *
   * @return whether it may
   */
  boolean isAllowRenegotiation(long nowMillis) {
    switch (state) {
      case SFU_OFFER_OUT -> {
        allowanceOwed = true;
        return false;
      }
      case STABLE, CLIENT_MAY_OFFER -> {
        state = State.CLIENT_MAY_OFFER;
        deadline = nowMillis + ALLOWANCE_TIMEOUT_MILLIS;
        return true;
      }
      default -> throw new IllegalStateException(state.name());
    }
  }

  /**
   * A client offer arrived (allowed or not). Glare: an SFU offer that is out is rolled back
   * and made again after the answer. The room answers the client, then acts on
   * {@link #afterClientOfferAnswered}. An allowance owed to a client refused earlier is spent
   * by this offer: granting it now would hold the SFU's new offer until it expired.
   */
  Actions clientOffer() {
    boolean rollback = state == State.SFU_OFFER_OUT;
    if (rollback) {
      renegotiationPending = true;
    }
    allowanceOwed = false;
    state = State.STABLE;
    return new Actions(rollback, false, false, false);
  }

  /** The room has answered the client's offer: whatever waited may go now. */
  Actions afterClientOfferAnswered(long nowMillis) {
    return stableActions(nowMillis, false);
  }

  /**
   * The client answered.
   *
   * @return null if no SFU offer was out (the room refuses with {@code not_allowed})
   */
  Actions clientAnswer(long nowMillis) {
    if (state != State.SFU_OFFER_OUT) {
      return null;
    }
    state = State.STABLE;
    return stableActions(nowMillis, false);
  }

  /** The room's timer: an unanswered SFU offer, or an allowance the client never used. */
  Actions tick(long nowMillis) {
    if (state == State.SFU_OFFER_OUT && nowMillis >= deadline) {
      state = State.STABLE;
      Actions after = stableActions(nowMillis, true);
      return new Actions(true, false, after.sendAllowRenegotiation(), true);
    }
    if (state == State.CLIENT_MAY_OFFER && nowMillis >= deadline) {
      state = State.STABLE;
      return stableActions(nowMillis, false);
    }
    return Actions.NONE;
  }

  /**
   * In STABLE: owes the allowance first (the client offers next), otherwise sends a pending
   * offer. {@code holdOffer} keeps a pending offer pending (after a timeout, the next change
   * triggers it rather than the timer resending to a client that does not answer).
   */
  private Actions stableActions(long nowMillis, boolean holdOffer) {
    if (state != State.STABLE) {
      return Actions.NONE;
    }
    if (allowanceOwed) {
      allowanceOwed = false;
      state = State.CLIENT_MAY_OFFER;
      deadline = nowMillis + ALLOWANCE_TIMEOUT_MILLIS;
      return new Actions(false, false, true, false);
    }
    if (renegotiationPending && !holdOffer) {
      renegotiationPending = false;
      state = State.SFU_OFFER_OUT;
      deadline = nowMillis + OFFER_TIMEOUT_MILLIS;
      return new Actions(false, true, false, false);
    }
    return Actions.NONE;
  }
}
