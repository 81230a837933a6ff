package dev.vertxsfu.wire.rtcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What SR and RR share (RFC 3550 §6.4): RC report blocks after a fixed part, then optional
 * profile-specific extensions up to the end of the packet.
 */
final class ReportPackets {
  private ReportPackets() {}

  /**
   * Checks an SR or RR at {@code [off, off + len)} whose report blocks start at {@code off +
   * fixed}; returns the end of its content (without padding).
   */
  static int check(byte[] buf, int off, int len, int packetType, int fixed, String name) {
    int end = RtcpHeader.checkPacket(buf, off, len, packetType, name);
    int blocks = RtcpHeader.count(buf, off);
    int room = end - off - fixed;
    if (room < 0) {
      throw RtcpFormatException.of("%s at offset %d: %d bytes of content, shorter than its "
          + "%d-byte fixed part", name, off, end - off, fixed);
    }
    if (blocks * ReportBlock.LENGTH > room) {
      throw RtcpFormatException.of("%s at offset %d: RC=%d report blocks but room for %d",
          name, off, blocks, room / ReportBlock.LENGTH);
    }
    if ((room - blocks * ReportBlock.LENGTH) % 4 != 0) {
      throw RtcpFormatException.of("%s at offset %d: %d bytes of profile-specific extensions, "
          + "not whole 32-bit words", name, off, room - blocks * ReportBlock.LENGTH);
    }
    return end;
  }

  static List<ReportBlock> readBlocks(byte[] buf, int at, int count) {
    List<ReportBlock> blocks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      blocks.add(ReportBlock.read(buf, at + i * ReportBlock.LENGTH));
    }
    return List.copyOf(blocks);
  }

  static int blockOffset(byte[] buf, int off, int len, int index, int packetType, int fixed,
      String name) {
    check(buf, off, len, packetType, fixed, name);
    int blocks = RtcpHeader.count(buf, off);
    if (index < 0 || index >= blocks) {
      throw RtcpFormatException.of("%s at offset %d: no report block %d, RC=%d",
          name, off, index, blocks);
    }
    return off + fixed + index * ReportBlock.LENGTH;
  }

  static List<ReportBlock> checkBlocks(List<ReportBlock> blocks) {
    List<ReportBlock> copy = List.copyOf(blocks);
    if (copy.size() > RtcpHeader.MAX_COUNT) {
      throw new IllegalArgumentException(
          copy.size() + " report blocks, more than RC can count (31)");
    }
    return copy;
  }

  static byte[] checkExtensions(byte[] extensions) {
    if (extensions.length % 4 != 0) {
      throw new IllegalArgumentException("profile-specific extensions of " + extensions.length
          + " bytes, not whole 32-bit words");
    }
    return extensions.clone();
  }

  static int writeBlocks(List<ReportBlock> blocks, byte[] extensions, byte[] buf, int at) {
    for (ReportBlock block : blocks) {
      block.write(buf, at);
      at += ReportBlock.LENGTH;
    }
    System.arraycopy(extensions, 0, buf, at, extensions.length);
    return at + extensions.length;
  }

  static byte[] copy(byte[] buf, int from, int to) {
    return Arrays.copyOfRange(buf, from, to);
  }
}
