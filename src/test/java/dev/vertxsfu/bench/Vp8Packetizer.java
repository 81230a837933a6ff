package dev.vertxsfu.bench;

/**
 * Splits a VP8 frame into RTP payloads (RFC 7741 §4): each payload starts with a 4-byte
 * payload descriptor
 *
 * <pre>
 *   byte 0: X=1 R=0 N=0 S PartID=0   (S set on the frame's first packet only)
 *   byte 1: I=1 L=0 T=0 K=0 RSV=0
 *   byte 2: M=1 PictureID[14:8]      (15-bit picture id, RFC 7741 §4.2)
 *   byte 3: PictureID[7:0]
 * </pre>
 *
 * followed by a slice of the frame. As libwebrtc does, the frame is cut into the fewest
 * fragments that fit {@code maxPayload} and the fragments are made equally long, so no runt
 * packet trails a frame. Partition boundaries are not marked (PartID 0, as libwebrtc).
 *
 * <p>Immutable; any thread; allocation-free.
 */
final class Vp8Packetizer {
  static final int DESCRIPTOR_LENGTH = 4;

  private final int maxPayload;

  /** @param maxPayload bytes of RTP payload per packet, descriptor included (at least 5) */
  Vp8Packetizer(int maxPayload) {
    if (maxPayload <= DESCRIPTOR_LENGTH) {
      throw new IllegalArgumentException("a VP8 payload needs more than 4 bytes, got " + maxPayload);
    }
    this.maxPayload = maxPayload;
  }

  /** How many packets a frame of {@code frameLength} bytes takes. */
  int fragmentCount(int frameLength) {
    int room = maxPayload - DESCRIPTOR_LENGTH;
    return Math.max(1, (frameLength + room - 1) / room);
  }

  /**
   * Writes payload {@code index} of {@code fragments} for {@code frame} at {@code dst[at]}.
   *
   * @return the payload length written
   */
  int writeFragment(byte[] frame, int index, int fragments, int pictureId, byte[] dst, int at) {
    int base = frame.length / fragments;
    int extra = frame.length % fragments; // the first 'extra' fragments carry one byte more
    int start = index * base + Math.min(index, extra);
    int length = base + (index < extra ? 1 : 0);
    writeDescriptor(dst, at, index == 0, pictureId);
    System.arraycopy(frame, start, dst, at + DESCRIPTOR_LENGTH, length);
    return DESCRIPTOR_LENGTH + length;
  }

  static void writeDescriptor(byte[] dst, int at, boolean startOfFrame, int pictureId) {
    dst[at] = (byte) (0x80 | (startOfFrame ? 0x10 : 0));
    dst[at + 1] = (byte) 0x80;
    dst[at + 2] = (byte) (0x80 | ((pictureId >>> 8) & 0x7F));
    dst[at + 3] = (byte) pictureId;
  }
}
