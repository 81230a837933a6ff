package dev.vertxsfu.room;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What it costs to hand packets from one Vert.x event loop to another, the step a room's fan-out
 * over several loops adds (docs/wide-room.md, "the pipe"). Loop A (the room's) receives
 * {@code rate} packets a second in ticks of a millisecond, copies each 1,200-byte packet into an
 * array of its own (the immutable copy a shard would get) and hands it on:
 *
 * <ul>
 *   <li>{@code inline}: not at all, A consumes it itself (the baseline: timer, copy, consume);
 *   <li>{@code packet}: one {@link Context#runOnContext} task per packet to loop B;
 *   <li>{@code burst}: one task per tick to loop B, carrying that tick's packets.
 * </ul>
 *
 * <p>One benchmark operation is one second of that traffic ({@code rate} packets) until B has
 * consumed the last one. Reported besides the operation's time (a second, by construction),
 * as auxiliary counters summed over the iterations ({@link Figures}): packets, the CPU time of
 * loop A and of loop B ({@link ThreadMXBean#getThreadCpuTime}, so a wake-up of B, its
 * {@code epoll_wait} and {@code eventfd} work count where they are spent), and how many
 * hand-offs waited more than 100 µs, 1 ms and 5 ms (from the hand-off to the consuming task's
 * start). {@code packet} minus {@code inline} is the CPU the pipe adds per packet. With {@code rate} 1000 each packet is a
 * tick of its own, so each hand-off wakes B (a paced publisher's case); at 30,000 and 100,000
 * a tick carries 30 and 100 packets (many publishers' packets, or an unpaced burst).
 *
 * <p>Threads: the JMH thread only starts a second and waits for its end; A owns the producer's
 * state, B the consumer's (the delays, the count), read by the JMH thread after the latch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, batchSize = 1)
@Measurement(iterations = 5, batchSize = 1)
@Fork(1)
public class LoopHandOffBench {
  static final int LENGTH = 1200;
  static final int TICK_MILLIS = 1;

  @Param({"1000", "30000", "100000"})
  public int rate;

  @Param({"inline", "packet", "burst"})
  public String handOff;

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final byte[] received = new byte[LENGTH];
  private Vertx vertx;
  private Context loopA;
  private Context loopB;
  private Thread threadA;
  private Thread threadB;
  // loop A's, while a second runs
  private int ticksLeft;
  private long timerId;
  // the consuming loop's (B, or A when inline); read by the JMH thread after the latch
  private long[] delays;
  private int consumed;
  private long checksum;
  private CountDownLatch done;

  /**
   * The figures of one second, as JMH's secondary results. JMH sums {@code EVENTS} counters over
   * the measured iterations, so they are totals: CPU per packet is {@code cpuNsA / packets}.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Figures {
    public long packets;
    public long cpuNsA;
    public long cpuNsB;
    public long handOffsOver100us;
    public long handOffsOver1ms;
    public long handOffsOver5ms;
  }

  @Setup
  public void setUp() throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    // a verticle per loop, as a room and a shard would be: deployments take the loops in turn
    loopA = contextOfNewVerticle();
    loopB = contextOfNewVerticle();
    threadA = threadOf(loopA);
    threadB = threadOf(loopB);
    if (threadA == threadB) {
      vertx.close().await();
      throw new IllegalStateException("both contexts run on " + threadA.getName());
    }
    java.util.Random random = new java.util.Random(7);
    random.nextBytes(received);
    delays = new long[rate];
  }

  @TearDown
  public void tearDown() {
    vertx.close().await();
  }

  @Setup(Level.Invocation)
  public void resetSecond() {
    consumed = 0;
    done = new CountDownLatch(1);
  }

  @Benchmark
  public long oneSecond(Figures figures) throws InterruptedException {
    long cpuA = threads.getThreadCpuTime(threadA.getId());
    long cpuB = threads.getThreadCpuTime(threadB.getId());
    loopA.runOnContext(v -> {
      ticksLeft = 1000 / TICK_MILLIS;
      timerId = vertx.setPeriodic(TICK_MILLIS, id -> tick());
    });
    if (!done.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the second did not end: " + consumed + " of " + rate);
    }
    figures.packets = rate;
    figures.cpuNsA = threads.getThreadCpuTime(threadA.getId()) - cpuA;
    figures.cpuNsB = threads.getThreadCpuTime(threadB.getId()) - cpuB;
    figures.handOffsOver100us = countOver(100_000);
    figures.handOffsOver1ms = countOver(1_000_000);
    figures.handOffsOver5ms = countOver(5_000_000);
    return checksum;
  }

  /** Loop A: one tick's packets, each copied and handed on. */
  private void tick() {
    int packets = rate * TICK_MILLIS / 1000;
    byte[][] burst = handOff.equals("burst") ? new byte[packets][] : null;
    long handedAt = System.nanoTime();
    for (int i = 0; i < packets; i++) {
      byte[] copy = Arrays.copyOf(received, LENGTH);
      switch (handOff) {
        case "inline" -> consume(copy, handedAt);
        case "packet" -> {
          long at = System.nanoTime();
          loopB.runOnContext(v -> consume(copy, at));
        }
        default -> burst[i] = copy;
      }
    }
    if (burst != null) {
      loopB.runOnContext(v -> {
        for (byte[] packet : burst) {
          consume(packet, handedAt);
        }
      });
    }
    if (--ticksLeft == 0) {
      vertx.cancelTimer(timerId);
    }
  }

  /** The consuming loop: reads the packet (as a consumer's rewrite would) and counts it. */
  private void consume(byte[] packet, long handedAt) {
    delays[consumed++] = System.nanoTime() - handedAt;
    checksum += packet[consumed % LENGTH];
    if (consumed == rate) {
      done.countDown();
    }
  }

  private long countOver(long nanos) {
    long over = 0;
    for (int i = 0; i < consumed; i++) {
      if (delays[i] > nanos) {
        over++;
      }
    }
    return over;
  }

  private Context contextOfNewVerticle() {
    CompletableFuture<Context> deployed = new CompletableFuture<>();
    vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        deployed.complete(context);
        return Future.succeededFuture();
      }
    }).await();
    return deployed.join();
  }

  private static Thread threadOf(Context context) throws Exception {
    CompletableFuture<Thread> thread = new CompletableFuture<>();
    context.runOnContext(v -> thread.complete(Thread.currentThread()));
    return thread.get(10, TimeUnit.SECONDS);
  }
}
