package dev.vertxsfu.wire.srtp;

import java.util.SplittableRandom;
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
 * Protect and unprotect of one 1,200-byte RTP packet (12-byte header, 1,188-byte payload) per
 * operation, per profile.
 *
 * <p>Unprotect must take the success path, so it really authenticates and decrypts: it reads a
 * ring of {@value #RING} packets protected up front with consecutive sequence numbers, and when
 * the ring is used up it starts over with a fresh receiving context (a new context costs a few
 * microseconds once per {@value #RING} operations, well under 1% of the score). Every operation
 * checks its result and throws if it is not the RTP length. {@code unprotectInPlace} first copies
 * the packet into the working buffer (about 25 ns for 1,210-1,216 bytes, see {@code copyOnly});
 * {@code unprotectToOutput} writes into a separate buffer and needs no copy.
 * {@code unprotectForged} measures the cost of rejecting a packet with a wrong tag.
 *
 * <p>Run: {@code mvn -o -Pjmh test-compile} then {@code java -cp <test classpath>
 * org.openjdk.jmh.Main SrtpBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SrtpBench {
  static final int RTP_LENGTH = 1200;
  static final int RING = 1024;

  @Param({"SRTP_AES128_CM_HMAC_SHA1_80", "SRTP_AEAD_AES_128_GCM"})
  public SrtpProfile profile;

  private SrtpSessionKeys keys;
  private SrtpContext sender;
  private SrtpContext receiver;
  private SrtpContext forgedReceiver;
  private byte[] plain;
  private byte[][] ring;
  private byte[] forged;
  private byte[] work;
  private byte[] out;
  private int next;
  private int seq;
  private int srtpLength;

  @Setup
  public void setUp() {
    byte[] material = new byte[profile.keyingMaterialLength()];
    new SplittableRandom(7).nextBytes(material);
    keys = SrtpKeyingMaterial.clientWriteKeys(profile, material);
    plain = new byte[RTP_LENGTH];
    new SplittableRandom(8).nextBytes(plain);
    plain[0] = (byte) 0x80;
    plain[1] = 96;
    RtpHeaderFields.writeInt(plain, 8, 0x5eed5eed);
    srtpLength = RTP_LENGTH + profile.srtpTagLength();
    work = new byte[srtpLength];
    out = new byte[srtpLength];

    SrtpContext ringSender = new SrtpContext(keys);
    ring = new byte[RING][];
    for (int i = 0; i < RING; i++) {
      ring[i] = java.util.Arrays.copyOf(plain, srtpLength);
      ring[i][2] = (byte) (i >>> 8);
      ring[i][3] = (byte) i;
      ringSender.protect(ring[i], 0, RTP_LENGTH);
    }
    forged = ring[RING - 1].clone();
    forged[srtpLength - 1] ^= 1;
    sender = new SrtpContext(keys);
    receiver = new SrtpContext(keys);
    forgedReceiver = new SrtpContext(keys);
  }

  @Benchmark
  public int protect() {
    System.arraycopy(plain, 0, work, 0, RTP_LENGTH);
    int s = seq++;
    work[2] = (byte) (s >>> 8);
    work[3] = (byte) s;
    int n = sender.protect(work, 0, RTP_LENGTH);
    if (n != srtpLength) {
      throw new IllegalStateException("protect gave " + n);
    }
    return n;
  }

  @Benchmark
  public int unprotectInPlace() {
    System.arraycopy(nextPacket(), 0, work, 0, srtpLength);
    return check(receiver.unprotect(work, 0, srtpLength));
  }

  @Benchmark
  public int unprotectToOutput() {
    byte[] packet = nextPacket(); // before reading the receiver field, which nextPacket may swap
    return check(receiver.unprotect(packet, 0, srtpLength, out, 0));
  }

  @Benchmark
  public int unprotectForged() {
    int n = forgedReceiver.unprotect(forged, 0, srtpLength, out, 0);
    if (n != SrtpStatus.AUTHENTICATION_FAILED) {
      throw new IllegalStateException("a forged packet gave " + SrtpStatus.name(n));
    }
    return n;
  }

  @Benchmark
  public int copyOnly() {
    System.arraycopy(nextPacket(), 0, work, 0, srtpLength);
    return work[100];
  }

  private byte[] nextPacket() {
    if (next == RING) {
      next = 0;
      receiver = new SrtpContext(keys);
    }
    return ring[next++];
  }

  private static int check(int n) {
    if (n != RTP_LENGTH) {
      throw new IllegalStateException("unprotect gave " + SrtpStatus.name(n));
    }
    return n;
  }
}
