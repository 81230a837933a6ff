package dev.vertxsfu.room;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

/**
 * The SSRCs a room's consumers send with: random (RFC 3550 §8.1), never 0, never two alike in
 * the room, and free again when their consumer is gone. On the room's event loop.
 */
final class SsrcAllocator {
  private final SecureRandom random;
  private final Set<Long> inUse = new HashSet<>();

  SsrcAllocator(SecureRandom random) {
    this.random = random;
  }

  long allocate() {
    long ssrc;
    do {
      ssrc = random.nextInt() & 0xFFFFFFFFL;
    } while (ssrc == 0 || !inUse.add(ssrc));
    return ssrc;
  }

  void release(long ssrc) {
    inUse.remove(ssrc);
  }
}
