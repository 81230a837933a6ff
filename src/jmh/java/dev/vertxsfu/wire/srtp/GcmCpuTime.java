package dev.vertxsfu.wire.srtp;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@link GcmBench}'s comparison timed in the thread's CPU time instead of wall time, for a
 * shared machine where other work preempts the benchmark (JMH's wall-clock scores then swing by
 * an order of magnitude). Per packet length: SRTP protect in place with the JCE's GCM, counter
 * mode plus our GHASH, and {@link AesGcmTransform}'s choice between them; best of five rounds of
 * 200,000 packets after three warm-up rounds.
 *
 * <p>Run: {@code mvn -o -Pjmh test-compile}, then {@code java -cp <test class path>
 * dev.vertxsfu.wire.srtp.GcmCpuTime [lengths...]}.
 */
public final class GcmCpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int ROUND = 200_000;

  private GcmCpuTime() {}

  public static void main(String[] args) {
    int[] lengths = args.length == 0 ? new int[] {40, 100, 150, 250, 400, 600, 1200}
        : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    byte[] key = new byte[16];
    byte[] salt = new byte[12];
    SrtpProfile profile = SrtpProfile.SRTP_AEAD_AES_128_GCM;
    SrtpTransform jce = new JceAesGcmTransform(profile, key, salt);
    SrtpTransform ctr = new AesGcmCtrTransform(key, salt);
    SrtpTransform chosen = new AesGcmTransform(profile, key, salt,
        AesGcmCtrTransform.ghashTable(key));
    System.out.printf(Locale.ROOT, "%8s %10s %10s %10s   (ns per protect, thread CPU time)%n",
        "length", "jce", "ctr", "chosen");
    for (int length : lengths) {
      System.out.printf(Locale.ROOT, "%8d %10.0f %10.0f %10.0f%n", length,
          protect(jce, length), protect(ctr, length), protect(chosen, length));
    }
  }

  private static double protect(SrtpTransform transform, int length) {
    byte[] work = new byte[length + 16];
    long index = 0;
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 8; round++) {
      long start = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < ROUND; i++) {
        transform.protectRtp(work, 0, length, 12, 1234, ++index, work, 0);
      }
      double ns = (THREADS.getCurrentThreadCpuTime() - start) / (double) ROUND;
      if (round >= 3) {
        best = Math.min(best, ns);
      }
    }
    return best;
  }
}
