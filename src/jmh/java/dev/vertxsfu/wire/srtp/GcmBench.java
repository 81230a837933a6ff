package dev.vertxsfu.wire.srtp;

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
 * The AES-GCM transform alone (no context, no replay check), JCE against counter mode plus our
 * own GHASH, for an audio-sized and a video-sized RTP packet: protect in place with a new packet
 * index per operation, and unprotect into a second buffer (the success path, tag checked).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class GcmBench {
  static final int HEADER = 12;

  @Param({"jce", "ctr", "chosen"})
  public String impl;

  @Param({"40", "100", "300", "1200"})
  public int length;

  private SrtpTransform transform;
  private byte[] work;
  private byte[] sealed;
  private byte[] out;
  private long index;

  @Setup
  public void setUp() {
    byte[] key = new byte[16];
    byte[] salt = new byte[12];
    for (int i = 0; i < 16; i++) {
      key[i] = (byte) (i * 7 + 1);
    }
    SrtpProfile profile = SrtpProfile.SRTP_AEAD_AES_128_GCM;
    transform = switch (impl) {
      case "jce" -> new JceAesGcmTransform(profile, key, salt);
      case "ctr" -> new AesGcmCtrTransform(key, salt);
      default -> new AesGcmTransform(profile, key, salt, true);
    };
    work = new byte[length + 16];
    out = new byte[length + 16];
    sealed = new byte[length + 16];
    for (int i = 0; i < length; i++) {
      sealed[i] = (byte) i;
    }
    sealed[0] = (byte) 0x80;
    transform.protectRtp(sealed, 0, length, HEADER, 1234, 0, sealed, 0);
  }

  @Benchmark
  public int protectInPlace() {
    return transform.protectRtp(work, 0, length, HEADER, 1234, ++index, work, 0);
  }

  @Benchmark
  public boolean unprotectToOutput() {
    if (!transform.unprotectRtp(sealed, 0, length + 16, HEADER, 1234, 0, out, 0)) {
      throw new IllegalStateException("tag did not verify");
    }
    return true;
  }
}
