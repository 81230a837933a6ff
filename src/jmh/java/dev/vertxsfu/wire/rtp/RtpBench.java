package dev.vertxsfu.wire.rtp;

import java.util.HexFormat;
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

/**
 * The per-packet cost of the forwarding path on a 1,200-byte VP8 packet with three one-byte
 * extensions (abs-send-time, transport-wide-cc, mid, at Chromium's IDs 2, 4, 9):
 * <ul>
 *   <li>{@code wrapAndRead}: what a producer does with every received packet;</li>
 *   <li>{@code rewriteInPlace}: SSRC, payload type, sequence number and extension IDs rewritten
 *       where the packet lies;</li>
 *   <li>{@code rewriteCopy}: what a consumer does per packet when it cannot rewrite in place: a
 *       copy with mapped IDs and a new transport-wide sequence number, then SSRC, PT, seq.</li>
 * </ul>
 * Run: {@code mvn -Pjmh test-compile exec:exec -Djmh.args=RtpBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RtpBench {
  private static final String HEADER = "90601f4a0002bf205a3c91e7"
      + "bede0003" + "225f3a1c" + "410001" + "9030" + "000000";

  private final byte[] packetBytes = new byte[1200];
  private final byte[] out = new byte[1500];
  private final RtpPacket packet = new RtpPacket();
  private final RtpPacket outPacket = new RtpPacket();
  private final HeaderExtensionIdMap forward = HeaderExtensionIdMap.builder()
      .map(2, 3).map(4, 5).map(9, 1).build();
  private final HeaderExtensionIdMap back = HeaderExtensionIdMap.builder()
      .map(3, 2).map(5, 4).map(1, 9).build();
  private final HeaderExtensionRewriter rewriter = new HeaderExtensionRewriter().idMap(forward);
  private int sequenceNumber;

  @Setup
  public void setUp() {
    byte[] header = HexFormat.of().parseHex(HEADER);
    System.arraycopy(header, 0, packetBytes, 0, header.length);
    for (int i = header.length; i < packetBytes.length; i++) {
      packetBytes[i] = (byte) (i * 31);
    }
  }

  @Benchmark
  public long wrapAndRead() {
    RtpPacket p = packet.wrap(packetBytes, 0, packetBytes.length);
    return p.ssrc() + p.payloadType() + p.sequenceNumber() + p.timestamp()
        + (p.marker() ? 1 : 0) + p.payloadOffset() + p.payloadLength()
        + p.extensions().valueOffset(4) + p.extensions().valueOffset(9);
  }

  @Benchmark
  public int rewriteInPlace() {
    RtpPacket p = packet.wrap(packetBytes, 0, packetBytes.length);
    int seq = ++sequenceNumber;
    p.setSsrc(0x11223344L + (seq & 1));
    p.setPayloadType(100 + (seq & 1));
    p.setSequenceNumber(seq);
    // alternate so the bytes come back and every call does the same work
    p.extensions().mapIds((seq & 1) == 0 ? back : forward);
    return p.sequenceNumber();
  }

  @Benchmark
  public int rewriteCopy() {
    RtpPacket p = packet.wrap(packetBytes, 0, packetBytes.length);
    int seq = ++sequenceNumber;
    rewriter.putUint16(5, seq);
    int length = rewriter.rewrite(p, out, 0);
    RtpPacket o = outPacket.wrap(out, 0, length);
    o.setSsrc(0x11223344L);
    o.setPayloadType(100);
    o.setSequenceNumber(seq);
    return length;
  }
}
