package dev.vertxsfu.wire.mux;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-datagram cost of RFC 7983 demultiplexing, over a mix of STUN, DTLS, RTP and RTCP
 * heads so the branches are not all predicted the same way.
 *
 * <p>Run: {@code mvn -o -B -q -Pjmh test-compile exec:exec -Djmh.args=DatagramClassifierBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DatagramClassifierBench {
  private final byte[][] datagrams = {
      {(byte) 0x90, (byte) 0xe0, 0, 1}, // RTP VP8 with marker
      {(byte) 0x80, 0x6f, 0, 1}, // RTP Opus
      {(byte) 0x81, (byte) 0xc9, 0, 7}, // RTCP RR
      {0x00, 0x01, 0x00, 0x58}, // STUN Binding request
      {(byte) 0x90, 0x60, 0, 1}, // RTP VP8
      {0x17, (byte) 0xfe, (byte) 0xfd, 0}, // DTLS application data
      {(byte) 0x8f, (byte) 0xcd, 0, 5}, // RTCP transport-wide CC
      {(byte) 0x80, 0x6f, 0, 2}, // RTP Opus
  };
  private int next;

  @Benchmark
  public DatagramKind classify() {
    byte[] datagram = datagrams[next++ & 7];
    return DatagramClassifier.classify(datagram, 0, datagram.length);
  }
}
