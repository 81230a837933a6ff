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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * ICE restart on the lite agent (RFC 8445 §9): new credentials, the previous ones valid until
 * the first check with the new, consent started afresh, the old tuples forgotten.
 */
@Tag("fast")
class IceServerRestartTest {
  private static final IceCredentials OLD = new IceCredentials("sfuUfrag", "sfuPasswordOf22CharsOrMore");
  private static final IceCredentials NEW = new IceCredentials("sfuNewUf", "sfuNewPasswordOf22CharsOrMore");
  private static final String OLD_REMOTE = "brow";
  private static final String NEW_REMOTE = "brnw";
  private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 50001);
  private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 50002);

  private final List<byte[]> sent = new ArrayList<>();
  private final Set<InetSocketAddress> tuples = new HashSet<>();
  private final List<InetSocketAddress> selections = new ArrayList<>();
  private final List<IceCredentials> retired = new ArrayList<>();
  private final IceServer ice = new IceServer(OLD, OLD_REMOTE, new IceServer.Listener() {
    @Override
    public void onIceServerSendStunPacket(byte[] buf, int off, int len, InetSocketAddress to) {
      sent.add(java.util.Arrays.copyOfRange(buf, off, off + len));
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
    public void onIceServerStateChange(IceState state) {}

    @Override
    public void onIceServerCredentialsRetired(IceCredentials credentials) {
      retired.add(credentials);
    }
  });
  private long now = 1_000_000;

  private static StunMessage check(IceCredentials local, String remoteUfrag, boolean useCandidate) {
    StunMessageBuilder builder = new StunMessageBuilder()
        .start(StunMessageType.BINDING_REQUEST, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 0)
        .username(local.ufrag() + ":" + remoteUfrag)
        .priority(1853824767L)
        .iceControlling(42);
    if (useCandidate) {
      builder.useCandidate();
    }
    byte[] bytes = builder.messageIntegrity(MessageIntegrity.shortTerm(local.password()))
        .fingerprint()
        .toByteArray();
    return new StunMessage().wrap(bytes, 0, bytes.length);
  }

  private StunMessage lastResponse() {
    byte[] bytes = sent.get(sent.size() - 1);
    return new StunMessage().wrap(bytes, 0, bytes.length);
  }

  @Test
  void theOldCredentialsStayValidUntilTheFirstCheckWithTheNewOnes() {
    ice.processStunPacket(check(OLD, OLD_REMOTE, true), A, now);
    assertThat(ice.restart(NEW, NEW_REMOTE, now)).isTrue();
    assertThat(ice.isRestarting()).isTrue();
    assertThat(ice.localCredentials()).isEqualTo(NEW);

    ice.processStunPacket(check(OLD, OLD_REMOTE, true), A, now + 100);
    assertThat(lastResponse().messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(MessageIntegrity.shortTerm(OLD.password()).verify(lastResponse())).isTrue();
    assertThat(ice.selectedTuple()).isEqualTo(A); // media still goes the old way
    assertThat(retired).isEmpty();

    ice.processStunPacket(check(NEW, NEW_REMOTE, true), B, now + 200);
    assertThat(lastResponse().messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    assertThat(MessageIntegrity.shortTerm(NEW.password()).verify(lastResponse())).isTrue();
    assertThat(ice.isRestarting()).isFalse();
    assertThat(retired).containsExactly(OLD);

    ice.processStunPacket(check(OLD, OLD_REMOTE, true), A, now + 300);
    assertThat(lastResponse().errorCode()).isEqualTo(ErrorCode.UNAUTHORIZED);
  }

  @Test
  void theFirstNewCheckForgetsTheOldTuplesAndSelectsItsAddress() {
    ice.processStunPacket(check(OLD, OLD_REMOTE, true), A, now);
    ice.restart(NEW, NEW_REMOTE, now);
    ice.processStunPacket(check(NEW, NEW_REMOTE, false), B, now + 10);

    assertThat(ice.isValidTuple(A)).isFalse();
    assertThat(tuples).containsExactly(B);
    assertThat(ice.selectedTuple()).isEqualTo(B);
    assertThat(selections).containsExactly(A, B);
    assertThat(ice.state()).isEqualTo(IceState.CONNECTED); // nominated again by the next check
    ice.processStunPacket(check(NEW, NEW_REMOTE, true), B, now + 20);
    assertThat(ice.state()).isEqualTo(IceState.COMPLETED);
    assertThat(ice.restarts()).isEqualTo(1);
  }

  @Test
  void aRestartOnTheSameAddressKeepsItAsTheSelectedTuple() {
    ice.processStunPacket(check(OLD, OLD_REMOTE, true), A, now);
    ice.restart(NEW, NEW_REMOTE, now);
    ice.processStunPacket(check(NEW, NEW_REMOTE, true), A, now + 10);
    assertThat(tuples).containsExactly(A);
    assertThat(ice.selectedTuple()).isEqualTo(A);
    assertThat(ice.state()).isEqualTo(IceState.COMPLETED);
  }

  @Test
  void aRestartStartsConsentAfresh() {
    ice.processStunPacket(check(OLD, OLD_REMOTE, true), A, now);
    ice.checkConsent(now + IceServer.DISCONNECTED_AFTER_MILLIS + 1);
    assertThat(ice.state()).isEqualTo(IceState.DISCONNECTED);

    long restartedAt = now + 25_000;
    ice.restart(NEW, NEW_REMOTE, restartedAt);
    ice.checkConsent(now + IceServer.CONSENT_TIMEOUT_MILLIS + 1);
    assertThat(ice.state()).isEqualTo(IceState.DISCONNECTED); // not failed: consent was renewed
    assertThat(ice.isValidTuple(A)).isTrue();

    ice.checkConsent(restartedAt + IceServer.CONSENT_TIMEOUT_MILLIS + 1);
    assertThat(ice.state()).isEqualTo(IceState.FAILED); // nobody checked with the new ones
  }

  @Test
  void aRestartOfTheClientsSideAloneKeepsTheLocalUfrag() {
    ice.processStunPacket(check(OLD, OLD_REMOTE, true), A, now);
    assertThat(ice.restart(OLD, NEW_REMOTE, now)).isTrue();
    ice.processStunPacket(check(OLD, NEW_REMOTE, true), B, now + 10);
    assertThat(lastResponse().messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    ice.processStunPacket(check(OLD, OLD_REMOTE, true), A, now + 20);
    assertThat(lastResponse().errorCode()).isEqualTo(ErrorCode.UNAUTHORIZED);
  }

  @Test
  void aSecondRestartBeforeTheFirstCompletedRetiresTheSkippedCredentials() {
    IceCredentials third = new IceCredentials("sfuThird", "sfuThirdPasswordOf22Chars");
    ice.processStunPacket(check(OLD, OLD_REMOTE, true), A, now);
    ice.restart(NEW, NEW_REMOTE, now);
    ice.restart(third, "brth", now + 5);
    assertThat(retired).containsExactly(OLD);

    ice.processStunPacket(check(NEW, NEW_REMOTE, true), A, now + 10); // the previous generation
    assertThat(lastResponse().messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
    ice.processStunPacket(check(third, "brth", true), B, now + 20);
    assertThat(retired).containsExactly(OLD, NEW);
    assertThat(tuples).containsExactly(B);
  }

  @Test
  void theSameCredentialsOrAFailedAgentDoNotRestart() {
    assertThat(ice.restart(OLD, OLD_REMOTE, now)).isFalse();
    ice.processStunPacket(check(OLD, OLD_REMOTE, true), A, now);
    ice.checkConsent(now + IceServer.CONSENT_TIMEOUT_MILLIS + 1);
    assertThat(ice.state()).isEqualTo(IceState.FAILED);
    assertThat(ice.restart(NEW, NEW_REMOTE, now + 40_000)).isFalse();
    assertThat(ice.restarts()).isZero();
  }
}
