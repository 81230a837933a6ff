package dev.vertxsfu.wire.rtp;

/**
 * The elements of an RTP header extension block in the two forms of RFC 8285 §4: walking,
 * validating, finding and rewriting them in place. {@link RtpPacket}, {@link HeaderExtensions} and
 * {@link HeaderExtensionRewriter} call it with the block's bounds; it owns nothing.
 *
 * <p>RFC 8285 §4.2, one-byte header (profile {@code 0xBEDE}; ID 1-14, {@code len} is the data
 * length minus one, so 1-16 bytes of data; ID 15 ends parsing of the whole block):
 * <pre>
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |       0xBE    |    0xDE       |           length=3            |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |  ID   | L=0   |     data      |  ID   |  L=1  |   data...
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *          ...data   |    0 (pad)    |    0 (pad)    |  ID   | L=3   |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                          data                                 |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>RFC 8285 §4.3, two-byte header (profile {@code 0x100} and 4 appbits; ID 1-255, length 0-255):
 * <pre>
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |       0x10    |    0x00       |           length=3            |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |      ID       |     L=0       |     ID        |     L=1       |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |       data    |    0 (pad)    |       ID      |      L=4      |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                          data                                 |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>In both forms a zero byte is padding and is skipped (§4.1.2), which is also how an element is
 * removed in place: its bytes are zeroed. A one-byte element with ID 0 and a non-zero length, like
 * ID 15, ends parsing (§4.1.2). Blocks under any other profile are opaque: no elements are found.
 */
final class HeaderExtensionElements {
  /** RFC 8285 §4.2: the "defined by profile" value of the one-byte form. */
  static final int ONE_BYTE_PROFILE = 0xBEDE;
  /** RFC 8285 §4.3: the "defined by profile" value of the two-byte form, appbits zero. */
  static final int TWO_BYTE_PROFILE = 0x1000;
  static final int TWO_BYTE_PROFILE_MASK = 0xFFF0;
  static final int ONE_BYTE_MAX_ID = 14;
  static final int ONE_BYTE_MAX_LENGTH = 16;
  static final int TWO_BYTE_MAX_ID = 255;
  static final int TWO_BYTE_MAX_LENGTH = 255;
  /** RFC 8285 §4.2: the reserved ID that ends parsing of a one-byte block. */
  static final int ONE_BYTE_STOP_ID = 15;

  static final int FORM_OPAQUE = 0;
  static final int FORM_ONE_BYTE = 1;
  static final int FORM_TWO_BYTE = 2;

  private HeaderExtensionElements() {}

  static int form(int profile) {
    if (profile == ONE_BYTE_PROFILE) {
      return FORM_ONE_BYTE;
    }
    return (profile & TWO_BYTE_PROFILE_MASK) == TWO_BYTE_PROFILE ? FORM_TWO_BYTE : FORM_OPAQUE;
  }

  /**
   * Checks that every element of the block {@code [start, start + length)} fits in it.
   * {@code packetStart} only makes the messages count bytes from the packet's first byte.
   */
  static void validate(byte[] b, int start, int length, int form, int packetStart) {
    int end = start + length;
    int p = start;
    while (p < end) {
      int v = b[p] & 0xff;
      if (v == 0) {
        p++;
        continue;
      }
      if (form == FORM_ONE_BYTE) {
        int id = v >>> 4;
        if (id == ONE_BYTE_STOP_ID || id == 0) {
          return;
        }
        int elementEnd = p + 2 + (v & 0x0f);
        if (elementEnd > end) {
          throw new RtpFormatException("one-byte header extension element with ID " + id
              + " at byte " + (p - packetStart) + " has " + ((v & 0x0f) + 1)
              + " data bytes, past the end of the extension block at byte " + (end - packetStart));
        }
        p = elementEnd;
      } else {
        if (p + 2 > end) {
          throw new RtpFormatException("two-byte header extension element with ID " + v
              + " at byte " + (p - packetStart) + " has no length byte before the end of the"
              + " extension block at byte " + (end - packetStart));
        }
        int elementEnd = p + 2 + (b[p + 1] & 0xff);
        if (elementEnd > end) {
          throw new RtpFormatException("two-byte header extension element with ID " + v
              + " at byte " + (p - packetStart) + " has " + (b[p + 1] & 0xff)
              + " data bytes, past the end of the extension block at byte " + (end - packetStart));
        }
        p = elementEnd;
      }
    }
  }

  /**
   * The position of the first element at or after {@code p}, skipping padding; -1 at the end of
   * the block, at a stop byte, or (bytes changed since validation) at an element that does not fit.
   */
  static int next(byte[] b, int p, int end, int form) {
    while (p < end && b[p] == 0) {
      p++;
    }
    if (p >= end || form == FORM_OPAQUE) {
      return -1;
    }
    int v = b[p] & 0xff;
    if (form == FORM_ONE_BYTE) {
      if (v >>> 4 == ONE_BYTE_STOP_ID || v < 0x10) {
        return -1;
      }
      return p + 2 + (v & 0x0f) <= end ? p : -1;
    }
    return p + 2 <= end && p + 2 + (b[p + 1] & 0xff) <= end ? p : -1;
  }

  static int id(byte[] b, int element, int form) {
    return form == FORM_ONE_BYTE ? (b[element] & 0xff) >>> 4 : b[element] & 0xff;
  }

  static int valueLength(byte[] b, int element, int form) {
    return form == FORM_ONE_BYTE ? (b[element] & 0x0f) + 1 : b[element + 1] & 0xff;
  }

  static int valueOffset(int element, int form) {
    return form == FORM_ONE_BYTE ? element + 1 : element + 2;
  }

  static int end(byte[] b, int element, int form) {
    return valueOffset(element, form) + valueLength(b, element, form);
  }

  /** The position of the first element with {@code id}, or -1. */
  static int find(byte[] b, int start, int end, int form, int id) {
    for (int p = next(b, start, end, form); p >= 0; p = next(b, end(b, p, form), end, form)) {
      if (id(b, p, form) == id) {
        return p;
      }
    }
    return -1;
  }

  /** Zeroes every element with {@code id} so it reads as padding; true if there was one. */
  static boolean remove(byte[] b, int start, int end, int form, int id) {
    boolean removed = false;
    for (int p = next(b, start, end, form); p >= 0; ) {
      int elementEnd = end(b, p, form);
      if (id(b, p, form) == id) {
        java.util.Arrays.fill(b, p, elementEnd, (byte) 0);
        removed = true;
      }
      p = next(b, elementEnd, end, form);
    }
    return removed;
  }

  /**
   * Rewrites every element's ID through {@code map}, zeroing those it drops. Returns false and
   * changes nothing when a one-byte block would need an ID above 14.
   */
  static boolean mapIds(byte[] b, int start, int end, int form, HeaderExtensionIdMap map) {
    if (form == FORM_ONE_BYTE && map.maxTargetId() > ONE_BYTE_MAX_ID) {
      for (int p = next(b, start, end, form); p >= 0; p = next(b, end(b, p, form), end, form)) {
        if (map.map(id(b, p, form)) > ONE_BYTE_MAX_ID) {
          return false;
        }
      }
    }
    for (int p = next(b, start, end, form); p >= 0; ) {
      int elementEnd = end(b, p, form);
      int to = map.map(id(b, p, form));
      if (to == 0) {
        java.util.Arrays.fill(b, p, elementEnd, (byte) 0);
      } else if (form == FORM_ONE_BYTE) {
        b[p] = (byte) (to << 4 | (b[p] & 0x0f));
      } else {
        b[p] = (byte) to;
      }
      p = next(b, elementEnd, end, form);
    }
    return true;
  }
}
