package dev.vertxsfu.media.rtp;

import dev.vertxsfu.wire.rtp.codec.Vp8PayloadDescriptor;

/**
 * The VP8 PictureID and TL0PICIDX (RFC 7741 §4.2) a consumer sends when the layer it forwards
 * changes: a decoder that sees a PictureID jump, or a TL0PICIDX go back, thinks frames were
 * lost and may freeze until the next key frame. Each switch continues both numbers right after
 * the last ones sent; within a layer they move as the publisher's do.
 *
 * <p>Owned by a consumer on the room's loop, called per forwarded VP8 packet after the RTP
 * header was rewritten; changes the descriptor in place and allocates nothing.
 */
public final class Vp8Munger {
  private static final int PICTURE_ID_MASK = 0x7FFF;

  private boolean started;
  private boolean switchPending;
  private int pictureIdOffset;
  private int tl0PicIdxOffset;
  private int lastPictureId;
  private int lastTl0PicIdx;

  /** The next packet starts a new layer (on its key frame): continue the numbers after it. */
  public void switchLayer() {
    switchPending = true;
  }

  /** Rewrites the descriptor at {@code payloadOffset} of a packet about to be sent. */
  public void rewrite(byte[] buf, int payloadOffset, int payloadLength) {
    int pictureId = Vp8PayloadDescriptor.pictureId(buf, payloadOffset, payloadLength);
    int tl0PicIdx = Vp8PayloadDescriptor.tl0PicIdx(buf, payloadOffset, payloadLength);
    boolean first = !started;
    if (switchPending || first) {
      if (pictureId != Vp8PayloadDescriptor.ABSENT) {
        pictureIdOffset = first ? 0 : (lastPictureId + 1 - pictureId) & PICTURE_ID_MASK;
        lastPictureId = (pictureId + pictureIdOffset) & PICTURE_ID_MASK;
      }
      if (tl0PicIdx != Vp8PayloadDescriptor.ABSENT) {
        tl0PicIdxOffset = first ? 0 : (lastTl0PicIdx + 1 - tl0PicIdx) & 0xFF;
        lastTl0PicIdx = (tl0PicIdx + tl0PicIdxOffset) & 0xFF;
      }
      started = true;
      switchPending = false;
    }
    if (pictureId != Vp8PayloadDescriptor.ABSENT) {
      int out = (pictureId + pictureIdOffset) & PICTURE_ID_MASK;
      Vp8PayloadDescriptor.setPictureId(buf, payloadOffset, payloadLength, out);
      lastPictureId = newer15(out, lastPictureId) ? out : lastPictureId;
    }
    if (tl0PicIdx != Vp8PayloadDescriptor.ABSENT) {
      int out = (tl0PicIdx + tl0PicIdxOffset) & 0xFF;
      Vp8PayloadDescriptor.setTl0PicIdx(buf, payloadOffset, payloadLength, out);
      lastTl0PicIdx = ((out - lastTl0PicIdx) & 0xFF) < 0x80 ? out : lastTl0PicIdx;
    }
  }

  private static boolean newer15(int a, int b) {
    int diff = (a - b) & PICTURE_ID_MASK;
    return diff < 0x4000;
  }
}
