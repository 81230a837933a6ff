package dev.vertxsfu.wire.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The feedback builder against the parser: random arrival patterns (losses, long loss runs,
 * reordering, deltas that need two octets) survive build-then-parse within the wire's 250 µs
 * resolution, and the limits answer false instead of producing a broken packet.
 */
@Tag("fast")
class TransportWideCcRoundTripTest {
  private static final int SMALL = TransportWideCcFeedback.RECEIVED_SMALL_DELTA;
  private static final int LARGE = TransportWideCcFeedback.RECEIVED_LARGE_DELTA;
  private static final int LOST = TransportWideCcFeedback.NOT_RECEIVED;

  /** What the random round trip met: large deltas, negative ones, losses, feedback splits. */
  private final long[] seen = new long[4];

  @Test
  void randomArrivalPatternsRoundTrip() {
    SplittableRandom random = new SplittableRandom(15);
    for (int round = 0; round < 400; round++) {
      int maxBytes = round % 2 == 0 ? TransportWideCcFeedbackBuilder.DEFAULT_MAX_PACKET_BYTES
          : 24 + random.nextInt(400);
      TransportWideCcFeedbackBuilder builder =
          new TransportWideCcFeedbackBuilder(1, 2, 0, maxBytes);
      int[] seqs = new int[1 + random.nextInt(400)];
      long[] times = new long[seqs.length];
      int seq = random.nextInt(65536);
      long time = random.nextLong(1L << 36);
      for (int i = 0; i < seqs.length; i++) {
        int kind = random.nextInt(100);
        seq = (seq + (kind < 80 ? 1 : kind < 95 ? 2 + random.nextInt(20)
            : 100 + random.nextInt(3000))) & 0xFFFF;
        time += kind < 70 ? random.nextLong(20_000)       // 0..20 ms: small deltas
            : kind < 85 ? -random.nextLong(10_000)        // reordered: negative
            : kind < 98 ? 64_000 + random.nextLong(2_000_000) // 64 ms..2 s: large
            : 9_000_000;                                   // beyond 8191.75 ms
        seqs[i] = seq;
        times[i] = time;
      }
      int next = 0;
      int feedbacks = 0;
      while (next < seqs.length) {
        builder.reset(1, 2, feedbacks & 0xFF);
        int first = next;
        while (next < seqs.length && builder.addReceivedPacket(seqs[next], times[next])) {
          next++;
        }
        assertThat(next).as("round %d: the first packet always fits", round).isGreaterThan(first);
        check(builder, seqs, times, first, next, maxBytes, round);
        feedbacks++;
      }
      seen[3] += feedbacks - 1;
    }
    assertThat(java.util.Arrays.stream(seen).min().getAsLong())
        .as("fewest of large, negative, lost, splits: %s", java.util.Arrays.toString(seen))
        .isGreaterThan(100);
  }

  private void check(TransportWideCcFeedbackBuilder builder, int[] seqs, long[] times,
      int first, int end, int maxBytes, int round) {
    TransportWideCcFeedback built = builder.build();
    byte[] bytes = built.toBytes();
    assertThat(bytes.length).isEqualTo(builder.serializedLength()).isLessThanOrEqualTo(maxBytes);
    TransportWideCcFeedback parsed = TransportWideCcFeedback.parse(bytes, 0, bytes.length);
    assertThat(parsed).isEqualTo(built);
    assertThat(parsed.baseSequenceNumber()).isEqualTo(seqs[first]);
    assertThat(parsed.packetStatusCount())
        .isEqualTo(((seqs[end - 1] - seqs[first]) & 0xFFFF) + 1);

    int[] index = {first};
    int[] statuses = {0};
    TransportWideCcFeedback.forEachPacket(bytes, 0, bytes.length, (seq, symbol, time) -> {
      statuses[0]++;
      int k = index[0];
      if (k < end && seq == seqs[k]) {
        if (symbol != SMALL && symbol != LARGE) {
          fail("round %d seq %d: received packet has symbol %d", round, seq, symbol);
        }
        // Within half a delta unit of the truth (no reference time wrap at these times).
        if (Math.abs(time - times[k]) > 125) {
          fail("round %d seq %d: time %d, sent %d", round, seq, time, times[k]);
        }
        index[0]++;
      } else if (symbol != LOST || time != TransportWideCcFeedback.NO_RECEIVE_TIME) {
        fail("round %d seq %d: missing packet has symbol %d time %d", round, seq, symbol, time);
      }
    });
    assertThat(statuses[0]).isEqualTo(parsed.packetStatusCount());
    for (int i = 0; i < parsed.packetStatusCount(); i++) {
      seen[0] += parsed.symbol(i) == LARGE ? 1 : 0;
      seen[2] += parsed.symbol(i) == LOST ? 1 : 0;
    }
    for (int delta : parsed.receiveDeltas()) {
      seen[1] += delta < 0 ? 1 : 0;
    }
    assertThat(index[0]).isEqualTo(end);
  }

  @Test
  void byteLimitEndsAFeedbackAndTheNextOneTakesOver() {
    SplittableRandom random = new SplittableRandom(24);
    for (int limit = 24; limit <= 200; limit += 4) {
      TransportWideCcFeedbackBuilder builder = new TransportWideCcFeedbackBuilder(1, 2, 0, limit);
      long time = 5_000_000;
      int seq = 0;
      int accepted = 0;
      for (int i = 0; i < 300; i++) {
        time += random.nextBoolean() ? 1_000 : 70_000; // alternate small and large deltas
        seq += 1 + (random.nextInt(10) == 0 ? 3 : 0);
        if (!builder.addReceivedPacket(seq & 0xFFFF, time)) {
          assertThat(builder.serializedLength()).isLessThanOrEqualTo(limit);
          byte[] bytes = builder.build().toBytes();
          assertThat(bytes.length).isLessThanOrEqualTo(limit);
          TransportWideCcFeedback.parse(bytes, 0, bytes.length);
          builder.reset(1, 2, 1);
          assertThat(builder.addReceivedPacket(seq & 0xFFFF, time)).isTrue();
        }
        accepted++;
      }
      assertThat(accepted).isEqualTo(300);
    }
  }

  @Test
  void deltaLimitsPickOneOrTwoOctetsOrRefuse() {
    TransportWideCcFeedbackBuilder builder = new TransportWideCcFeedbackBuilder(1, 2, 0);
    assertThat(builder.addReceivedPacket(1, 640_000)).isTrue();          // on the reference
    assertThat(builder.addReceivedPacket(2, 640_000 + 63_750)).isTrue(); // 255 units: small
    assertThat(builder.addReceivedPacket(3, 640_000 + 127_750)).isTrue(); // 256 units: large
    long last = 640_000 + 127_750;
    assertThat(builder.addReceivedPacket(4, last + 8_191_750)).isTrue();  // 32767: largest
    last += 8_191_750;
    assertThat(builder.addReceivedPacket(5, last + 8_192_000)).isFalse(); // 32768: too large
    assertThat(builder.addReceivedPacket(5, last - 8_192_000)).isTrue();  // -32768: smallest
    last -= 8_192_000;
    assertThat(builder.addReceivedPacket(6, last - 8_192_250)).isFalse(); // -32769
    TransportWideCcFeedback feedback = builder.build();
    assertThat(feedback.packetStatusCount()).isEqualTo(5);
    assertThat(feedback.receiveDeltas()).containsExactly(0, 255, 256, 32767, -32768);
    assertThat(symbols(feedback)).containsExactly(SMALL, SMALL, LARGE, LARGE, LARGE);
  }

  @Test
  void aRefusedPacketLeavesTheBuilderUnchanged() {
    TransportWideCcFeedbackBuilder builder = new TransportWideCcFeedbackBuilder(1, 2, 0);
    builder.addReceivedPacket(10, 1_000_000);
    byte[] before = builder.build().toBytes();
    assertThat(builder.addReceivedPacket(30, 99_000_000)).isFalse();
    assertThat(builder.build().toBytes()).isEqualTo(before);
    assertThat(builder.addReceivedPacket(11, 1_001_000)).isTrue();
  }

  @Test
  void longLossesBecomeRunsAndSteadyArrivalsOneRun() {
    TransportWideCcFeedbackBuilder builder = new TransportWideCcFeedbackBuilder(1, 2, 0);
    builder.addReceivedPacket(0, 0);
    builder.addReceivedPacket(1001, 10_000);
    // S then 13 N as a one-bit vector, 987 N as a run, S as a run of one
    assertThat(builder.build().chunks()).containsExactly(0b10_1000_0000_0000_00,
        RunLengthChunk.encode(LOST, 987), RunLengthChunk.encode(SMALL, 1));

    builder.reset(1, 2, 0);
    for (int i = 0; i < 100; i++) {
      assertThat(builder.addReceivedPacket(i, 1_000L * i)).isTrue();
    }
    assertThat(builder.build().chunks()).containsExactly(RunLengthChunk.encode(SMALL, 100));

    TransportWideCcFeedbackBuilder big = new TransportWideCcFeedbackBuilder(1, 2, 0, 10_000);
    for (int i = 0; i < 9000; i++) {
      assertThat(big.addReceivedPacket(i, 0)).isTrue();
    }
    assertThat(big.build().chunks()).containsExactly(
        RunLengthChunk.encode(SMALL, RunLengthChunk.MAX_RUN_LENGTH),
        RunLengthChunk.encode(SMALL, 9000 - RunLengthChunk.MAX_RUN_LENGTH));
  }

  @Test
  void statusCountLimitIsRefused() {
    TransportWideCcFeedbackBuilder builder = new TransportWideCcFeedbackBuilder(1, 2, 0);
    assertThat(builder.addReceivedPacket(0, 0)).isTrue();
    assertThat(builder.addReceivedPacket(0x7FFF, 1_000)).isTrue();
    assertThat(builder.addReceivedPacket(0xFFFE, 2_000)).isTrue();
    assertThat(builder.packetStatusCount()).isEqualTo(0xFFFF);
    assertThat(builder.addReceivedPacket(0xFFFF, 3_000)).isFalse();
    byte[] bytes = builder.build().toBytes();
    assertThat(TransportWideCcFeedback.parse(bytes, 0, bytes.length).packetStatusCount())
        .isEqualTo(0xFFFF);
  }

  @Test
  void misuseIsAnIllegalArgumentOrState() {
    TransportWideCcFeedbackBuilder builder = new TransportWideCcFeedbackBuilder(1, 2, 0);
    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
    builder.addReceivedPacket(100, 0);
    assertThatThrownBy(() -> builder.addReceivedPacket(100, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not come after");
    assertThatThrownBy(() -> builder.addReceivedPacket(99, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.addReceivedPacket(65536, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TransportWideCcFeedbackBuilder(1, 2, 0, 23))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sequenceNumbersWrapAndReferenceTimeIsTheFirstArrivalIn64MsUnits() {
    TransportWideCcFeedbackBuilder builder = new TransportWideCcFeedbackBuilder(1, 2, 9);
    builder.addReceivedPacket(65535, 64_000 * 1000 + 63_999);
    builder.addReceivedPacket(0, 64_000 * 1000 + 64_100);
    TransportWideCcFeedback feedback = builder.build();
    assertThat(feedback.referenceTime()).isEqualTo(1000);
    assertThat(feedback.sequenceNumber(1)).isZero();
    assertThat(feedback.receiveDeltas()).containsExactly(256, 0);
    assertThat(feedback.feedbackPacketCount()).isEqualTo(9);
  }

  private static int[] symbols(TransportWideCcFeedback feedback) {
    int[] symbols = new int[feedback.packetStatusCount()];
    for (int i = 0; i < symbols.length; i++) {
      symbols[i] = feedback.symbol(i);
    }
    return symbols;
  }
}
