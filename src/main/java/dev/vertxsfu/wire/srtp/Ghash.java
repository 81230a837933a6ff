package dev.vertxsfu.wire.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * GHASH, the universal hash of GCM (NIST SP 800-38D §6.4), for one hash subkey H = AES_K(0^128),
 * with Shoup's 8-bit tables: {@code T[b] = b·H} for every byte value b, so one block costs 16
 * table look-ups instead of 128 conditional shifts.
 *
 * <p>A block is two {@code long}s, {@code hi} = bytes 0..7 and {@code lo} = bytes 8..15, big
 * endian. In GCM's bit order bit 0 (the most significant bit of byte 0) is the coefficient of
 * x^0, so multiplying by x is a right shift of the 128-bit string, and a bit shifted out past
 * x^127 folds back as R = 11100001 || 0^120 (the field polynomial x^128 + x^7 + x^2 + x + 1).
 * For X = x_0 .. x_15 (bytes), X·H = sum of x_k·H·x^(8k); Horner's rule from x_15 down gives
 * Z = Z·x^8 ⊕ T[x_k], and Z·x^8 is a shift by one byte whose eight bits shifted out fold back
 * through {@link #REDUCE}.
 *
 * <p>The 4 KB table of a key is built once by {@link #table}; each instance is owned by one
 * {@link AesGcmCtrTransform} (one crypto context, one thread) and holds the table and the running
 * hash. Feed it
 * with {@link #reset}, {@link #updatePadded} (once for the AAD, once for the ciphertext: GCM
 * zero-pads each to a whole block), {@link #lengths}, and read {@link #hi()} and {@link #lo()}.
 */
final class Ghash {
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final long R = 0xE100_0000_0000_0000L;

  /** REDUCE[v]: what eight bits v shifted out past x^127 add to the high word. */
  private static final long[] REDUCE = new long[256];

  static {
    for (int v = 0; v < 256; v++) {
      long hi = 0;
      long lo = v;
      for (int i = 0; i < 8; i++) {
        long carry = lo & 1;
        lo = (lo >>> 1) | (hi << 63);
        hi = (hi >>> 1) ^ (-carry & R);
      }
      REDUCE[v] = hi;
    }
  }

  /** T[b] = b·H: the high word at {@code 2b}, the low word at {@code 2b + 1}; never written. */
  private final long[] table;
  private long hi;
  private long lo;

  /** @param table from {@link #table}, never written afterwards */
  Ghash(long[] table) {
    if (table.length != 512) {
      throw new IllegalArgumentException("a GHASH table has 512 words, got " + table.length);
    }
    this.table = table;
  }

  /** @param h the 16-byte hash subkey AES_K(0^128) */
  static long[] table(byte[] h) {
    long[] t = new long[512];
    long vh = (long) LONG_BE.get(h, 0);
    long vl = (long) LONG_BE.get(h, 8);
    // T[0x80] = H (x^0), T[0x40] = H·x, ..., T[0x01] = H·x^7; the rest by linearity.
    for (int bit = 0x80; bit > 0; bit >>>= 1) {
      t[2 * bit] = vh;
      t[2 * bit + 1] = vl;
      long carry = vl & 1;
      vl = (vl >>> 1) | (vh << 63);
      vh = (vh >>> 1) ^ (-carry & R);
    }
    for (int b = 2; b < 256; b <<= 1) {
      for (int low = 1; low < b; low++) {
        t[2 * (b | low)] = t[2 * b] ^ t[2 * low];
        t[2 * (b | low) + 1] = t[2 * b + 1] ^ t[2 * low + 1];
      }
    }
    return t;
  }

  void reset() {
    hi = 0;
    lo = 0;
  }

  /** Hashes {@code in[off, off+len)}, zero-padding the last block. */
  void updatePadded(byte[] in, int off, int len) {
    int end = off + (len & ~15);
    for (int i = off; i < end; i += 16) {
      multiply(hi ^ (long) LONG_BE.get(in, i), lo ^ (long) LONG_BE.get(in, i + 8));
    }
    int rest = len & 15;
    if (rest != 0) {
      long bh = 0;
      long bl = 0;
      for (int i = 0; i < rest; i++) {
        long b = in[end + i] & 0xFFL;
        if (i < 8) {
          bh |= b << (56 - 8 * i);
        } else {
          bl |= b << (120 - 8 * i);
        }
      }
      multiply(hi ^ bh, lo ^ bl);
    }
  }

  /** Hashes the final block: the AAD and ciphertext lengths in bits, 64 bits each. */
  void lengths(long aadBytes, long textBytes) {
    multiply(hi ^ (aadBytes << 3), lo ^ (textBytes << 3));
  }

  long hi() {
    return hi;
  }

  long lo() {
    return lo;
  }

  /** (xh, xl)·H into the running hash. */
  private void multiply(long xh, long xl) {
    long[] t = table;
    long[] red = REDUCE;
    int b = ((int) xl & 0xFF) << 1;
    long zh = t[b];
    long zl = t[b + 1];
    for (int shift = 8; shift < 64; shift += 8) {
      b = ((int) (xl >>> shift) & 0xFF) << 1;
      long out = zl & 0xFF;
      zl = ((zl >>> 8) | (zh << 56)) ^ t[b + 1];
      zh = (zh >>> 8) ^ red[(int) out] ^ t[b];
    }
    for (int shift = 0; shift < 64; shift += 8) {
      b = ((int) (xh >>> shift) & 0xFF) << 1;
      long out = zl & 0xFF;
      zl = ((zl >>> 8) | (zh << 56)) ^ t[b + 1];
      zh = (zh >>> 8) ^ red[(int) out] ^ t[b];
    }
    hi = zh;
    lo = zl;
  }
}
