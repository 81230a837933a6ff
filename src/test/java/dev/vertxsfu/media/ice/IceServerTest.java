package dev.vertxsfu.media.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.wire.stun.ErrorCode;
import dev.vertxsfu.wire.stun.MessageIntegrity;
import dev.vertxsfu.wire.stun.StunClass;
import dev.vertxsfu.wire.stun.StunMessage;
import dev.vertxsfu.wire.stun.StunMessageBuilder;
import dev.vertxsfu.wire.stun.StunMessageType;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The ICE-lite agent against checks built the way a controlling browser builds them. */
@Tag("fast")
class IceServerTest {
  private static final IceCredentials LOCAL = new IceCredentials("sfuUfrag", "sfuPasswordOf22CharsOrMore");
  private static final String REMOTE_UFRAG = "brow";
  private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 50001);
  private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 50002);

  private final List<byte[]> sent = new ArrayList<>();
  private final List<InetSocketAddress> sentTo = new ArrayList<>();
  private final List<InetSocketAddress> selections = new ArrayList<>();
  private final List<IceState> states = new ArrayList<>();
  private final java.util.Set<InetSocketAddress> tuples = new java.util.HashSet<>();
  private final IceServer ice = new IceServer(LOCAL, REMOTE_UFRAG, new IceServer.Listener() {
    @Override
    public void onIceServerSendStunPacket(byte[] buf, int off, int len, InetSocketAddress to) {
      sent.add(java.util.Arrays.copyOfRange(buf, off, off + len));
      sentTo.add(to);
    }

    @Override
    public void onIceServerTupleAdded(InetSocketAddress tuple) {
      assertThat(tuples.add(tuple)).isTrue();
    }

    @Override
    public void onIceServerTupleRemoved(InetSocketAddress tuple) {
      assertThat(tuples.remove(tuple)).isTrue();
    }

    @Override
    public void onIceServerSelectedTuple(InetSocketAddress tuple) {
      selections.add(tuple);
    }

    @Override
    public void onIceServerStateChange(IceState state) {
      states.add(state);
    }
  });

  private long now = 1_000_000;

  /** A Binding request as Chromium sends it; the knobs break one thing at a time. */
  private static StunMessage check(String username, String password, boolean useCandidate,
      boolean controlled, boolean fingerprint) {
    StunMessageBuilder builder = new StunMessageBuilder()
        .start(StunMessageType.BINDING_REQUEST, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 0)
        .username(username)
        .priority(1853824767L);
    builder = controlled ? builder.iceControlled(42) : builder.iceControlling(42);
    if (useCandidate) {
      builder.useCandidate();
    }
    builder.messageIntegrity(MessageIntegrity.shortTerm(password));
    if (fingerprint) {
      builder.fingerprint();
    }
    byte[] bytes = builder.toByteArray();
    return new StunMessage().wrap(bytes, 0, bytes.length);
  }

  private static StunMessage goodCheck(boolean useCandidate) {
    return check(LOCAL.ufrag() + ":" + REMOTE_UFRAG, LOCAL.password(), useCandidate, false, true);
  }

  private StunMessage lastResponse() {
    byte[] bytes = sent.get(sent.size() - 1);
    return new StunMessage().wrap(bytes, 0, bytes.length);
  }

  @Test
  void aValidCheckGetsAnAuthenticatedSuccessNamingTheSourceAddress() {
    ice.processStunPacket(goodCheck(false), A, now);

    StunMessage response = lastResponse();
    assertThat(response.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(response.transactionIdEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 0))
        .isTrue();
    assertThat(response.xorMappedAddress()).isEqualTo(A);
    assertThat(MessageIntegrity.shortTerm(LOCAL.password()).verify(response)).isTrue();
    assertThat(response.fingerprintMatches()).isTrue();
    assertThat(sentTo).containsExactly(A);
    assertThat(ice.state()).isEqualTo(IceState.CONNECTED);
    assertThat(ice.selectedTuple()).isEqualTo(A);
    assertThat(ice.isValidTuple(A)).isTrue();
    assertThat(tuples).containsExactly(A);
  }

  @Test
  void useCandidateNominatesAndCompletes() {
    ice.processStunPacket(goodCheck(false), A, now);
    ice.processStunPacket(goodCheck(true), A, now + 50);
    assertThat(states).containsExactly(IceState.CONNECTED, IceState.COMPLETED);
    assertThat(selections).containsExactly(A);
  }

  @Test
  void aLaterNominationOfAnotherAddressMovesTheMedia() {
    ice.processStunPacket(goodCheck(true), A, now);
    ice.processStunPacket(goodCheck(false), B, now);
    assertThat(ice.selectedTuple()).isEqualTo(A);
    ice.processStunPacket(goodCheck(true), B, now);
    assertThat(ice.selectedTuple()).isEqualTo(B);
    assertThat(selections).containsExactly(A, B);
    assertThat(ice.isValidTuple(A)).isTrue();
  }

  @Test
  void aBadMessageIntegrityGets401AndNoTuple() {
    ice.processStunPacket(check(LOCAL.ufrag() + ":" + REMOTE_UFRAG, "wrongPasswordOf22Chars..", true,
        false, true), A, now);
    assertThat(lastResponse().messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
    assertThat(lastResponse().errorCode()).isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(ice.isValidTuple(A)).isFalse();
    assertThat(ice.state()).isEqualTo(IceState.NEW);
    assertThat(selections).isEmpty();
  }

  @Test
  void aCheckForAnotherUsernameGets401() {
    ice.processStunPacket(check("otherUfrag:" + REMOTE_UFRAG, LOCAL.password(), false, false, true),
        A, now);
    assertThat(lastResponse().errorCode()).isEqualTo(ErrorCode.UNAUTHORIZED);
    ice.processStunPacket(check(LOCAL.ufrag() + ":other", LOCAL.password(), false, false, true),
        A, now);
    assertThat(lastResponse().errorCode()).isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(ice.isValidTuple(A)).isFalse();
  }

  @Test
  void aCheckWithoutFingerprintIsSilentlyDropped() {
    ice.processStunPacket(check(LOCAL.ufrag() + ":" + REMOTE_UFRAG, LOCAL.password(), true, false,
        false), A, now);
    assertThat(sent).isEmpty();
    assertThat(ice.isValidTuple(A)).isFalse();
  }

  @Test
  void aCheckWithoutMessageIntegrityGets400() {
    byte[] bytes = new StunMessageBuilder()
        .start(StunMessageType.BINDING_REQUEST, new byte[12], 0)
        .username(LOCAL.ufrag() + ":" + REMOTE_UFRAG).priority(1).fingerprint().toByteArray();
    ice.processStunPacket(new StunMessage().wrap(bytes, 0, bytes.length), A, now);
    assertThat(lastResponse().errorCode()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(ice.isValidTuple(A)).isFalse();
  }

  @Test
  void aPeerClaimingTheControlledRoleGets487() {
    ice.processStunPacket(check(LOCAL.ufrag() + ":" + REMOTE_UFRAG, LOCAL.password(), false, true,
        true), A, now);
    assertThat(lastResponse().errorCode()).isEqualTo(ErrorCode.ROLE_CONFLICT);
    assertThat(ice.isValidTuple(A)).isFalse();
  }

  @Test
  void indicationsAndResponsesAreIgnored() {
    byte[] indication = new StunMessageBuilder()
        .start(StunMessageType.BINDING_INDICATION, new byte[12], 0).fingerprint().toByteArray();
    ice.processStunPacket(new StunMessage().wrap(indication, 0, indication.length), A, now);
    assertThat(sent).isEmpty();
  }

  @Test
  void consentLapsesToDisconnectedThenFailedAndChecksRevive() {
    ice.processStunPacket(goodCheck(true), A, now);
    ice.checkConsent(now + IceServer.DISCONNECTED_AFTER_MILLIS);
    assertThat(ice.state()).isEqualTo(IceState.COMPLETED);
    ice.checkConsent(now + IceServer.DISCONNECTED_AFTER_MILLIS + 1);
    assertThat(ice.state()).isEqualTo(IceState.DISCONNECTED);

    now += 20_000;
    ice.processStunPacket(goodCheck(true), A, now);
    assertThat(ice.state()).isEqualTo(IceState.COMPLETED);

    ice.checkConsent(now + IceServer.CONSENT_TIMEOUT_MILLIS);
    assertThat(ice.state()).isEqualTo(IceState.DISCONNECTED);
    ice.checkConsent(now + IceServer.CONSENT_TIMEOUT_MILLIS + 1);
    assertThat(ice.state()).isEqualTo(IceState.FAILED);
    assertThat(ice.selectedTuple()).isNull();
    assertThat(ice.isValidTuple(A)).isFalse();
    assertThat(tuples).isEmpty();

    int before = sent.size();
    ice.processStunPacket(goodCheck(true), A, now + 40_000);
    assertThat(sent).hasSize(before);
    assertThat(ice.state()).isEqualTo(IceState.FAILED);
  }

  @Test
  void whenTheSelectedTupleLosesConsentAnotherLiveOneTakesOver() {
    ice.processStunPacket(goodCheck(true), A, now);
    ice.processStunPacket(goodCheck(false), B, now + 25_000);
    ice.checkConsent(now + IceServer.CONSENT_TIMEOUT_MILLIS + 1);
    assertThat(ice.selectedTuple()).isEqualTo(B);
    assertThat(ice.state()).isEqualTo(IceState.CONNECTED); // B was never nominated
    assertThat(selections).containsExactly(A, B);
  }

  @Test
  void tuplesAreBoundedAndTheSelectedOneIsNeverEvicted() {
    ice.processStunPacket(goodCheck(true), A, now);
    for (int port = 40000; port < 40000 + IceServer.MAX_TUPLES + 3; port++) {
      ice.processStunPacket(goodCheck(false), new InetSocketAddress("127.0.0.1", port), ++now);
    }
    assertThat(ice.isValidTuple(A)).isTrue();
    assertThat(ice.selectedTuple()).isEqualTo(A);
    assertThat(ice.isValidTuple(new InetSocketAddress("127.0.0.1", 40000))).isFalse();
    assertThat(ice.isValidTuple(new InetSocketAddress("127.0.0.1", 40000 + IceServer.MAX_TUPLES + 2)))
        .isTrue();
    assertThat(tuples).hasSize(IceServer.MAX_TUPLES).contains(A);
  }
}
