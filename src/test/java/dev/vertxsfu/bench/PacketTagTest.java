package dev.vertxsfu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The per-packet tag and the latency histogram the subscribers record into. */
@Tag("fast")
class PacketTagTest {

  @Test
  void tagRoundTripsAtTheEndOfAPayload() {
    byte[] packet = new byte[12 + 40 + PacketTag.LENGTH];
    long sent = 0x0123_4567_89AB_CDEFL;
    PacketTag.write(packet, 12 + 40, 0xBEEF, 0x8000_0001, sent);
    assertThat(PacketTag.isPresent(packet, 0, packet.length)).isTrue();
    assertThat(PacketTag.streamIndex(packet, 0, packet.length)).isEqualTo(0xBEEF);
    assertThat(PacketTag.packetNumber(packet, 0, packet.length)).isEqualTo(0x8000_0001);
    assertThat(PacketTag.sendNanos(packet, 0, packet.length)).isEqualTo(sent);
  }

  @Test
  void packetsWithoutTheMagicOrTooShortHaveNoTag() {
    assertThat(PacketTag.isPresent(new byte[64], 0, 64)).isFalse();
    assertThat(PacketTag.isPresent(new byte[20], 0, 20)).isFalse();
  }

  @Test
  void sinkCountsLossAndLatencyPerStream() {
    MediaSink sink = new MediaSink(null, 4, 1); // fed directly: no peer, no loop
    long now = 1_000_000_000L;
    byte[] packet = new byte[12 + 3 + PacketTag.LENGTH];
    for (int n : new int[] {0, 1, 2, 4, 5}) { // packet 3 lost
      RtpHeaderWriter.write(packet, 0, false, 111, 100 + n, 960L * n, 0xCAFE);
      PacketTag.write(packet, 15, 1, n, now - 250_000);
      sink.onRtp(packet, 0, packet.length, now);
    }
    sink.onRtp(new byte[40], 0, 40, now); // untagged
    MediaSink.Sample sample = sink.snapshot();
    assertThat(sample.received()[1]).isEqualTo(5);
    assertThat(sample.highest()[1]).isEqualTo(5); // 6 expected (0..5), 5 received: one lost
    assertThat(sample.highest()[0]).isEqualTo(-1);
    assertThat(sample.untagged()).isEqualTo(1);
    assertThat(sample.latency().count()).isEqualTo(5);
    assertThat(sample.latency().percentile(50)).isBetween(250_000L * 31 / 32, 250_000L);
  }

  @Test
  void histogramPercentilesStayWithinItsPrecision() {
    LatencyHistogram histogram = new LatencyHistogram();
    for (long v = 1; v <= 100_000; v++) {
      histogram.record(v * 1000); // 1 µs .. 100 ms
    }
    assertThat(histogram.count()).isEqualTo(100_000);
    assertThat(histogram.max()).isEqualTo(100_000_000L);
    assertThat((double) histogram.percentile(50)).isCloseTo(50_000_000, org.assertj.core.data.Percentage.withPercentage(3.5));
    assertThat((double) histogram.percentile(99)).isCloseTo(99_000_000, org.assertj.core.data.Percentage.withPercentage(3.5));
    assertThat(histogram.percentile(100)).isEqualTo(100_000_000L);
    for (long v : new long[] {0, 1, 31, 32, 33, 1000, 123_456_789, Long.MAX_VALUE / 4}) {
      assertThat(LatencyHistogram.upperBound(LatencyHistogram.bucket(v))).isGreaterThanOrEqualTo(v);
    }
  }
}
