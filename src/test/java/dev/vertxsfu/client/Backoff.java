package dev.vertxsfu.client;

import java.util.random.RandomGenerator;

/**
 * How long a client waits before its next reconnect attempt (docs/protocol.md):
 * 250 ms, doubling up to 5 s, each spread by ±20% so that the clients of a lost node do not
 * all come back in the same millisecond. Pure.
 */
final class Backoff {
  static final long FIRST_MILLIS = 250;
  static final long MAX_MILLIS = 5_000;
  static final double JITTER = 0.2;

  private Backoff() {}

  /** The delay before attempt {@code attempt} (0 for the first retry). */
  static long delayMillis(int attempt, RandomGenerator random) {
    long base = FIRST_MILLIS << Math.min(attempt, 5);
    base = Math.min(base, MAX_MILLIS);
    double spread = 1 + JITTER * (2 * random.nextDouble() - 1);
    return Math.round(base * spread);
  }
}
