package dev.vertxsfu.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("fast")
class RetransmissionBufferTest {
  private final RetransmissionBuffer buffer = new RetransmissionBuffer(64, 1000);
  private final byte[] out = new byte[RetransmissionBuffer.SLOT_SIZE];

  private static byte[] packet(int seq, int length) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) seq);
    return bytes;
  }

  @Test
  void aStoredPacketIsCopiedBackExactly() {
    byte[] packet = packet(7, 1200);
    buffer.store(7, packet, 0, packet.length, 0);
    int length = buffer.copy(7, out, 10);
    assertThat(Arrays.copyOf(out, length)).isEqualTo(packet);
  }

  @Test
  void overwrittenTooOldAndUnknownPacketsAreNotKept() {
    buffer.store(1, packet(1, 100), 0, 100, 0);
    buffer.store(65, packet(65, 100), 0, 100, 0); // same slot as 1
    assertThat(buffer.copy(1, out, 0)).isEqualTo(-1);
    assertThat(buffer.copy(65, out, 1000)).isEqualTo(100);
    assertThat(buffer.copy(65, out, 1001)).isEqualTo(-1);
    assertThat(buffer.copy(2, out, 0)).isEqualTo(-1);
  }

  @Test
  void packetsLargerThanASlotAreNotKept() {
    byte[] jumbo = packet(3, RetransmissionBuffer.SLOT_SIZE + 1);
    buffer.store(3, jumbo, 0, jumbo.length, 0);
    assertThat(buffer.copy(3, out, 0)).isEqualTo(-1);
  }

  @Test
  void capacityMustBeAPowerOfTwo() {
    assertThatThrownBy(() -> new RetransmissionBuffer(100, 1000))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
