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
 * short to say is reported as not a key frame (never an exception on this path).
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
}
