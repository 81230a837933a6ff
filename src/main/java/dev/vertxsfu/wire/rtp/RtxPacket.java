package dev.vertxsfu.wire.rtp;

import static dev.vertxsfu.wire.rtp.NetworkBytes.put16;
import static dev.vertxsfu.wire.rtp.NetworkBytes.put32;
import static dev.vertxsfu.wire.rtp.NetworkBytes.u16;

/**
 * The RTP retransmission payload format of RFC 4588 §4: an original packet resent on the RTX
 * stream, with the RTX stream's SSRC, payload type and sequence number, and the original
 * sequence number (OSN) in front of the original payload.
 *
 * <pre>
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                         RTP Header                            |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |            OSN                |                               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
 *    |                  Original RTP Packet Payload                  |
 *    |                                                               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The RTX header keeps the original's marker, timestamp, CSRCs and header extension (§4). The
 * original's padding is not part of its payload, so neither direction carries padding over: P is
 * clear in what these methods write.
 *
 * <p>Callers: the media layer's consumer, which resends a stored packet as RTX
 * ({@link #wrap}), and its producer, which restores the original from a received RTX packet
 * ({@link #unwrap}, {@link #unwrapInPlace}). Chromium also sends padding-only packets on the RTX
 * SSRC for bandwidth probing: their payload is empty (check {@link RtpPacket#payloadLength()}
 * first), and unwrapping one is an {@link RtpFormatException}.
 */
public final class RtxPacket {
  /** RFC 4588 §4: the original sequence number in front of the payload. */
  public static final int OSN_LENGTH = 2;

  private RtxPacket() {}

  /** The length {@link #wrap} writes for {@code original}. */
  public static int wrappedLength(RtpPacket original) {
    return original.headerLength() + OSN_LENGTH + original.payloadLength();
  }

  /**
   * Writes the RTX packet for {@code original} at {@code destination[offset]} and returns its
   * length; the destination must have room ({@link #wrappedLength}) and not overlap the original.
   */
  public static int wrap(RtpPacket original, long rtxSsrc, int rtxPayloadType,
      int rtxSequenceNumber, byte[] destination, int offset) {
    checkPayloadType(rtxPayloadType);
    int header = original.headerLength();
    int payload = original.payloadLength();
    int length = header + OSN_LENGTH + payload;
    checkRoom(original, destination, offset, length);
    byte[] src = original.buffer();
    System.arraycopy(src, original.offset(), destination, offset, header);
    rewriteHeader(destination, offset, rtxPayloadType, rtxSequenceNumber, rtxSsrc);
    put16(destination, offset + header, original.sequenceNumber());
    System.arraycopy(src, original.payloadOffset(), destination, offset + header + OSN_LENGTH,
        payload);
    return length;
  }

  /** The original sequence number of an RTX packet. */
  public static int originalSequenceNumber(RtpPacket rtx) {
    checkOsn(rtx);
    return u16(rtx.buffer(), rtx.payloadOffset());
  }

  /** The length {@link #unwrap} writes for {@code rtx}. */
  public static int unwrappedLength(RtpPacket rtx) {
    checkOsn(rtx);
    return rtx.headerLength() + rtx.payloadLength() - OSN_LENGTH;
  }

  /**
   * Writes the original packet carried by {@code rtx} at {@code destination[offset]}, with the
   * original stream's SSRC and payload type, and returns its length; the destination must have
   * room ({@link #unwrappedLength}) and not overlap the RTX packet.
   */
  public static int unwrap(RtpPacket rtx, long originalSsrc, int originalPayloadType,
      byte[] destination, int offset) {
    checkPayloadType(originalPayloadType);
    int length = unwrappedLength(rtx);
    checkRoom(rtx, destination, offset, length);
    int header = rtx.headerLength();
    byte[] src = rtx.buffer();
    int osn = u16(src, rtx.payloadOffset());
    System.arraycopy(src, rtx.offset(), destination, offset, header);
    rewriteHeader(destination, offset, originalPayloadType, osn, originalSsrc);
    System.arraycopy(src, rtx.payloadOffset() + OSN_LENGTH, destination, offset + header,
        length - header);
    return length;
  }

  /**
   * Turns {@code rtx} into the original packet where it lies, without a second buffer: the
   * header moves forward over the OSN, and the view is re-pointed at the original, which starts
   * {@value #OSN_LENGTH} bytes later than the RTX packet did.
   */
  public static void unwrapInPlace(RtpPacket rtx, long originalSsrc, int originalPayloadType) {
    checkPayloadType(originalPayloadType);
    int length = unwrappedLength(rtx);
    byte[] b = rtx.buffer();
    int from = rtx.offset();
    int osn = u16(b, rtx.payloadOffset());
    System.arraycopy(b, from, b, from + OSN_LENGTH, rtx.headerLength());
    rewriteHeader(b, from + OSN_LENGTH, originalPayloadType, osn, originalSsrc);
    rtx.wrap(b, from + OSN_LENGTH, length);
  }

  /** Sets PT (keeping M), sequence number and SSRC, and clears P. */
  private static void rewriteHeader(byte[] b, int at, int payloadType, int sequenceNumber,
      long ssrc) {
    b[at] = (byte) (b[at] & ~0x20);
    b[at + 1] = (byte) ((b[at + 1] & 0x80) | payloadType);
    put16(b, at + 2, sequenceNumber);
    put32(b, at + 8, ssrc);
  }

  private static void checkOsn(RtpPacket rtx) {
    if (rtx.payloadLength() < OSN_LENGTH) {
      throw new RtpFormatException("RTX payload of " + rtx.payloadLength() + " bytes at byte "
          + rtx.headerLength() + " has no room for the 2-byte original sequence number");
    }
  }

  private static void checkPayloadType(int payloadType) {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type " + payloadType + " is outside 0-127");
    }
  }

  private static void checkRoom(RtpPacket source, byte[] destination, int offset, int length) {
    if (offset < 0 || offset > destination.length - length) {
      throw new IllegalArgumentException("the packet needs " + length + " bytes at offset "
          + offset + " of a " + destination.length + "-byte buffer");
    }
    if (source.buffer() == destination && source.offset() < offset + length
        && offset < source.offset() + source.length()) {
      throw new IllegalArgumentException("destination overlaps the source packet");
    }
  }
}
