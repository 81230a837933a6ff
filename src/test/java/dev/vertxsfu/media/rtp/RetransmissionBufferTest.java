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
  void theRingGrowsToHoldTheMaxAgeOfTheStream() {
    RetransmissionBuffer ring = new RetransmissionBuffer(512, 1000);
    byte[] packet = packet(0, 1200);
    // 90 packets a second (a ~1 Mbit/s camera) for 3 s
    for (int seq = 0; seq < 270; seq++) {
      ring.store(seq, packet, 0, packet.length, seq * 1000L / 90);
    }
    assertThat(ring.capacity()).isEqualTo(128);
    long now = 269 * 1000L / 90;
    assertThat(ring.copy(269 - 89, out, now)).isEqualTo(1200); // a second ago: still kept
    // a second is 91 packets of 1,200 bytes: the arena holds that and at most an eighth more
    assertThat(ring.retainedBytes()).isBetween(91L * 1200, 91L * 1200 * 9 / 8 + 1024);
  }

  @Test
  void theArenaFollowsTheBytesOfASecondNotTheCountOfPackets() {
    RetransmissionBuffer ring = new RetransmissionBuffer(512, 1000);
    // a key frame of 40 full packets at t=0, then 30 frames a second of 3 packets of 300 bytes
    byte[] full = packet(0, 1200);
    byte[] small = packet(0, 300);
    int seq = 0;
    for (; seq < 40; seq++) {
      ring.store(seq, full, 0, full.length, 0);
    }
    for (int frame = 1; frame <= 150; frame++) {
      for (int i = 0; i < 3; i++, seq++) {
        ring.store(seq, small, 0, small.length, frame * 1000L / 30);
      }
    }
    // 130 packets in the busiest second: the index doubles to 256, the bytes do not follow it
    assertThat(ring.capacity()).isEqualTo(256);
    long busiestSecond = 40L * 1200 + 90L * 300;
    assertThat(ring.retainedBytes()).isBetween(busiestSecond, busiestSecond * 9 / 8 + 1024)
        .isLessThan(256L * 1200);
    assertThat(ring.copy(seq - 1, out, 5000)).isEqualTo(300);
    assertThat(ring.copy(seq - 90, out, 5000)).isEqualTo(300);
  }

  @Test
  void packetsThatWrapAroundTheArenaAreCopiedBackExactly() {
    RetransmissionBuffer ring = new RetransmissionBuffer(64, 100);
    long now = 0;
    for (int seq = 0; seq < 5_000; seq++, now += 20) { // 6 packets per max age: no growth
      byte[] packet = packet(seq, 700 + seq % 701);
      ring.store(seq, packet, 0, packet.length, now);
      int back = seq - seq % 5; // up to 80 ms ago
      int length = ring.copy(back, out, now);
      assertThat(Arrays.copyOf(out, length)).isEqualTo(packet(back, 700 + back % 701));
    }
    assertThat(ring.retainedBytes()).isEqualTo(RetransmissionBuffer.INITIAL_BYTES);
  }

  @Test
  void aSlowStreamKeepsASmallRing() {
    RetransmissionBuffer ring = new RetransmissionBuffer(512, 1000);
    byte[] packet = packet(0, 200);
    for (int seq = 0; seq < 100; seq++) { // 10 packets a second
      ring.store(seq, packet, 0, packet.length, seq * 100L);
    }
    assertThat(ring.capacity()).isEqualTo(RetransmissionBuffer.INITIAL_CAPACITY);
    assertThat(ring.retainedBytes()).isEqualTo(RetransmissionBuffer.INITIAL_BYTES);
  }

  @Test
  void growingKeepsEveryStoredPacket() {
    RetransmissionBuffer ring = new RetransmissionBuffer(1024, 1000);
    for (int seq = 65_000; seq < 65_000 + 600; seq++) { // a burst across the 16-bit wrap
      int wire = seq & 0xFFFF;
      byte[] packet = packet(wire, 100 + wire % 50);
      ring.store(wire, packet, 0, packet.length, 0);
    }
    assertThat(ring.capacity()).isEqualTo(1024);
    for (int seq = 65_000; seq < 65_000 + 600; seq++) {
      int wire = seq & 0xFFFF;
      int length = ring.copy(wire, out, 5);
      assertThat(Arrays.copyOf(out, length)).isEqualTo(packet(wire, 100 + wire % 50));
    }
  }

  @Test
  void theRingStopsGrowingAtItsMaximum() {
    RetransmissionBuffer ring = new RetransmissionBuffer(64, 1000);
    byte[] packet = packet(0, 1500);
    for (int seq = 0; seq < 1000; seq++) {
      ring.store(seq, packet, 0, packet.length, 0);
    }
    assertThat(ring.capacity()).isEqualTo(64);
    assertThat(ring.retainedBytes()).isEqualTo(64L * RetransmissionBuffer.SLOT_SIZE);
    assertThat(ring.copy(999 - 64, out, 0)).isEqualTo(-1);
    assertThat(ring.copy(999 - 63, out, 0)).isEqualTo(1500);
  }

  @Test
  void storingAllocatesNothingOnceGrown() {
    RetransmissionBuffer ring = new RetransmissionBuffer(512, 1000);
    byte[] packet = packet(0, 1200);
    byte[] small = packet(0, 300);
    for (int seq = 0; seq < 2_000; seq++) {
      ring.store(seq & 0xFFFF, packet, 0, packet.length, seq * 10L);
    }
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
        java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int seq = 2_000; seq < 20_000; seq++) {
      byte[] p = seq % 3 == 0 ? small : packet;
      ring.store(seq & 0xFFFF, p, 0, p.length, seq * 10L);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).isLessThan(1_024);
  }

  @Test
  void aRandomStreamWithRepairsAndBurstsAlwaysGivesBackTheLatestYoungCopy() {
    java.util.Random random = new java.util.Random(16);
    RetransmissionBuffer ring = new RetransmissionBuffer(512, 1000);
    java.util.Map<Integer, byte[]> latest = new java.util.HashMap<>();
    java.util.Map<Integer, Long> storedAt = new java.util.HashMap<>();
    long now = 0;
    int seq = 65_000;
    for (int i = 0; i < 30_000; i++) {
      now += random.nextInt(100) < 95 ? random.nextInt(12) : 200 + random.nextInt(400);
      int wire;
      if (random.nextInt(50) == 0 && i > 100) { // a repair of a recent packet, stored again
        wire = (seq - 1 - random.nextInt(100)) & 0xFFFF;
      } else {
        wire = seq++ & 0xFFFF;
      }
      byte[] packet = new byte[1 + random.nextInt(RetransmissionBuffer.SLOT_SIZE)];
      random.nextBytes(packet);
      ring.store(wire, packet, 0, packet.length, now);
      latest.put(wire, packet);
      storedAt.put(wire, now);
      for (int k = 0; k < 3; k++) {
        int asked = (seq - 1 - random.nextInt(200)) & 0xFFFF;
        int length = ring.copy(asked, out, now);
        Long at = storedAt.get(asked);
        boolean young = at != null && now - at <= 1000;
        if (young) {
          // under 512 packets and 768 KB a second nothing young is ever given up
          assertThat(length).as("seq %d stored %d ms ago", asked, now - at)
              .isEqualTo(latest.get(asked).length);
          assertThat(Arrays.copyOf(out, length)).isEqualTo(latest.get(asked));
        } else {
          assertThat(length).isEqualTo(-1);
        }
      }
    }
  }

  @Test
  void capacityMustBeAPowerOfTwo() {
    assertThatThrownBy(() -> new RetransmissionBuffer(100, 1000))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
