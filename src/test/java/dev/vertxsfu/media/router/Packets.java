package dev.vertxsfu.media.router;

import java.nio.charset.StandardCharsets;

/** RTP packets for router tests, built byte by byte (RFC 3550 §5.1, RFC 8285 §4.2). */
final class Packets {
  static final int MID_EXT = 4;
  static final int ABS_SEND_TIME_EXT = 2;

  private Packets() {}

  /**
   * A VP8 packet with a one-byte extension block holding mid and abs-send-time; a key frame
   * start when {@code keyFrame} (RFC 7741: S bit, partition 0, frame tag P clear).
   */
  static byte[] vp8(long ssrc, int payloadType, int seq, long timestamp, String mid,
      boolean keyFrame, int payloadBytes) {
    byte[] midBytes = mid.getBytes(StandardCharsets.US_ASCII);
    int elements = 1 + midBytes.length + 1 + 3;
    int block = (elements + 3) / 4 * 4;
    byte[] p = new byte[12 + 4 + block + payloadBytes];
    int at = headerWithMid(p, ssrc, payloadType, seq, timestamp, midBytes, block);
    p[at++] = (byte) ((ABS_SEND_TIME_EXT << 4) | 2);
    p[at++] = 1;
    p[at++] = 2;
    p[at++] = 3;
    int payload = 16 + block;
    p[payload] = 0x10; // VP8 descriptor: S=1, PID=0
    if (payloadBytes > 1) {
      p[payload + 1] = (byte) (keyFrame ? 0x50 : 0x51); // frame tag: P bit
    }
    return p;
  }

  /** An Opus packet with mid and the RFC 6464 audio level ({@code value}: V bit and -dBov). */
  static byte[] opus(long ssrc, int payloadType, int seq, String mid, int audioLevelExt,
      int value) {
    byte[] midBytes = mid.getBytes(StandardCharsets.US_ASCII);
    int elements = 1 + midBytes.length + 2;
    int block = (elements + 3) / 4 * 4;
    byte[] p = new byte[12 + 4 + block + 20];
    int at = headerWithMid(p, ssrc, payloadType, seq, seq * 960L, midBytes, block);
    p[at++] = (byte) (audioLevelExt << 4);
    p[at] = (byte) value;
    return p;
  }

  /**
   * The fixed header (V=2, X=1), a one-byte extension block of {@code block} bytes and its
   * first element, the mid; returns where the next element goes.
   */
  private static int headerWithMid(byte[] p, long ssrc, int payloadType, int seq,
      long timestamp, byte[] mid, int block) {
    p[0] = (byte) 0x90;
    p[1] = (byte) payloadType;
    p[2] = (byte) (seq >> 8);
    p[3] = (byte) seq;
    put32(p, 4, timestamp);
    put32(p, 8, ssrc);
    p[12] = (byte) 0xBE;
    p[13] = (byte) 0xDE;
    p[15] = (byte) (block / 4);
    int at = 16;
    p[at++] = (byte) ((MID_EXT << 4) | (mid.length - 1));
    System.arraycopy(mid, 0, p, at, mid.length);
    return at + mid.length;
  }

  static void put32(byte[] b, int at, long v) {
    b[at] = (byte) (v >> 24);
    b[at + 1] = (byte) (v >> 16);
    b[at + 2] = (byte) (v >> 8);
    b[at + 3] = (byte) v;
  }
}
