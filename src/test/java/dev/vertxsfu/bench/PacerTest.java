package dev.vertxsfu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The publisher's pacer: due times at the pacing rate, on a clock passed in. */
@Tag("fast")
class PacerTest {
  /** 2.4 Mbit/s: a 1,200-byte packet drains in 4 ms. */
  private static final long RATE = 2_400_000;
  private static final long MS = 1_000_000;

  @Test
  void aFramesPacketsAreSpacedByTheirSizeAtThePacingRate() {
    Pacer pacer = new Pacer(RATE, 16);
    byte[] packet = new byte[1200];
    for (int i = 0; i < 3; i++) {
      assertThat(pacer.offer(packet, 0, packet.length, 100 * MS)).isTrue();
    }
    assertThat(pacer.headDueNanos()).isEqualTo(100 * MS);
    pacer.poll();
    assertThat(pacer.headDueNanos()).isEqualTo(104 * MS);
    pacer.poll();
    assertThat(pacer.headDueNanos()).isEqualTo(108 * MS);
    pacer.poll();
    assertThat(pacer.isEmpty()).isTrue();
    assertThat(pacer.headDueNanos()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aPacketAfterTheQueueDrainedIsDueAtOnce() {
    Pacer pacer = new Pacer(RATE, 16);
    byte[] packet = new byte[1200];
    pacer.offer(packet, 0, packet.length, 0);
    pacer.poll();
    assertThat(pacer.offer(packet, 0, 600, 33 * MS)).isTrue();
    assertThat(pacer.headDueNanos()).isEqualTo(33 * MS);
    // the next one waits for the 600 bytes before it: 2 ms
    pacer.offer(packet, 0, 600, 33 * MS);
    pacer.poll();
    assertThat(pacer.headDueNanos()).isEqualTo(35 * MS);
  }

  @Test
  void theQueueHoldsACopyOfEachPacketInOrder() {
    Pacer pacer = new Pacer(RATE, 4);
    byte[] packet = {1, 2, 3, 4, 5};
    pacer.offer(packet, 1, 3, 0);
    packet[1] = 9;
    pacer.offer(packet, 0, 2, 0);
    assertThat(pacer.headLength()).isEqualTo(3);
    assertThat(pacer.headBuffer()).startsWith(2, 3, 4);
    pacer.poll();
    assertThat(pacer.headLength()).isEqualTo(2);
    assertThat(pacer.headBuffer()).startsWith(1, 9);
  }

  @Test
  void aFullQueueRefusesAndKeepsWhatItHolds() {
    Pacer pacer = new Pacer(RATE, 2);
    byte[] packet = new byte[100];
    assertThat(pacer.offer(packet, 0, 100, 0)).isTrue();
    assertThat(pacer.offer(packet, 0, 100, 0)).isTrue();
    assertThat(pacer.offer(packet, 0, 100, 0)).isFalse();
    assertThat(pacer.size()).isEqualTo(2);
    assertThat(pacer.offer(new byte[PeerLoop.MAX_DATAGRAM + 1], 0, PeerLoop.MAX_DATAGRAM + 1, 0))
        .isFalse();
  }

  @Test
  void pollingAnEmptyQueueOrARateOfZeroIsRefused() {
    assertThatThrownBy(() -> new Pacer(RATE, 1).poll()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new Pacer(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
