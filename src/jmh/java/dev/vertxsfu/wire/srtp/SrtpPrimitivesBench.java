package dev.vertxsfu.wire.srtp;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The JCE call shapes this package chose between, each on one 1,200-byte packet, so the choice
 * can be re-checked on another JDK or CPU. Rough figures on the development machine (JDK 17,
 * Xeon 2.5 GHz with AES-NI, PCLMULQDQ and AVX-512 but no SHA-NI or VAES, shared and noisy):
 *
 * <pre>
 *   ctrReinitToScratchThenCopy   ~470-600 ns   chosen for AES-CM (in place via a scratch copy)
 *   ctrReinitInPlace             ~640-680 ns   SunJCE copies overlapping input (1,320 B/op)
 *   ctrKeystreamXor             ~1,070 ns      CTR over zeros, then an XOR loop
 *   ecbKeystreamXor             ~1,430 ns      no multi-block ECB intrinsic without VAES
 *   hmacSha1                    ~5,200 ns      one reused Mac, 40 B/op
 *   hmacSha1ClonedMidstates     ~4,800 ns      chosen: ipad/opad states cloned, ~1.1 KB/op
 *   gcmDecryptArrayToScratch    ~1,040 ns      byte[] doFinal; in place costs the same
 *   gcmDecryptByteBuffer        ~1,030 ns      no better than byte[]
 *   gcmEncryptInPlace           ~1,020 ns
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SrtpPrimitivesBench {
  static final int LEN = 1200;
  static final int HDR = 12;
  byte[] buf = new byte[LEN + 16];
  byte[] scratch = new byte[LEN + 16];
  byte[] counters = new byte[LEN + 16];
  byte[] ks = new byte[LEN + 16];
  byte[] iv = new byte[16];
  byte[] gcmIv = new byte[12];
  byte[] macOut = new byte[20];
  byte[] roc = new byte[4];
  byte[] gcmPacket;
  SecretKeySpec key;
  Cipher ctr;
  Cipher ecb;
  Cipher gcm;
  Mac mac;
  java.security.MessageDigest innerTemplate;
  java.security.MessageDigest outerTemplate;
  byte[] inner = new byte[20];

  @Setup
  public void setup() throws Exception {
    key = new SecretKeySpec(new byte[16], "AES");
    ctr = Cipher.getInstance("AES/CTR/NoPadding");
    ecb = Cipher.getInstance("AES/ECB/NoPadding");
    ecb.init(Cipher.ENCRYPT_MODE, key);
    gcm = Cipher.getInstance("AES/GCM/NoPadding");
    mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(new byte[20], "HmacSHA1"));
    innerTemplate = java.security.MessageDigest.getInstance("SHA-1");
    outerTemplate = java.security.MessageDigest.getInstance("SHA-1");
    byte[] ipad = new byte[64];
    byte[] opad = new byte[64];
    java.util.Arrays.fill(ipad, (byte) 0x36);
    java.util.Arrays.fill(opad, (byte) 0x5c);
    innerTemplate.update(ipad);
    outerTemplate.update(opad);
    for (int i = 0; i < LEN; i++) {
      buf[i] = (byte) i;
    }
    gcmPacket = new byte[LEN + 16];
    System.arraycopy(buf, 0, gcmPacket, 0, LEN);
    gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, gcmIv));
    gcm.updateAAD(gcmPacket, 0, HDR);
    gcm.doFinal(gcmPacket, HDR, LEN - HDR, gcmPacket, HDR);
  }

  @Benchmark
  public int ctrReinitToScratchThenCopy() throws Exception {
    iv[15]++;
    ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
    int n = ctr.doFinal(buf, HDR, LEN - HDR, scratch, 0);
    System.arraycopy(scratch, 0, buf, HDR, n);
    return n;
  }

  @Benchmark
  public int ctrReinitInPlace() throws Exception {
    iv[15]++;
    ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
    return ctr.doFinal(buf, HDR, LEN - HDR, buf, HDR);
  }

  @Benchmark
  public int ecbKeystreamXor() throws Exception {
    int n = LEN - HDR;
    int blocks = (n + 15) >>> 4;
    iv[13]++;
    for (int b = 0; b < blocks; b++) {
      int o = b << 4;
      System.arraycopy(iv, 0, counters, o, 14);
      counters[o + 14] = (byte) (b >>> 8);
      counters[o + 15] = (byte) b;
    }
    ecb.update(counters, 0, blocks << 4, ks, 0);
    for (int i = 0; i < n; i++) {
      buf[HDR + i] ^= ks[i];
    }
    return n;
  }

  @Benchmark
  public int ctrKeystreamXor() throws Exception {
    int n = LEN - HDR;
    iv[15]++;
    ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
    ctr.doFinal(counters, 0, n, ks, 0);
    for (int i = 0; i < n; i++) {
      buf[HDR + i] ^= ks[i];
    }
    return n;
  }

  @Benchmark
  public byte hmacSha1() throws Exception {
    mac.update(buf, 0, LEN);
    mac.update(roc, 0, 4);
    mac.doFinal(macOut, 0);
    return macOut[0];
  }

  @Benchmark
  public byte hmacSha1ClonedMidstates() throws Exception {
    java.security.MessageDigest in = (java.security.MessageDigest) innerTemplate.clone();
    in.update(buf, 0, LEN);
    in.update(roc, 0, 4);
    in.digest(inner, 0, 20);
    java.security.MessageDigest out = (java.security.MessageDigest) outerTemplate.clone();
    out.update(inner, 0, 20);
    out.digest(macOut, 0, 20);
    return macOut[0];
  }

  @Benchmark
  public int gcmDecryptArrayToScratch() throws Exception {
    gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, gcmIv));
    gcm.updateAAD(gcmPacket, 0, HDR);
    return gcm.doFinal(gcmPacket, HDR, LEN + 16 - HDR, scratch, HDR);
  }

  @Benchmark
  public int gcmDecryptArrayInPlaceWithRefill() throws Exception {
    System.arraycopy(gcmPacket, 0, scratch, 0, LEN + 16);
    gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, gcmIv));
    gcm.updateAAD(scratch, 0, HDR);
    return gcm.doFinal(scratch, HDR, LEN + 16 - HDR, scratch, HDR);
  }

  @Benchmark
  public int refillOnly() {
    System.arraycopy(gcmPacket, 0, scratch, 0, LEN + 16);
    return scratch[5];
  }

  @Benchmark
  public int gcmDecryptByteBuffer() throws Exception {
    gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, gcmIv));
    gcm.updateAAD(ByteBuffer.wrap(gcmPacket, 0, HDR));
    return gcm.doFinal(ByteBuffer.wrap(gcmPacket, HDR, LEN + 16 - HDR),
        ByteBuffer.wrap(scratch, HDR, LEN));
  }

  @Benchmark
  public int gcmEncryptInPlace() throws Exception {
    gcmIv[11]++;
    gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, gcmIv));
    gcm.updateAAD(buf, 0, HDR);
    return gcm.doFinal(buf, HDR, LEN - HDR, buf, HDR);
  }

  @Benchmark
  public int gcmEncryptToScratch() throws Exception {
    gcmIv[11]++;
    gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, gcmIv));
    gcm.updateAAD(buf, 0, HDR);
    return gcm.doFinal(buf, HDR, LEN - HDR, scratch, HDR);
  }
}
