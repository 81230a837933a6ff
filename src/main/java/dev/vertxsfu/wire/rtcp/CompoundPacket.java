package dev.vertxsfu.wire.rtcp;

import java.util.ArrayList;
import java.util.List;

/**
 * Whole compound packets (RFC 3550 §6.1): several RTCP packets stacked in one datagram, each
 * delimited by its own length field, or a single packet (RFC 5506 reduced-size RTCP).
 *
 * <pre>
 * [--------- packet --------][---------- packet ----------][-packet-]
 * R[SR #sendinfo #site1#site2][SDES #CNAME PHONE #CNAME LOC][BYE##why]
 * </pre>
 *
 * <p>The media layer parses what arrived after SRTCP decryption and builds what it sends: it is
 * the caller's job to put an SR or RR first and an SDES with CNAME in regular compounds; this
 * class concatenates what it is given. For forwarding without allocating, use {@link
 * CompoundPacketReader}.
 */
public final class CompoundPacket {
  private CompoundPacket() {}

  /**
   * Parses every packet of the compound packet in {@code [off, off + len)}.
   *
   * @throws RtcpFormatException if it holds no packet or any packet is malformed
   */
  public static List<RtcpPacket> parse(byte[] buf, int off, int len) {
    CompoundPacketReader reader = new CompoundPacketReader().wrap(buf, off, len);
    List<RtcpPacket> packets = new ArrayList<>(4);
    while (reader.next()) {
      packets.add(reader.parse());
    }
    if (packets.isEmpty()) {
      throw RtcpFormatException.of("empty compound packet at offset %d", off);
    }
    return packets;
  }

  /**
   * Checks the common headers of the compound packet in {@code [off, off + len)} without
   * allocating.
   *
   * @return the number of packets, at least one
   * @throws RtcpFormatException if it holds no packet or a header does not fit
   */
  public static int validate(byte[] buf, int off, int len) {
    CompoundPacketReader reader = new CompoundPacketReader().wrap(buf, off, len);
    int packets = 0;
    while (reader.next()) {
      packets++;
    }
    if (packets == 0) {
      throw RtcpFormatException.of("empty compound packet at offset %d", off);
    }
    return packets;
  }

  /** Bytes {@link #write} produces for {@code packets}. */
  public static int serializedLength(List<? extends RtcpPacket> packets) {
    int length = 0;
    for (RtcpPacket packet : packets) {
      length += packet.serializedLength();
    }
    return length;
  }

  /**
   * Writes {@code packets} one after another at {@code off}.
   *
   * @return the number of bytes written
   * @throws IndexOutOfBoundsException if {@code buf} has no room for them
   */
  public static int write(List<? extends RtcpPacket> packets, byte[] buf, int off) {
    RtcpHeader.checkRoom(buf, off, serializedLength(packets));
    int at = off;
    for (RtcpPacket packet : packets) {
      at += packet.write(buf, at);
    }
    return at - off;
  }

  /** {@code packets} as one compound packet in a new array. */
  public static byte[] serialize(List<? extends RtcpPacket> packets) {
    if (packets.isEmpty()) {
      throw new IllegalArgumentException("a compound packet holds at least one packet");
    }
    byte[] bytes = new byte[serializedLength(packets)];
    write(packets, bytes, 0);
    return bytes;
  }
}
