package dev.vertxsfu.wire.rtcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SDES: Source Description RTCP packet (RFC 3550 §6.5).
 *
 * <pre>
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    SC   |  PT=SDES=202  |             length            |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * chunk  |                          SSRC/CSRC_1                          |
 *   1    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                           SDES items                          |
 *        |                              ...                              |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * chunk  |                          SSRC/CSRC_2                          |
 *   2    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                           SDES items                          |
 *        |                              ...                              |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 *
 * <p>The media layer reads CNAMEs from publishers, sends its own CNAME in every compound, and
 * rewrites {@link #setChunkSsrc chunk SSRCs} in place when it forwards an SDES.
 *
 * @param chunks up to 31 chunks
 */
public record SourceDescription(List<SdesChunk> chunks) implements RtcpPacket {

  public SourceDescription {
    chunks = List.copyOf(chunks);
    if (chunks.size() > RtcpHeader.MAX_COUNT) {
      throw new IllegalArgumentException(
          chunks.size() + " SDES chunks, more than SC can count (31)");
    }
  }

  /** An SDES with one chunk holding one CNAME. */
  public static SourceDescription cname(long ssrc, String cname) {
    return new SourceDescription(List.of(SdesChunk.cname(ssrc, cname)));
  }

  /**
   * Parses the SDES at exactly {@code [off, off + len)}.
   *
   * @throws RtcpFormatException if it is not a well-formed SDES
   */
  public static SourceDescription parse(byte[] buf, int off, int len) {
    int end = RtcpHeader.checkPacket(buf, off, len, RtcpHeader.SDES, "SDES");
    int count = RtcpHeader.count(buf, off);
    List<SdesChunk> chunks = new ArrayList<>(count);
    int pos = off + 4;
    for (int c = 0; c < count; c++) {
      long ssrc = chunkSsrcAt(buf, pos, end, c);
      List<SdesItem> items = new ArrayList<>(2);
      int at = pos + 4;
      while (true) {
        int type = itemType(buf, at, end, c);
        if (type == SdesItem.END) {
          break;
        }
        int length = itemLength(buf, at, end);
        items.add(new SdesItem(type, Arrays.copyOfRange(buf, at + 2, at + 2 + length)));
        at += 2 + length;
      }
      chunks.add(new SdesChunk(ssrc, items));
      pos = chunkEnd(off, at, end, c);
    }
    checkNothingAfter(pos, end, off, count);
    return new SourceDescription(chunks);
  }

  /**
   * Rewrites the SSRC/CSRC of chunk {@code index} of the SDES at {@code [off, off + len)} in
   * place, walking (and checking) the chunks before it.
   *
   * @throws RtcpFormatException if the SDES is malformed up to that chunk or has no such chunk
   */
  public static void setChunkSsrc(byte[] buf, int off, int len, int index, long ssrc) {
    Bytes.checkU32(ssrc, "SSRC");
    Bytes.put32(buf, chunkOffset(buf, off, len, index), ssrc);
  }

  /** The SSRC/CSRC of chunk {@code index} of the SDES at {@code [off, off + len)}. */
  public static long chunkSsrc(byte[] buf, int off, int len, int index) {
    return Bytes.u32(buf, chunkOffset(buf, off, len, index));
  }

  private static int chunkOffset(byte[] buf, int off, int len, int index) {
    int end = RtcpHeader.checkPacket(buf, off, len, RtcpHeader.SDES, "SDES");
    int count = RtcpHeader.count(buf, off);
    if (index < 0 || index >= count) {
      throw RtcpFormatException.of("SDES at offset %d: no chunk %d, SC=%d", off, index, count);
    }
    int pos = off + 4;
    for (int c = 0; c < index; c++) {
      chunkSsrcAt(buf, pos, end, c);
      int at = pos + 4;
      while (itemType(buf, at, end, c) != SdesItem.END) {
        at += 2 + itemLength(buf, at, end);
      }
      pos = chunkEnd(off, at, end, c);
    }
    chunkSsrcAt(buf, pos, end, index);
    return pos;
  }

  private static long chunkSsrcAt(byte[] buf, int pos, int end, int chunk) {
    if (end - pos < 4) {
      throw RtcpFormatException.of("SDES chunk %d at offset %d: no room for its SSRC", chunk, pos);
    }
    return Bytes.u32(buf, pos);
  }

  private static int itemType(byte[] buf, int at, int end, int chunk) {
    if (at >= end) {
      throw RtcpFormatException.of(
          "SDES chunk %d: items run to the end at offset %d without an END octet", chunk, at);
    }
    return Bytes.u8(buf, at);
  }

  private static int itemLength(byte[] buf, int at, int end) {
    if (end - at < 2) {
      throw RtcpFormatException.of("SDES item at offset %d: no room for its length", at);
    }
    int length = Bytes.u8(buf, at + 1);
    if (length > end - at - 2) {
      throw RtcpFormatException.of("SDES item at offset %d: %d bytes of text, past the chunk "
          + "(%d left)", at, length, end - at - 2);
    }
    return length;
  }

  /** The end of a chunk whose END octet is at {@code at}: past the nulls to 32 bits. */
  private static int chunkEnd(int off, int at, int end, int chunk) {
    int next = off + ((at + 1 - off + 3) & ~3);
    if (next > end) {
      throw RtcpFormatException.of(
          "SDES chunk %d: padding after its END octet at offset %d runs past the end", chunk, at);
    }
    return next;
  }

  private static void checkNothingAfter(int pos, int end, int off, int count) {
    if (pos != end) {
      throw RtcpFormatException.of("SDES at offset %d: %d bytes after its %d chunks",
          off, end - pos, count);
    }
  }

  @Override
  public int packetType() {
    return RtcpHeader.SDES;
  }

  @Override
  public int count() {
    return chunks.size();
  }

  @Override
  public int serializedLength() {
    int length = RtcpHeader.HEADER_LENGTH;
    for (SdesChunk chunk : chunks) {
      length += chunk.serializedLength();
    }
    return length;
  }

  @Override
  public int write(byte[] buf, int off) {
    int length = serializedLength();
    RtcpHeader.checkRoom(buf, off, length);
    RtcpHeader.write(buf, off, chunks.size(), RtcpHeader.SDES, length);
    int at = off + RtcpHeader.HEADER_LENGTH;
    for (SdesChunk chunk : chunks) {
      at = chunk.write(buf, at);
    }
    return length;
  }
}
