package dev.vertxsfu.media.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What single-port mode adds per media datagram before the room sees it: the shared port's
 * {@link SharedPortDemux#route} (RFC 7983 classification and a tuple lookup) among
 * {@code tuples} registered senders, which the sender of each datagram rotates through.
 *
 * <p>Run: {@code mvn -o -B -q -Pjmh test-compile exec:exec -Djmh.args=SharedPortDemuxBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SharedPortDemuxBench {
  @Param({"100", "2000"})
  public int tuples;

  private final SharedPortDemux<Integer> demux = new SharedPortDemux<>();
  private final byte[] rtp = new byte[1200];
  private InetSocketAddress[] senders;
  private int next;

  @Setup
  public void register() {
    rtp[0] = (byte) 0x90;
    rtp[1] = 0x60;
    senders = new InetSocketAddress[tuples];
    for (int i = 0; i < tuples; i++) {
      // as Netty hands them over: a resolved address, a new object per datagram in real life
      senders[i] = new InetSocketAddress("127.0.0." + (1 + i % 200), 20_000 + i);
      demux.addTuple(senders[i], i / 8);
    }
  }

  @Benchmark
  public Integer routeMedia() {
    InetSocketAddress from = senders[next++ % tuples];
    return demux.route(rtp, 0, rtp.length, from);
  }
}
