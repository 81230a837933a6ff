package dev.vertxsfu.wire.rtcp;

/**
 * Walks the packets of an RTCP compound packet (RFC 3550 §6.1) without allocating: a flyweight
 * the caller re-points at each datagram with {@link #wrap} and advances with {@link #next}.
 *
 * <pre>
 * if encrypted: random 32-bit integer
 * |
 * |[--------- packet --------][---------- packet ----------][-packet-]
 * |
 * |                receiver            chunk        chunk
 * V                reports           item  item   item  item
 * --------------------------------------------------------------------
 * R[SR #sendinfo #site1#site2][SDES #CNAME PHONE #CNAME LOC][BYE##why]
 * --------------------------------------------------------------------
 * |                                                                  |
 * |&lt;-----------------------  compound packet -----------------------&gt;|
 * |&lt;--------------------------  UDP packet -------------------------&gt;|
 * </pre>
 *
 * <p>Each {@link #next} checks one common header (version 2, the length inside what is left, a
 * sane padding count) and exposes where the packet lies; what the packet holds is checked by the
 * packet's own class when the caller parses it or uses one of its in-place setters. The order
 * rules of §6.1 (SR or RR first, SDES with CNAME) are not enforced, so RFC 5506 reduced-size
 * packets (a lone feedback message) read the same way.
 *
 * <p>Owned and reused by one caller on one event loop (the media layer's RTCP handler); it holds
 * the buffer only until the next {@link #wrap}.
 */
public final class CompoundPacketReader {
  private byte[] buf;
  private int end;
  private int next;
  private int offset;
  private int length;

  /**
   * Points the reader at the compound packet in {@code [off, off + len)}, before its first packet.
   *
   * @throws RtcpFormatException if the range lies outside {@code buf}
   */
  public CompoundPacketReader wrap(byte[] buf, int off, int len) {
    RtcpHeader.checkBounds(buf, off, len);
    this.buf = buf;
    this.end = off + len;
    this.next = off;
    this.offset = off;
    this.length = 0;
    return this;
  }

  /**
   * Moves to the next packet.
   *
   * @return false once every byte has been consumed
   * @throws RtcpFormatException if what follows is not a whole RTCP packet; the reader then stays
   *     on the previous packet
   */
  public boolean next() {
    int at = next;
    int remaining = end - at;
    if (remaining == 0) {
      return false;
    }
    if (remaining < RtcpHeader.HEADER_LENGTH) {
      throw RtcpFormatException.of("%d stray bytes at offset %d, shorter than an RTCP header",
          remaining, at);
    }
    int version = Bytes.u8(buf, at) >>> 6;
    if (version != RtcpHeader.VERSION) {
      throw RtcpFormatException.of("RTCP packet at offset %d: version %d, expected 2", at, version);
    }
    int packetLength = (Bytes.u16(buf, at + 2) + 1) * 4;
    if (packetLength > remaining) {
      throw RtcpFormatException.of(
          "RTCP packet at offset %d: length field says %d bytes but only %d remain",
          at, packetLength, remaining);
    }
    RtcpHeader.paddingLength(buf, at, packetLength);
    offset = at;
    length = packetLength;
    next = at + packetLength;
    return true;
  }

  /** The buffer the reader is wrapped around. */
  public byte[] buffer() {
    return buf;
  }

  /** Offset of the current packet's first byte in {@link #buffer()}. */
  public int offset() {
    return offset;
  }

  /** Length of the current packet in bytes, header and padding included. */
  public int length() {
    return length;
  }

  /** PT of the current packet, for example {@link RtcpHeader#SR}. */
  public int packetType() {
    return Bytes.u8(buf, offset + 1);
  }

  /** The 5-bit RC / SC / subtype / FMT field of the current packet. */
  public int count() {
    return RtcpHeader.count(buf, offset);
  }

  /** Alias of {@link #count()} for feedback messages (RFC 4585 §6.1). */
  public int format() {
    return count();
  }

  /** Whether the current packet has the padding bit set. */
  public boolean padding() {
    return (buf[offset] & 0x20) != 0;
  }

  /** Parses the current packet into a value (this allocates). */
  public RtcpPacket parse() {
    return RtcpPacket.parse(buf, offset, length);
  }
}
