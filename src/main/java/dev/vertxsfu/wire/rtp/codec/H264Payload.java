package dev.vertxsfu.wire.rtp.codec;

/**
 * H.264 RTP payloads (RFC 6184 §5.3-5.8) as far as a forwarder needs them: the NAL unit types
 * a packet carries, whole (single NAL unit), aggregated (STAP-A) or fragmented (FU-A).
 *
 * <pre>
 *   NAL unit header          STAP-A                        FU-A
 *   +---------------+        +---------------+ NALU 1 size   +---------------+---------------+
 *   |F|NRI|  Type   |        |F|NRI| Type=24 | (16 bits) ... |F|NRI| Type=28 |S|E|R|  Type   |
 *   +---------------+        +---------------+               +---------------+---------------+
 * </pre>
 *
 * <p>A packet starts a key frame if it carries an SPS (7) or the first fragment of an IDR
 * slice (5): encoders put SPS and PPS in front of every IDR. Stateless; malformed payloads are
 * not key frames.
 */
public final class H264Payload {
  static final int IDR = 5;
  static final int SPS = 7;
  static final int STAP_A = 24;
  static final int FU_A = 28;

  private H264Payload() {}

  public static boolean isKeyFrame(byte[] buf, int off, int len) {
    if (len < 1) {
      return false;
    }
    int type = buf[off] & 0x1F;
    switch (type) {
      case STAP_A: {
        int at = off + 1;
        int end = off + len;
        while (at + 2 < end) {
          int size = ((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF);
          if (size == 0 || at + 2 + size > end) {
            return false;
          }
          if (startsKeyFrame(buf[at + 2] & 0x1F)) {
            return true;
          }
          at += 2 + size;
        }
        return false;
      }
      case FU_A:
        return len >= 2 && (buf[off + 1] & 0x80) != 0 && startsKeyFrame(buf[off + 1] & 0x1F);
      default:
        return startsKeyFrame(type);
    }
  }

  private static boolean startsKeyFrame(int nalType) {
    return nalType == IDR || nalType == SPS;
  }
}
