package dev.vertxsfu.wire.rtcp;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The RTCP hot paths of the SFU: forwarding a publisher's SR + SDES compound to a subscriber with
 * its SSRCs rewritten in place (no allocation), and reading a transport-wide feedback of about
 * 100 packets as the bandwidth estimator does (walked in place, and parsed into a value), plus
 * building one.
 *
 * <p>Run: {@code mvn -Pjmh test-compile exec:exec -Djmh.args=RtcpBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RtcpBench {
  private final CompoundPacketReader reader = new CompoundPacketReader();
  private byte[] compound;
  private byte[] twcc;
  private int[] seqs;
  private long[] times;
  private final TransportWideCcFeedbackBuilder builder = new TransportWideCcFeedbackBuilder(1, 2, 0);
  private final byte[] out = new byte[1500];
  private long sum;
  private final TransportWideCcFeedback.PacketVisitor visitor =
      (seq, symbol, time) -> sum += time == TransportWideCcFeedback.NO_RECEIVE_TIME ? seq : time;

  @Setup
  public void setUp() {
    ReportBlock block = new ReportBlock(0x2222, 0, 3, 70_000, 12, 0x12345678L, 500);
    compound = CompoundPacket.serialize(java.util.List.of(
        new SenderReport(0x7a3b9c01L, 0xe95c1a2b_4bc6a7f0L, 0x5f3a2140L, 3000, 3_000_000,
            java.util.List.of(block)),
        SourceDescription.cname(0x7a3b9c01L, "hQ4d6Ph1bC8nN2xT")));

    seqs = new int[100];
    times = new long[100];
    java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    int seq = 65500;
    long time = 10_000_000;
    for (int i = 0; i < seqs.length; i++) {
      seq = (seq + (random.nextInt(20) == 0 ? 2 : 1)) & 0xFFFF; // 5 % lost
      time += random.nextInt(30) == 0 ? -2_000 : random.nextInt(4_000); // a few reordered
      seqs[i] = seq;
      times[i] = time;
    }
    twcc = buildTwcc().toBytes();
  }

  /** Walks SR + SDES and maps the sender SSRC, the report block and the CNAME chunk. */
  @Benchmark
  public int rewriteSenderReportAndSdes() {
    byte[] buf = compound;
    reader.wrap(buf, 0, buf.length);
    int packets = 0;
    while (reader.next()) {
      int off = reader.offset();
      int len = reader.length();
      switch (reader.packetType()) {
        case RtcpHeader.SR -> {
          SenderReport.setSenderSsrc(buf, off, len, SenderReport.senderSsrc(buf, off, len) ^ 1);
          for (int i = 0; i < reader.count(); i++) {
            int at = SenderReport.reportBlockOffset(buf, off, len, i);
            ReportBlock.setSourceSsrc(buf, at, ReportBlock.sourceSsrc(buf, at) ^ 1);
          }
        }
        case RtcpHeader.SDES -> SourceDescription.setChunkSsrc(buf, off, len, 0,
            SourceDescription.chunkSsrc(buf, off, len, 0) ^ 1);
        default -> { }
      }
      packets++;
    }
    return packets;
  }

  /** Walks the ~100 statuses of a TWCC feedback in place. */
  @Benchmark
  public long walkTwcc() {
    sum = 0;
    TransportWideCcFeedback.forEachPacket(twcc, 0, twcc.length, visitor);
    return sum;
  }

  /** Parses the same feedback into a value. */
  @Benchmark
  public TransportWideCcFeedback parseTwcc() {
    return TransportWideCcFeedback.parse(twcc, 0, twcc.length);
  }

  /** Builds and writes a feedback for 100 arrivals. */
  @Benchmark
  public void buildTwcc(Blackhole blackhole) {
    blackhole.consume(buildTwcc().write(out, 0));
  }

  private TransportWideCcFeedback buildTwcc() {
    builder.reset(1, 2, 0);
    for (int i = 0; i < seqs.length; i++) {
      builder.addReceivedPacket(seqs[i], times[i]);
    }
    return builder.build();
  }
}
