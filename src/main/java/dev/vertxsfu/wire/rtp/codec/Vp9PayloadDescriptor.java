package dev.vertxsfu.wire.rtp.codec;

/**
 * The first byte of the VP9 payload descriptor (RTP Payload Format for VP9,
 * draft-ietf-payload-vp9-16 §4.2), and the layer byte when present, as far as a forwarder
 * needs them to find key frames.
 *
 * <pre>
 *        0 1 2 3 4 5 6 7
 *       +-+-+-+-+-+-+-+-+
 *       |I|P|L|F|B|E|V|Z| (REQUIRED)
 *       +-+-+-+-+-+-+-+-+
 *  I:   |M| PICTURE ID  | (REQUIRED)
 *       +-+-+-+-+-+-+-+-+
 *  M:   | EXTENDED PID  | (RECOMMENDED)
 *       +-+-+-+-+-+-+-+-+
 *  L:   |  TID  |U| SID |D| (CONDITIONALLY RECOMMENDED)
 *       +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>P (inter-picture predicted) clear and B (start of a frame) set in spatial layer 0 mark
 * the start of a key frame. Stateless; a payload too short to say is not a key frame.
 */
public final class Vp9PayloadDescriptor {
  private Vp9PayloadDescriptor() {}

  public static boolean isKeyFrame(byte[] buf, int off, int len) {
    if (len < 1) {
      return false;
    }
    int first = buf[off];
    boolean predicted = (first & 0x40) != 0;
    boolean beginning = (first & 0x08) != 0;
    if (predicted || !beginning) {
      return false;
    }
    if ((first & 0x20) == 0) { // no L: a single spatial layer
      return true;
    }
    int at = 1;
    if ((first & 0x80) != 0) { // I
      if (len <= at) {
        return false;
      }
      at += (buf[off + at] & 0x80) != 0 ? 2 : 1;
    }
    return at < len && (buf[off + at] & 0x0E) == 0; // SID == 0
  }
}
