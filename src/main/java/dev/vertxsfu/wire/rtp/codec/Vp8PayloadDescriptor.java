package dev.vertxsfu.wire.rtp.codec;

/**
 * The VP8 payload descriptor (RFC 7741 §4.2) and the start of the VP8 payload header
 * (§4.3), as far as a forwarder needs them: where a frame starts and whether it is a key frame.
 *
 * <pre>
 *        0 1 2 3 4 5 6 7                      0 1 2 3 4 5 6 7
 *       +-+-+-+-+-+-+-+-+                   +-+-+-+-+-+-+-+-+
 *       |X|R|N|S|R| PID | (REQUIRED)        |X|R|N|S|R| PID | (REQUIRED)
 *       +-+-+-+-+-+-+-+-+                   +-+-+-+-+-+-+-+-+
 *  X:   |I|L|T|K| RSV   | (OPTIONAL)   X:   |I|L|T|K| RSV   | (OPTIONAL)
 *       +-+-+-+-+-+-+-+-+                   +-+-+-+-+-+-+-+-+
 *  I:   |M| PictureID   | (OPTIONAL)   I:   |M| PictureID   | (OPTIONAL)
 *       +-+-+-+-+-+-+-+-+                   +-+-+-+-+-+-+-+-+
 *  L:   |   TL0PICIDX   | (OPTIONAL)        |   PictureID   |
 *       +-+-+-+-+-+-+-+-+                   +-+-+-+-+-+-+-+-+
 *  T/K: |TID|Y| KEYIDX  | (OPTIONAL)   L:   |   TL0PICIDX   | (OPTIONAL)
 *       +-+-+-+-+-+-+-+-+                   +-+-+-+-+-+-+-+-+
 *                                      T/K: |TID|Y| KEYIDX  | (OPTIONAL)
 *                                           +-+-+-+-+-+-+-+-+
 *
 *        0 1 2 3 4 5 6 7
 *       +-+-+-+-+-+-+-+-+
 *       |Size0|H| VER |P|   the VP8 payload header: P is 0 for a key frame
 *       +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Stateless; called on the forwarding path with the RTP payload's bounds. A payload too
 * short to say is reported as not a key frame (never an exception on this path). The fields a
 * simulcast forwarder rewrites (PictureID, TL0PICIDX) and reads (TID, Y) are found and changed
 * in place, in their own width: {@link #ABSENT} where the descriptor does not carry them.
 */
public final class Vp8PayloadDescriptor {
  private Vp8PayloadDescriptor() {}

  /** Length of the descriptor, or -1 if the payload is too short to hold it. */
  public static int length(byte[] buf, int off, int len) {
    if (len < 1) {
      return -1;
    }
    int at = 1;
    if ((buf[off] & 0x80) != 0) { // X
      if (len < 2) {
        return -1;
      }
      int x = buf[off + 1];
      at = 2;
      if ((x & 0x80) != 0) { // I
        if (len <= at) {
          return -1;
        }
        at += (buf[off + at] & 0x80) != 0 ? 2 : 1; // M: 15-bit picture id
      }
      if ((x & 0x40) != 0) { // L
        at++;
      }
      if ((x & 0x30) != 0) { // T or K
        at++;
      }
    }
    return at <= len ? at : -1;
  }

  /** What the field readers give for a field the descriptor does not carry. */
  public static final int ABSENT = -1;

  /** The PictureID (7 or 15 bits), or {@link #ABSENT}. */
  public static int pictureId(byte[] buf, int off, int len) {
    int at = pictureIdOffset(buf, off, len);
    if (at < 0) {
      return ABSENT;
    }
    return (buf[at] & 0x80) != 0 ? ((buf[at] & 0x7F) << 8) | (buf[at + 1] & 0xFF) : buf[at] & 0x7F;
  }

  /** Whether the PictureID is the 15-bit form (M set); false when there is none. */
  public static boolean hasLongPictureId(byte[] buf, int off, int len) {
    int at = pictureIdOffset(buf, off, len);
    return at >= 0 && (buf[at] & 0x80) != 0;
  }

  /**
   * Writes {@code pictureId} over the PictureID, in the width the packet has (7 or 15 bits:
   * the value is cut to it). False, and nothing written, when the packet carries none.
   */
  public static boolean setPictureId(byte[] buf, int off, int len, int pictureId) {
    int at = pictureIdOffset(buf, off, len);
    if (at < 0) {
      return false;
    }
    if ((buf[at] & 0x80) != 0) {
      buf[at] = (byte) (0x80 | ((pictureId >> 8) & 0x7F));
      buf[at + 1] = (byte) pictureId;
    } else {
      buf[at] = (byte) (pictureId & 0x7F);
    }
    return true;
  }

  /** The TL0PICIDX, or {@link #ABSENT}. */
  public static int tl0PicIdx(byte[] buf, int off, int len) {
    int at = tl0PicIdxOffset(buf, off, len);
    return at < 0 ? ABSENT : buf[at] & 0xFF;
  }

  /** Writes the TL0PICIDX; false, and nothing written, when the packet carries none. */
  public static boolean setTl0PicIdx(byte[] buf, int off, int len, int tl0PicIdx) {
    int at = tl0PicIdxOffset(buf, off, len);
    if (at < 0) {
      return false;
    }
    buf[at] = (byte) tl0PicIdx;
    return true;
  }

  /** The temporal layer index TID (0-3), or {@link #ABSENT} when T is clear. */
  public static int temporalLayer(byte[] buf, int off, int len) {
    int at = tidOffset(buf, off, len);
    return at < 0 ? ABSENT : (buf[at] >> 6) & 0x03;
  }

  /**
   * The layer sync bit Y: this frame depends only on the base layer, so a forwarder may start
   * sending a higher temporal layer here. False when T is clear.
   */
  public static boolean layerSync(byte[] buf, int off, int len) {
    int at = tidOffset(buf, off, len);
    return at >= 0 && (buf[at] & 0x20) != 0;
  }

  /** Offset in {@code buf} of the PictureID's first byte, or -1. */
  private static int pictureIdOffset(byte[] buf, int off, int len) {
    if (length(buf, off, len) < 0 || (buf[off] & 0x80) == 0 || (buf[off + 1] & 0x80) == 0) {
      return -1;
    }
    return off + 2;
  }

  private static int tl0PicIdxOffset(byte[] buf, int off, int len) {
    if (length(buf, off, len) < 0 || (buf[off] & 0x80) == 0 || (buf[off + 1] & 0x40) == 0) {
      return -1;
    }
    return off + 2 + pictureIdLength(buf, off);
  }

  private static int tidOffset(byte[] buf, int off, int len) {
    if (length(buf, off, len) < 0 || (buf[off] & 0x80) == 0 || (buf[off + 1] & 0x20) == 0) {
      return -1;
    }
    return off + 2 + pictureIdLength(buf, off) + ((buf[off + 1] & 0x40) != 0 ? 1 : 0);
  }

  /** Bytes of PictureID after X (0, 1 or 2), for a descriptor {@link #length} accepted. */
  private static int pictureIdLength(byte[] buf, int off) {
    if ((buf[off + 1] & 0x80) == 0) {
      return 0;
    }
    return (buf[off + 2] & 0x80) != 0 ? 2 : 1;
  }

  /** Whether this packet starts a VP8 key frame: S set, partition 0, and P clear. */
  public static boolean isKeyFrame(byte[] buf, int off, int len) {
    int descriptor = length(buf, off, len);
    if (descriptor < 0 || descriptor >= len) {
      return false;
    }
    boolean start = (buf[off] & 0x10) != 0;
    int partition = buf[off] & 0x07;
    return start && partition == 0 && (buf[off + descriptor] & 0x01) == 0;
  }

  /**
   * The width of a key frame from its uncompressed data chunk (RFC 6386 §9.1: after the 3-byte
   * frame tag, the start code 9d 01 2a, then 14 bits of width and 2 of scale, little-endian), or
   * {@link #ABSENT} when this packet does not start a key frame or is too short.
   */
  public static int keyFrameWidth(byte[] buf, int off, int len) {
    int at = keyFrameSizeOffset(buf, off, len);
    return at < 0 ? ABSENT : ((buf[at] & 0xFF) | (buf[at + 1] & 0xFF) << 8) & 0x3FFF;
  }

  /** The height of a key frame (as {@link #keyFrameWidth}), or {@link #ABSENT}. */
  public static int keyFrameHeight(byte[] buf, int off, int len) {
    int at = keyFrameSizeOffset(buf, off, len);
    return at < 0 ? ABSENT : ((buf[at + 2] & 0xFF) | (buf[at + 3] & 0xFF) << 8) & 0x3FFF;
  }

  /** Offset in {@code buf} of a key frame's width field, or -1. */
  private static int keyFrameSizeOffset(byte[] buf, int off, int len) {
    if (!isKeyFrame(buf, off, len)) {
      return -1;
    }
    int at = off + length(buf, off, len);
    if (at + 10 > off + len || (buf[at + 3] & 0xFF) != 0x9D || (buf[at + 4] & 0xFF) != 0x01
        || (buf[at + 5] & 0xFF) != 0x2A) {
      return -1;
    }
    return at + 6;
  }
}
