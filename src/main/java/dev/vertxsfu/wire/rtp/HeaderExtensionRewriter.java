package dev.vertxsfu.wire.rtp;

import static dev.vertxsfu.wire.rtp.HeaderExtensionElements.ONE_BYTE_MAX_ID;
import static dev.vertxsfu.wire.rtp.HeaderExtensionElements.ONE_BYTE_MAX_LENGTH;
import static dev.vertxsfu.wire.rtp.NetworkBytes.put16;
import static dev.vertxsfu.wire.rtp.NetworkBytes.put24;

import java.util.Arrays;

/**
 * Writes a copy of an RTP packet with a new RFC 8285 header extension: the source's elements
 * with their IDs mapped through a {@link HeaderExtensionIdMap} (unmapped ones dropped), minus the
 * removed ones, plus the ones put here (a put replaces a source element of the same ID). Every
 * other byte (fixed header, CSRCs, payload, padding) is copied unchanged.
 *
 * <p>The new block is in the one-byte form (RFC 8285 §4.2) when every element allows it (ID 1-14,
 * 1-16 bytes of data), otherwise in the two-byte form (§4.3, profile 0x1000): the receiver must
 * then have negotiated {@code a=extmap-allow-mixed}, which is the caller's business. With no
 * element left the copy has no extension and X is cleared. A source block under a profile other
 * than RFC 8285's is dropped.
 *
 * <p>One per consumer, owned by it: puts and removals stay until changed or {@link #clear()}ed,
 * so a {@code mid} can be put once and a transport-wide sequence number put again for every
 * packet. At most {@value #MAX_PUTS} puts at a time. Put values are kept in slots of 16 bytes
 * (the one-byte form's longest) until a longer one is put, when the slots widen once to 255: no
 * allocation after construction but that one (one consumer of every subscriber stream holds one,
 * so 256 bytes here rather than 4 KB).
 *
 * <p>RFC 8285 §4.2 (one-byte element) and §4.3 (two-byte element):
 * <pre>
 *        0                       0                   1
 *        0 1 2 3 4 5 6 7         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 *       +-+-+-+-+-+-+-+-+       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |  ID   |  len  |       |       ID      |     length    |
 *       +-+-+-+-+-+-+-+-+       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class HeaderExtensionRewriter {
  /** How many extensions may be put at once. */
  public static final int MAX_PUTS = 16;

  private HeaderExtensionIdMap idMap;
  private final byte[] putSlot = new byte[256];
  private final int[] putIds = new int[MAX_PUTS];
  private final int[] putLengths = new int[MAX_PUTS];
  /** Slot i's value at {@code i * stride}. */
  private byte[] putValues = new byte[MAX_PUTS * ONE_BYTE_MAX_LENGTH];
  private int stride = ONE_BYTE_MAX_LENGTH;
  private int putCount;
  /** Removed IDs, one bit each. */
  private final long[] removed = new long[4];
  /** Results of {@link #measure}, scratch for one call. */
  private boolean twoByte;
  private int block;

  /** Maps source IDs through {@code map}; {@code null} (the default) keeps every ID as it is. */
  public HeaderExtensionRewriter idMap(HeaderExtensionIdMap map) {
    this.idMap = map;
    return this;
  }

  /**
   * Adds extension {@code id} (1-255) with {@code length} (0-255) bytes of data, replacing an
   * earlier put and any source element that maps to the same ID.
   */
  public HeaderExtensionRewriter put(int id, byte[] value, int offset, int length) {
    if (length < 0 || length > HeaderExtensionElements.TWO_BYTE_MAX_LENGTH) {
      throw new IllegalArgumentException("extension length " + length + " is outside 0-255");
    }
    int slot = slot(id);
    if (length > stride) {
      widen();
    }
    System.arraycopy(value, offset, putValues, slot * stride, length);
    putLengths[slot] = length;
    return this;
  }

  /** Puts a 2-byte big-endian value (transport-wide sequence number). */
  public HeaderExtensionRewriter putUint16(int id, int value) {
    int slot = slot(id);
    put16(putValues, slot * stride, value);
    putLengths[slot] = 2;
    return this;
  }

  /** Puts a 3-byte big-endian value (abs-send-time, 6.18 fixed point seconds). */
  public HeaderExtensionRewriter putUint24(int id, int value) {
    int slot = slot(id);
    put24(putValues, slot * stride, value);
    putLengths[slot] = 3;
    return this;
  }

  /** Leaves extension {@code id} (an ID after mapping) out of the copy, and forgets its put. */
  public HeaderExtensionRewriter remove(int id) {
    checkId(id);
    removed[id >>> 6] |= 1L << id;
    int slot = (putSlot[id] & 0xff) - 1;
    if (slot >= 0) {
      putSlot[id] = 0;
      putCount--;
      if (slot != putCount) {
        int last = putIds[putCount];
        putIds[slot] = last;
        putLengths[slot] = putLengths[putCount];
        System.arraycopy(putValues, putCount * stride, putValues, slot * stride,
            putLengths[slot]);
        putSlot[last] = (byte) (slot + 1);
      }
    }
    return this;
  }

  /** Forgets every put and removal (the ID map stays). */
  public HeaderExtensionRewriter clear() {
    for (int i = 0; i < putCount; i++) {
      putSlot[putIds[i]] = 0;
    }
    putCount = 0;
    Arrays.fill(removed, 0L);
    return this;
  }

  private int slot(int id) {
    checkId(id);
    removed[id >>> 6] &= ~(1L << id);
    int slot = (putSlot[id] & 0xff) - 1;
    if (slot < 0) {
      if (putCount == MAX_PUTS) {
        throw new IllegalStateException("already " + MAX_PUTS + " extensions put");
      }
      slot = putCount++;
      putIds[slot] = id;
      putSlot[id] = (byte) (slot + 1);
    }
    return slot;
  }

  /** Slots of 255 bytes from now on, the values put so far moved along. */
  private void widen() {
    byte[] wide = new byte[MAX_PUTS * HeaderExtensionElements.TWO_BYTE_MAX_LENGTH];
    for (int i = 0; i < putCount; i++) {
      System.arraycopy(putValues, i * stride, wide,
          i * HeaderExtensionElements.TWO_BYTE_MAX_LENGTH, putLengths[i]);
    }
    putValues = wide;
    stride = HeaderExtensionElements.TWO_BYTE_MAX_LENGTH;
  }

  private static void checkId(int id) {
    if (id < 1 || id > HeaderExtensionElements.TWO_BYTE_MAX_ID) {
      throw new IllegalArgumentException("extension ID " + id + " is outside 1-255");
    }
  }

  /** The ID a source element is copied under, or 0 when it is left out. */
  private int target(int sourceId) {
    int id = idMap == null ? sourceId : idMap.map(sourceId);
    return id == 0 || (removed[id >>> 6] & 1L << id) != 0 || putSlot[id] != 0 ? 0 : id;
  }

  /** The length {@link #rewrite} will return for {@code source}. */
  public int rewrittenLength(RtpPacket source) {
    measure(source);
    return source.length() - extensionBytes(source) + (block == 0 ? 0 : 4 + block);
  }

  /**
   * Writes the rewritten copy of {@code source} at {@code destination[offset]} and returns its
   * length. The destination must have room ({@link #rewrittenLength}) and must not overlap the
   * source's bytes; otherwise an {@link IllegalArgumentException} and nothing written.
   */
  public int rewrite(RtpPacket source, byte[] destination, int offset) {
    measure(source);
    int sourceExtension = extensionBytes(source);
    int length = source.length() - sourceExtension + (block == 0 ? 0 : 4 + block);
    if (offset < 0 || offset > destination.length - length) {
      throw new IllegalArgumentException("the rewritten packet needs " + length
          + " bytes at offset " + offset + " of a " + destination.length + "-byte buffer");
    }
    byte[] src = source.buffer();
    int from = source.offset();
    if (src == destination && from < offset + length && offset < from + source.length()) {
      throw new IllegalArgumentException("destination overlaps the source packet");
    }
    int fixed = RtpPacket.FIXED_HEADER_LENGTH + 4 * source.csrcCount();
    System.arraycopy(src, from, destination, offset, fixed);
    int at = offset + fixed;
    if (block == 0) {
      destination[offset] = (byte) (destination[offset] & ~0x10);
    } else {
      destination[offset] = (byte) (destination[offset] | 0x10);
      put16(destination, at, twoByte
          ? HeaderExtensionElements.TWO_BYTE_PROFILE : HeaderExtensionElements.ONE_BYTE_PROFILE);
      put16(destination, at + 2, block / 4);
      int end = writeElements(source, destination, at + 4);
      Arrays.fill(destination, end, at + 4 + block, (byte) 0);
      at += 4 + block;
    }
    int rest = fixed + sourceExtension;
    System.arraycopy(src, from + rest, destination, at, source.length() - rest);
    return length;
  }

  private static int extensionBytes(RtpPacket source) {
    return source.hasExtension()
        ? RtpPacket.EXTENSION_HEADER_LENGTH + source.extensionDataLength() : 0;
  }

  /**
   * Sets {@code twoByte} (some element fits only the two-byte form) and {@code block} (bytes of
   * the new block's data padded to 32-bit words, 0 for no element) in one pass over the source.
   */
  private void measure(RtpPacket source) {
    int count = putCount;
    int valueBytes = 0;
    boolean two = false;
    for (int i = 0; i < putCount; i++) {
      valueBytes += putLengths[i];
      two |= !fitsOneByte(putIds[i], putLengths[i]);
    }
    int form = source.extensionForm();
    if (form != HeaderExtensionElements.FORM_OPAQUE) {
      byte[] b = source.buffer();
      int end = source.extensionDataOffset() + source.extensionDataLength();
      for (int p = HeaderExtensionElements.next(b, source.extensionDataOffset(), end, form); p >= 0;
          p = HeaderExtensionElements.next(b, HeaderExtensionElements.end(b, p, form), end, form)) {
        int id = target(HeaderExtensionElements.id(b, p, form));
        if (id != 0) {
          int length = HeaderExtensionElements.valueLength(b, p, form);
          count++;
          valueBytes += length;
          two |= !fitsOneByte(id, length);
        }
      }
    }
    twoByte = two;
    block = (count * (two ? 2 : 1) + valueBytes + 3) & ~3;
  }

  private static boolean fitsOneByte(int id, int length) {
    return id <= ONE_BYTE_MAX_ID && length >= 1 && length <= ONE_BYTE_MAX_LENGTH;
  }

  private int writeElements(RtpPacket source, byte[] dst, int at) {
    int form = source.extensionForm();
    if (form != HeaderExtensionElements.FORM_OPAQUE) {
      byte[] b = source.buffer();
      int end = source.extensionDataOffset() + source.extensionDataLength();
      for (int p = HeaderExtensionElements.next(b, source.extensionDataOffset(), end, form); p >= 0;
          p = HeaderExtensionElements.next(b, HeaderExtensionElements.end(b, p, form), end, form)) {
        int id = target(HeaderExtensionElements.id(b, p, form));
        if (id != 0) {
          at = writeElement(dst, at, twoByte, id, b, HeaderExtensionElements.valueOffset(p, form),
              HeaderExtensionElements.valueLength(b, p, form));
        }
      }
    }
    for (int i = 0; i < putCount; i++) {
      at = writeElement(dst, at, twoByte, putIds[i], putValues, i * stride, putLengths[i]);
    }
    return at;
  }

  private static int writeElement(byte[] dst, int at, boolean twoByte, int id, byte[] value,
      int valueOffset, int length) {
    if (twoByte) {
      dst[at++] = (byte) id;
      dst[at++] = (byte) length;
    } else {
      dst[at++] = (byte) (id << 4 | (length - 1));
    }
    System.arraycopy(value, valueOffset, dst, at, length);
    return at + length;
  }
}
