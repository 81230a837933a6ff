package dev.vertxsfu.bench;

/**
 * The 16-byte trailer the load generator appends to every RTP payload it sends, so that a
 * subscriber can tell which published stream a packet belongs to, which packet of it it is,
 * and when it left, whatever SSRC and sequence number the SFU gave it on the way (both our SFU
 * and Janus rewrite those per subscriber but forward payload bytes unchanged):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         magic 0x5EB7          |          stream index         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          packet number of the stream (counts from 0)          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 send time, System.nanoTime()                  |
 * |                  (the harness's one clock)                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Publishers and subscribers run in one process, so the send time needs no clock sync.
 * Stateless and allocation-free; any thread. Reading a payload too short, or without the magic,
 * returns {@code false} from {@link #isPresent} (the receive path never throws).
 */
final class PacketTag {
  static final int LENGTH = 16;
  static final int MAGIC = 0x5EB7;

  private PacketTag() {}

  /** Writes the tag at {@code buf[at .. at+16)}. */
  static void write(byte[] buf, int at, int streamIndex, int packetNumber, long sendNanos) {
    buf[at] = (byte) (MAGIC >>> 8);
    buf[at + 1] = (byte) MAGIC;
    buf[at + 2] = (byte) (streamIndex >>> 8);
    buf[at + 3] = (byte) streamIndex;
    putInt(buf, at + 4, packetNumber);
    putInt(buf, at + 8, (int) (sendNanos >>> 32));
    putInt(buf, at + 12, (int) sendNanos);
  }

  /** Whether the RTP packet {@code buf[off .. off+len)} ends with a tag. */
  static boolean isPresent(byte[] buf, int off, int len) {
    int at = off + len - LENGTH;
    return len >= 12 + LENGTH && (buf[at] & 0xFF) == (MAGIC >>> 8) && (buf[at + 1] & 0xFF) == (MAGIC & 0xFF);
  }

  /** The stream index of a packet whose tag {@link #isPresent}. */
  static int streamIndex(byte[] buf, int off, int len) {
    int at = off + len - LENGTH;
    return ((buf[at + 2] & 0xFF) << 8) | (buf[at + 3] & 0xFF);
  }

  static int packetNumber(byte[] buf, int off, int len) {
    return getInt(buf, off + len - LENGTH + 4);
  }

  static long sendNanos(byte[] buf, int off, int len) {
    int at = off + len - LENGTH + 8;
    return ((long) getInt(buf, at) << 32) | (getInt(buf, at + 4) & 0xFFFF_FFFFL);
  }

  private static void putInt(byte[] buf, int at, int value) {
    buf[at] = (byte) (value >>> 24);
    buf[at + 1] = (byte) (value >>> 16);
    buf[at + 2] = (byte) (value >>> 8);
    buf[at + 3] = (byte) value;
  }

  private static int getInt(byte[] buf, int at) {
    return ((buf[at] & 0xFF) << 24) | ((buf[at + 1] & 0xFF) << 16) | ((buf[at + 2] & 0xFF) << 8)
        | (buf[at + 3] & 0xFF);
  }
}
