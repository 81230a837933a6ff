package dev.vertxsfu.media.router;

import dev.vertxsfu.media.transport.MediaSender;
import dev.vertxsfu.wire.rtp.codec.VideoCodec;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The router's per-packet cost with a simple consumer beside a simulcast one: a 1,200-byte VP8
 * packet (PictureID, TL0PICIDX and TID in its descriptor) in from the publisher, out to three
 * consumers. {@code simple}: a track of one stream and three {@link SimpleConsumer}s.
 * {@code simulcast}: a track of three layers, whose top layer's packets go in, and three
 * {@link SimulcastConsumer}s on that layer (sequence number and timestamp munging, VP8 PictureID
 * rewriting, the temporal-layer check). No SRTP: the consumers' own cost is what differs.
 * Reported per packet in; divide by three for a forwarded packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SimulcastForwardingBench {
  static final int BATCH = 1000;
  static final int LENGTH = 1200;
  static final long[] SSRC = {1001, 1002, 1003};

  @Param({"simple", "simulcast"})
  public String consumer;

  private final byte[] packet = new byte[1500];
  private final CountingSender subscriber = new CountingSender();
  private final CountingSender publisher = new CountingSender();
  private Router router;
  private int seq;
  private long now = 1;

  /** A subscriber's transport reduced to counting what it is given. */
  static final class CountingSender implements MediaSender {
    long bytes;
    long packets;

    @Override
    public boolean sendRtp(byte[] buf, int off, int len) {
      packets++;
      bytes += len + buf[off + 3];
      return true;
    }

    @Override
    public boolean sendRtcp(byte[] buf, int off, int len) {
      return true;
    }

    @Override
    public boolean isConnected() {
      return true;
    }
  }

  @Setup
  public void setUp() {
    router = new Router(new Random(1));
    boolean simulcast = consumer.equals("simulcast");
    ProducerParameters parameters = simulcast
        ? new ProducerParameters("p", "video", "0", 0, 0, Map.of(96, 90_000), Map.of(),
            Map.of(96, VideoCodec.VP8), 0, 0, false,
            List.of(new ProducerParameters.Encoding(null, SSRC[0], 0),
                new ProducerParameters.Encoding(null, SSRC[1], 0),
                new ProducerParameters.Encoding(null, SSRC[2], 0)), 0, 0)
        : new ProducerParameters("p", "video", "0", SSRC[2], 0, Map.of(96, 90_000), Map.of(),
            Map.of(96, VideoCodec.VP8), 0, 0, false);
    Producer producer = router.createProducer(parameters, publisher);
    for (int i = 0; i < 3; i++) {
      router.createConsumer(producer, new ConsumerParameters("c" + i, 5000 + i, 0,
          Map.of(96, 100), Map.of(), Map.of(), 0, "v" + i), subscriber, 0);
    }
    packet[0] = (byte) 0x80;
    packet[1] = 96;
    packet[8] = 0;
    packet[9] = 0;
    packet[10] = 0x03;
    packet[11] = (byte) 0xEB; // SSRC 1003
    packet[12] = (byte) 0x90; // X, S
    packet[13] = (byte) 0xE0; // I, L, T
    packet[14] = (byte) 0x80; // 15-bit PictureID
    packet[21] = (byte) 0x9D; // after the 3-byte frame tag: start code and size
    packet[22] = 0x01;
    packet[23] = 0x2A;
    packet[24] = (byte) 1280;
    packet[25] = (byte) (1280 >> 8);
    packet[26] = (byte) 720;
    packet[27] = (byte) (720 >> 8);
    packet[18] = 0x10; // key frame first, so every consumer starts
    forward(1);
    packet[18] = 0x11; // then interframes
  }

  /** Every packet in must have gone to all three consumers, or the figures mean nothing. */
  @TearDown
  public void check() {
    if (subscriber.packets != 3L * seq) {
      throw new IllegalStateException(subscriber.packets + " sent for " + seq + " in");
    }
  }

  private void forward(int n) {
    for (int i = 0; i < n; i++) {
      int s = seq++;
      packet[2] = (byte) (s >> 8);
      packet[3] = (byte) s;
      long ts = (s / 4) * 3000L;
      packet[4] = (byte) (ts >> 24);
      packet[5] = (byte) (ts >> 16);
      packet[6] = (byte) (ts >> 8);
      packet[7] = (byte) ts;
      int pictureId = s / 4;
      packet[14] = (byte) (0x80 | ((pictureId >> 8) & 0x7F));
      packet[15] = (byte) pictureId;
      packet[16] = (byte) (pictureId >> 2);
      packet[17] = (byte) ((pictureId & 3) == 0 ? 0 : (pictureId & 1) == 0 ? 0x40 : 0x80);
      router.onRtp(publisher, packet, 0, LENGTH, now);
      if ((s & 31) == 0) {
        now++;
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void forwardOnePacketToThreeConsumers(Blackhole hole) {
    forward(BATCH);
    hole.consume(subscriber.bytes);
  }
}
