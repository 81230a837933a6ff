package dev.vertxsfu.media.router;

import java.nio.charset.StandardCharsets;

/**
 * VP8 packets of simulcast layers for router tests, built byte by byte: RFC 3550 header, a
 * one-byte extension block (RFC 8285) with mid and rtp-stream-id (or repaired-rtp-stream-id),
 * the VP8 payload descriptor with a 15-bit PictureID, TL0PICIDX and TID (RFC 7741 §4.2), and for
 * a key frame the frame tag, start code and size (RFC 6386 §9.1).
 */
final class SimulcastPackets {
  static final int MID_EXT = 4;
  static final int RID_EXT = 10;
  static final int REPAIRED_RID_EXT = 11;
  static final int VP8 = 96;
  static final int RTX = 97;
  /** The three layers of {@link #frame}: SSRCs, rids and sizes, smallest first. */
  static final long[] LAYER_SSRC = {1001, 1002, 1003};
  static final String[] LAYER_RID = {"q", "h", "f"};
  static final int[][] LAYER_SIZE = {{320, 180}, {640, 360}, {1280, 720}};

  /**
   * Frame {@code frame} of each of the three layers being sent ({@code sending}), one packet of
   * {@code payload} bytes each, as {@code publisher}'s; key frames when {@code key}.
   */
  static void frame(Router router, dev.vertxsfu.media.transport.MediaSender publisher,
      int frame, boolean key, boolean[] sending, int[] payload, long now) {
    for (int layer = 0; layer < 3; layer++) {
      if (sending[layer]) {
        Vp8 vp8 = key ? Vp8.key(frame & 0x7FFF, frame / 4, LAYER_SIZE[layer][0],
            LAYER_SIZE[layer][1]) : new Vp8(frame & 0x7FFF, frame / 4, 0, false, 0, 0);
        byte[] p = vp8(LAYER_SSRC[layer], (1000 * layer + frame) & 0xFFFF, frame * 3000L, "0",
            LAYER_RID[layer], vp8, payload[layer]);
        router.onRtp(publisher, p, 0, p.length, now);
      }
    }
  }

  private SimulcastPackets() {}

  /** What a packet carries beyond its RTP header. */
  record Vp8(int pictureId, int tl0PicIdx, int tid, boolean keyFrame, int width, int height) {
    static Vp8 delta(int pictureId, int tl0PicIdx, int tid) {
      return new Vp8(pictureId, tl0PicIdx, tid, false, 0, 0);
    }

    static Vp8 key(int pictureId, int tl0PicIdx, int width, int height) {
      return new Vp8(pictureId, tl0PicIdx, 0, true, width, height);
    }
  }

  /** A VP8 packet of the layer {@code rid} (null: no rid extension), 1,000 payload bytes. */
  static byte[] vp8(long ssrc, int seq, long timestamp, String mid, String rid, Vp8 vp8) {
    return vp8(ssrc, seq, timestamp, mid, rid, vp8, 1000);
  }

  static byte[] vp8(long ssrc, int seq, long timestamp, String mid, String rid, Vp8 vp8,
      int payloadBytes) {
    byte[] p = new byte[12 + extensionBlockLength(mid, rid) + payloadBytes];
    int at = header(p, VP8, ssrc, seq, timestamp, mid, rid, RID_EXT);
    p[at++] = (byte) 0x90; // X, S, partition 0
    p[at++] = (byte) 0xE0; // I, L, T
    p[at++] = (byte) (0x80 | ((vp8.pictureId() >> 8) & 0x7F));
    p[at++] = (byte) vp8.pictureId();
    p[at++] = (byte) vp8.tl0PicIdx();
    p[at++] = (byte) (vp8.tid() << 6);
    if (vp8.keyFrame()) {
      p[at] = 0x10; // frame tag: P clear (key frame), show frame
      p[at + 3] = (byte) 0x9D;
      p[at + 4] = 0x01;
      p[at + 5] = 0x2A;
      p[at + 6] = (byte) vp8.width();
      p[at + 7] = (byte) (vp8.width() >> 8);
      p[at + 8] = (byte) vp8.height();
      p[at + 9] = (byte) (vp8.height() >> 8);
    } else {
      p[at] = 0x11; // P set: an interframe
    }
    return p;
  }

  /** An RTX packet (RFC 4588) repairing {@code osn} of the layer {@code rid}. */
  static byte[] rtx(long ssrc, int seq, long timestamp, String mid, String rid, int osn) {
    byte[] p = new byte[12 + extensionBlockLength(mid, rid) + 2 + 100];
    int at = header(p, RTX, ssrc, seq, timestamp, mid, rid, REPAIRED_RID_EXT);
    p[at++] = (byte) (osn >> 8);
    p[at++] = (byte) osn;
    p[at++] = (byte) 0x90;
    p[at] = (byte) 0x80;
    return p;
  }

  private static int extensionBlockLength(String mid, String rid) {
    int elements = 1 + mid.length() + (rid == null ? 0 : 1 + rid.length());
    return 4 + (elements + 3) / 4 * 4;
  }

  private static int header(byte[] p, int payloadType, long ssrc, int seq, long timestamp,
      String mid, String rid, int ridExtension) {
    p[0] = (byte) 0x90;
    p[1] = (byte) payloadType;
    p[2] = (byte) (seq >> 8);
    p[3] = (byte) seq;
    Packets.put32(p, 4, timestamp);
    Packets.put32(p, 8, ssrc);
    int block = extensionBlockLength(mid, rid) - 4;
    p[12] = (byte) 0xBE;
    p[13] = (byte) 0xDE;
    p[15] = (byte) (block / 4);
    int at = 16;
    at = element(p, at, MID_EXT, mid);
    if (rid != null) {
      element(p, at, ridExtension, rid);
    }
    return 16 + block;
  }

  private static int element(byte[] p, int at, int id, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    p[at++] = (byte) ((id << 4) | (bytes.length - 1));
    System.arraycopy(bytes, 0, p, at, bytes.length);
    return at + bytes.length;
  }
}
