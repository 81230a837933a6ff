package dev.vertxsfu.media.cc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.wire.rtcp.TransportWideCcFeedback;
import dev.vertxsfu.wire.rtcp.TransportWideCcFeedbackBuilder;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The per-packet path of congestion control allocates nothing: stamping a packet and reading
 * feedback, once warmed up, measured with the JVM's per-thread allocation counter (a count of
 * bytes, not a timing).
 */
@Tag("fast")
class PerPacketAllocationTest {
  private static final int PACKETS_PER_FEEDBACK = 20;
  private static final int ROUNDS = 3_000;

  @Test
  void sendingAndReadingFeedbackAllocateNothing() {
    byte[][] feedback = new byte[ROUNDS][];
    TransportWideCcFeedbackBuilder builder = new TransportWideCcFeedbackBuilder(1, 2, 0);
    for (int round = 0; round < ROUNDS; round++) {
      builder.reset(1, 2, round & 0xFF);
      for (int i = 0; i < PACKETS_PER_FEEDBACK; i++) {
        int seq = round * PACKETS_PER_FEEDBACK + i;
        if (seq % 17 != 0) { // some lost
          builder.addReceivedPacket(seq & 0xFFFF, 30_000 + seq * 2_500L + (i % 3) * 400L);
        }
      }
      TransportWideCcFeedback built = builder.build();
      feedback[round] = new byte[built.serializedLength()];
      built.write(feedback[round], 0);
    }
    TransportCongestionControlClient client = new TransportCongestionControlClient("s", 1_000_000);

    run(client, feedback, 0, ROUNDS / 2);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    run(client, feedback, ROUNDS / 2, ROUNDS);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    System.out.printf("%d packets and %d feedbacks: %d bytes allocated%n",
        ROUNDS / 2 * PACKETS_PER_FEEDBACK, ROUNDS / 2, allocated);
    assertThat(client.targetBps()).isPositive();
    assertThat(allocated).isLessThan(1_024);
  }

  private static void run(TransportCongestionControlClient client, byte[][] feedback, int from,
      int to) {
    for (int round = from; round < to; round++) {
      for (int i = 0; i < PACKETS_PER_FEEDBACK; i++) {
        long seq = (long) round * PACKETS_PER_FEEDBACK + i;
        client.onPacketSent(1200, seq * 2_500L);
      }
      byte[] bytes = feedback[round];
      client.onTransportFeedback(bytes, 0, bytes.length,
          ((long) round + 1) * PACKETS_PER_FEEDBACK * 2_500L + 40_000);
    }
  }
}
