package dev.vertxsfu.room;

import static dev.vertxsfu.media.transport.TransportState.CONNECTED;
import static dev.vertxsfu.media.transport.TransportState.CONNECTING;
import static dev.vertxsfu.media.transport.TransportState.DISCONNECTED;
import static dev.vertxsfu.media.transport.TransportState.FAILED;
import static dev.vertxsfu.media.transport.TransportState.NEW;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class TransportWatchTest {

  @Test
  void aTransportThatNeverConnectsExpiresAfterTheConnectTimeoutFromTheAnswer() {
    TransportWatch watch = new TransportWatch(15_000, 20_000, 1_000);
    assertThat(watch.expired(NEW, 10_000)).isFalse();
    assertThat(watch.expired(CONNECTING, 15_999)).isFalse();
    assertThat(watch.expired(CONNECTING, 16_000)).isTrue();
    assertThat(watch.reason()).contains("never connected");
  }

  @Test
  void aConnectedTransportExpiresOnlyAfterTheDisconnectTimeoutWithoutConnection() {
    TransportWatch watch = new TransportWatch(15_000, 20_000, 0);
    assertThat(watch.expired(CONNECTED, 5_000)).isFalse();
    assertThat(watch.expired(CONNECTED, 100_000)).isFalse();
    assertThat(watch.expired(DISCONNECTED, 101_000)).isFalse();
    assertThat(watch.expired(CONNECTED, 119_000)).as("came back").isFalse();
    assertThat(watch.expired(FAILED, 120_000)).isFalse();
    assertThat(watch.expired(FAILED, 139_999)).isFalse();
    assertThat(watch.expired(FAILED, 140_000)).isTrue();
    assertThat(watch.reason()).contains("disconnected");
  }

  @Test
  void anIceRestartGivesADisconnectedTransportAFullTimeoutFromTheRestart() {
    TransportWatch watch = new TransportWatch(15_000, 20_000, 0);
    assertThat(watch.expired(CONNECTED, 1_000)).isFalse();
    assertThat(watch.expired(DISCONNECTED, 10_000)).isFalse();
    watch.iceRestarted(25_000);
    assertThat(watch.expired(DISCONNECTED, 30_000)).as("20 s after it broke").isFalse();
    assertThat(watch.expired(DISCONNECTED, 44_999)).isFalse();
    assertThat(watch.expired(DISCONNECTED, 45_000)).isTrue();
  }

  @Test
  void anIceRestartOfAConnectedTransportChangesNothing() {
    TransportWatch watch = new TransportWatch(15_000, 20_000, 0);
    assertThat(watch.expired(CONNECTED, 1_000)).isFalse();
    watch.iceRestarted(2_000);
    assertThat(watch.expired(DISCONNECTED, 3_000)).isFalse();
    assertThat(watch.expired(DISCONNECTED, 23_000)).isTrue();
  }
}
