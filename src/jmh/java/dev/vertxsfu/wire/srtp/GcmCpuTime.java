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
 * dev.vertxsfu.wire.srtp.GcmCpuTime [keys [lengths...]]}.
 */
public final class GcmCpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int ROUND = 200_000;

  private GcmCpuTime() {}

  /**
   * @param args {@code keys} (how many sessions, each with its own key, take turns, as the
   *     subscribers of a fan-out do: 1 keeps everything in cache, 320 does not), then lengths
   */
  public static void main(String[] args) {
    int keys = args.length == 0 ? 1 : Integer.parseInt(args[0]);
    int[] lengths = args.length < 2 ? new int[] {40, 100, 150, 250, 400, 600, 1200}
        : java.util.Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray();
    SrtpProfile profile = SrtpProfile.SRTP_AEAD_AES_128_GCM;
    SrtpTransform[] jce = new SrtpTransform[keys];
    SrtpTransform[] ctr = new SrtpTransform[keys];
    SrtpTransform[] chosen = new SrtpTransform[keys];
    java.util.SplittableRandom random = new java.util.SplittableRandom(keys);
    for (int k = 0; k < keys; k++) {
      byte[] key = new byte[16];
      byte[] salt = new byte[12];
      random.nextBytes(key);
      random.nextBytes(salt);
      jce[k] = new JceAesGcmTransform(profile, key, salt);
      ctr[k] = new AesGcmCtrTransform(key, salt);
      chosen[k] = new AesGcmTransform(profile, key, salt, true);
    }
    System.out.printf(Locale.ROOT, "%d keys taking turns%n%8s %10s %10s %10s   "
        + "(ns per protect, thread CPU time)%n", keys, "length", "jce", "ctr", "chosen");
    for (int length : lengths) {
      System.out.printf(Locale.ROOT, "%8d %10.0f %10.0f %10.0f%n", length,
          protect(jce, length), protect(ctr, length), protect(chosen, length));
    }
  }

  private static double protect(SrtpTransform[] transforms, int length) {
    byte[] work = new byte[length + 16];
    long index = 0;
    int keys = transforms.length;
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 8; round++) {
      long start = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < ROUND; i++) {
        transforms[i % keys].protectRtp(work, 0, length, 12, 1234, ++index, work, 0);
      }
      double ns = (THREADS.getCurrentThreadCpuTime() - start) / (double) ROUND;
      if (round >= 3) {
        best = Math.min(best, ns);
      }
    }
    return best;
  }
}
