package dev.vertxsfu.wire.rtp;

import static dev.vertxsfu.wire.rtp.SerialNumbers.isNewerSequenceNumber;
import static dev.vertxsfu.wire.rtp.SerialNumbers.isNewerTimestamp;
import static dev.vertxsfu.wire.rtp.SerialNumbers.sequenceNumberDistance;
import static dev.vertxsfu.wire.rtp.SerialNumbers.timestampDistance;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;

/** Wrap-around comparison of 16-bit sequence numbers and 32-bit timestamps. */
@Tag("fast")
class SerialNumbersTest {

  @ParameterizedTest(name = "{0} newer than {1}: {2}, distance {1} to {0}: {3}")
  @CsvSource({
      "1, 0, true, 1",
      "0, 1, false, -1",
      "0, 65535, true, 1",          // across the wrap
      "65535, 0, false, -1",
      "5, 65530, true, 11",
      "32767, 0, true, 32767",      // just under half the space
      "32768, 0, true, -32768",     // exactly half: the larger raw value is newer
      "0, 32768, false, -32768",
      "32769, 0, false, -32767",
      "7, 7, false, 0",
      "65537, 0, true, 1",          // arguments are taken modulo 2^16
  })
  void sequenceNumbers(int a, int b, boolean newer, int distance) {
    assertThat(isNewerSequenceNumber(a, b)).isEqualTo(newer);
    assertThat(sequenceNumberDistance(b, a)).isEqualTo(distance);
  }

  @ParameterizedTest(name = "{0} newer than {1}: {2}, distance {1} to {0}: {3}")
  @CsvSource({
      "1, 0, true, 1",
      "0, 4294967295, true, 1",
      "4294967295, 0, false, -1",
      "3000, 4294964296, true, 6000",
      "2147483647, 0, true, 2147483647",
      "2147483648, 0, true, -2147483648",
      "0, 2147483648, false, -2147483648",
      "9, 9, false, 0",
  })
  void timestamps(long a, long b, boolean newer, int distance) {
    assertThat(isNewerTimestamp(a, b)).isEqualTo(newer);
    assertThat(timestampDistance(b, a)).isEqualTo(distance);
  }

  @Test
  void newerIsAStrictOrderForEveryPair() {
    SplittableRandom random = new SplittableRandom(4588);
    for (int i = 0; i < 20_000; i++) {
      int a = random.nextInt(0x10000);
      int b = random.nextInt(0x10000);
      assertThat(isNewerSequenceNumber(a, b) ^ isNewerSequenceNumber(b, a)).isEqualTo(a != b);
      long x = random.nextLong() & 0xffff_ffffL;
      long y = random.nextLong() & 0xffff_ffffL;
      assertThat(isNewerTimestamp(x, y) ^ isNewerTimestamp(y, x)).isEqualTo(x != y);
    }
  }
}
