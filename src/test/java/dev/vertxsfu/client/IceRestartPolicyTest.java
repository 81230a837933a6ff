package dev.vertxsfu.client;

import static dev.onvoid.webrtc.RTCPeerConnectionState.CONNECTED;
import static dev.onvoid.webrtc.RTCPeerConnectionState.CONNECTING;
import static dev.onvoid.webrtc.RTCPeerConnectionState.DISCONNECTED;
import static dev.onvoid.webrtc.RTCPeerConnectionState.FAILED;
import static dev.vertxsfu.client.IceRestartPolicy.Action.NONE;
import static dev.vertxsfu.client.IceRestartPolicy.Action.REJOIN;
import static dev.vertxsfu.client.IceRestartPolicy.Action.RESTART;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class IceRestartPolicyTest {
  private final IceRestartPolicy policy = new IceRestartPolicy(2, 10_000);

  @Test
  void aDisconnectedConnectionRestartsIceAtOnce() {
    assertThat(policy.onState(CONNECTED, 0)).isEqualTo(NONE);
    assertThat(policy.onState(DISCONNECTED, 5_000)).isEqualTo(RESTART);
    assertThat(policy.attempts()).isEqualTo(1);
  }

  @Test
  void aFailedConnectionRestartsIceToo() {
    policy.onState(CONNECTED, 0);
    assertThat(policy.onState(FAILED, 5_000)).isEqualTo(RESTART);
  }

  @Test
  void aConnectionThatNeverConnectedIsNotRestarted() {
    assertThat(policy.onState(CONNECTING, 0)).isEqualTo(NONE);
    assertThat(policy.onState(FAILED, 1_000)).isEqualTo(NONE);
    assertThat(policy.tick(60_000)).isEqualTo(NONE);
  }

  @Test
  void aSuccessfulRestartStartsFromScratch() {
    policy.onState(CONNECTED, 0);
    policy.onState(DISCONNECTED, 1_000);
    assertThat(policy.onState(CONNECTED, 2_000)).isEqualTo(NONE);
    assertThat(policy.attempts()).isZero();
    assertThat(policy.tick(50_000)).isEqualTo(NONE);
    assertThat(policy.onState(DISCONNECTED, 60_000)).isEqualTo(RESTART);
    assertThat(policy.attempts()).isEqualTo(1);
  }

  @Test
  void anAttemptThatTakesTooLongIsFollowedByTheNextThenByARejoin() {
    policy.onState(CONNECTED, 0);
    assertThat(policy.onState(DISCONNECTED, 1_000)).isEqualTo(RESTART);
    assertThat(policy.onState(DISCONNECTED, 2_000)).as("still the first attempt").isEqualTo(NONE);
    assertThat(policy.tick(10_999)).isEqualTo(NONE);
    assertThat(policy.tick(11_000)).isEqualTo(RESTART);
    assertThat(policy.tick(21_000)).isEqualTo(REJOIN);
    assertThat(policy.tick(40_000)).as("once given up, nothing more").isEqualTo(NONE);
    assertThat(policy.onState(FAILED, 41_000)).isEqualTo(NONE);
  }

  @Test
  void anAttemptEndingInFailedStartsTheNextAtOnce() {
    policy.onState(CONNECTED, 0);
    policy.onState(DISCONNECTED, 1_000);
    assertThat(policy.onState(FAILED, 3_000)).isEqualTo(RESTART);
    assertThat(policy.attempts()).isEqualTo(2);
    assertThat(policy.onState(FAILED, 4_000)).isEqualTo(REJOIN);
  }

  @Test
  void noAttemptsMeansRejoinAtOnce() {
    IceRestartPolicy never = new IceRestartPolicy(0, 10_000);
    never.onState(CONNECTED, 0);
    assertThat(never.onState(DISCONNECTED, 1_000)).isEqualTo(REJOIN);
  }
}
