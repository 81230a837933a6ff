package dev.vertxsfu.media.router;

import dev.vertxsfu.media.transport.MediaSender;
import dev.vertxsfu.wire.srtp.SrtpContext;
import dev.vertxsfu.wire.srtp.SrtpProfile;
import dev.vertxsfu.wire.srtp.SrtpSessionKeys;
import dev.vertxsfu.wire.rtp.codec.VideoCodec;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The forwarding path of one video packet: SRTP unprotect of a 1,200-byte packet from the
 * publisher, the router, and for each of N consumers the rewrite and SRTP protect that a
 * subscriber's transport does. Reported per packet in; divide by N for the cost per forwarded
 * packet.
 *
 * <p>SRTP refuses replays, so each iteration protects a fresh batch of packets with rising
 * sequence numbers outside the timing, and the batch is timed as one shot.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 40)
@Measurement(iterations = 40)
@Fork(1)
public class ForwardingBench {
  static final int BATCH = 20_000;
  static final int PAYLOAD = 1200 - 12 - 12;

  @Param({"AEAD_AES_128_GCM", "AES_CM_128_HMAC_SHA1_80"})
  public String profile;

  @Param({"1", "3", "10"})
  public int consumers;

  private final byte[][] batch = new byte[BATCH][1500];
  private final int[] lengths = new int[BATCH];
  private SrtpContext publisherOut;
  private SrtpContext sfuIn;
  private Router router;
  private ProtectingSender subscriber;
  private final ProtectingSender publisher = new ProtectingSender(null);
  private int seq;

  /** A subscriber's transport, reduced to what it costs: protect per SSRC, then drop. */
  static final class ProtectingSender implements MediaSender {
    final SrtpSessionKeys keys;
    final Map<Long, SrtpContext> contexts = new HashMap<>();
    long sent;

    ProtectingSender(SrtpSessionKeys keys) {
      this.keys = keys;
    }

    @Override
    public boolean sendRtp(byte[] buf, int off, int len) {
      long ssrc = ((buf[off + 8] & 0xFFL) << 24) | ((buf[off + 9] & 0xFF) << 16)
          | ((buf[off + 10] & 0xFF) << 8) | (buf[off + 11] & 0xFF);
      SrtpContext context = contexts.get(ssrc);
      sent += context.protect(buf, off, len);
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

  @Setup(Level.Trial)
  public void setUp() {
    SrtpProfile srtp = SrtpProfile.valueOf("SRTP_" + profile
        .replace("AES_CM_128", "AES128_CM").replace("AEAD_AES_128_GCM", "AEAD_AES_128_GCM"));
    Random random = new Random(1);
    byte[] key = new byte[srtp.masterKeyLength()];
    byte[] salt = new byte[srtp.masterSaltLength()];
    random.nextBytes(key);
    random.nextBytes(salt);
    SrtpSessionKeys upstream = SrtpSessionKeys.derive(srtp, key, salt);
    random.nextBytes(key);
    SrtpSessionKeys downstream = SrtpSessionKeys.derive(srtp, key, salt);
    publisherOut = new SrtpContext(upstream);
    sfuIn = new SrtpContext(upstream);
    subscriber = new ProtectingSender(downstream);
    router = new Router(random);
    Producer producer = router.createProducer(new ProducerParameters("p", "video", "0", 1111, 0,
        Map.of(96, 90_000), Map.of(), Map.of(96, VideoCodec.VP8), 0, 0, false), publisher);
    for (int i = 0; i < consumers; i++) {
      long ssrc = 5000 + i;
      subscriber.contexts.put(ssrc, new SrtpContext(downstream));
      router.createConsumer(producer, new ConsumerParameters("c" + i, ssrc, 0, Map.of(96, 100),
          Map.of(), Map.of(), 0, "v" + i), subscriber, 0);
    }
    // a key frame first, so that every consumer has started
    forward(nextBatch(1), 1);
  }

  @Setup(Level.Iteration)
  public void protectBatch() {
    nextBatch(BATCH);
  }

  private int nextBatch(int n) {
    for (int i = 0; i < n; i++) {
      byte[] p = batch[i];
      p[0] = (byte) 0x80;
      p[1] = 96;
      p[2] = (byte) (seq >> 8);
      p[3] = (byte) seq;
      p[8] = 0;
      p[9] = 0;
      p[10] = 0x04;
      p[11] = 0x57; // SSRC 1111
      p[12] = 0x10; // VP8 descriptor S=1
      p[13] = (byte) (seq == 0 ? 0x50 : 0x51); // key frame first, then delta frames
      lengths[i] = publisherOut.protect(p, 0, 12 + PAYLOAD);
      seq = (seq + 1) & 0xFFFF;
    }
    return n;
  }

  private void forward(int n, long now) {
    for (int i = 0; i < n; i++) {
      int length = sfuIn.unprotect(batch[i], 0, lengths[i]);
      router.onRtp(publisher, batch[i], 0, length, now);
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void forwardOnePacketToNConsumers(Blackhole hole) {
    forward(BATCH, 1);
    hole.consume(subscriber.sent);
  }
}
