package dev.vertxsfu.bench;

/**
 * Writes the 12-byte fixed RTP header (RFC 3550 §5.1: V=2, no padding, no extension, no CSRC).
 * The load generator sends no header extensions, so nothing else is needed; stateless, any
 * thread, allocation-free.
 */
final class RtpHeaderWriter {
  static final int LENGTH = 12;

  private RtpHeaderWriter() {}

  static void write(byte[] buf, int at, boolean marker, int payloadType, int sequenceNumber,
      long timestamp, long ssrc) {
    buf[at] = (byte) 0x80;
    buf[at + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
    buf[at + 2] = (byte) (sequenceNumber >>> 8);
    buf[at + 3] = (byte) sequenceNumber;
    buf[at + 4] = (byte) (timestamp >>> 24);
    buf[at + 5] = (byte) (timestamp >>> 16);
    buf[at + 6] = (byte) (timestamp >>> 8);
    buf[at + 7] = (byte) timestamp;
    buf[at + 8] = (byte) (ssrc >>> 24);
    buf[at + 9] = (byte) (ssrc >>> 16);
    buf[at + 10] = (byte) (ssrc >>> 8);
    buf[at + 11] = (byte) ssrc;
  }
}
