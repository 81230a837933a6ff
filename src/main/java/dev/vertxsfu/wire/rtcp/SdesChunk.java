package dev.vertxsfu.wire.rtcp;

import java.util.List;

/**
 * One chunk of an SDES packet (RFC 3550 §6.5): an SSRC or CSRC followed by its items, ended by at
 * least one null octet and padded with nulls to the next 32-bit boundary.
 *
 * <pre>
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * chunk  |                          SSRC/CSRC_1                          |
 *   1    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                           SDES items                          |
 *        |                              ...                              |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 *
 * @param ssrc the SSRC/CSRC the items describe (unsigned 32 bits)
 * @param items the items, in wire order
 */
public record SdesChunk(long ssrc, List<SdesItem> items) {

  public SdesChunk {
    Bytes.checkU32(ssrc, "SSRC/CSRC");
    items = List.copyOf(items);
  }

  /** A chunk with a single CNAME item, what browsers send. */
  public static SdesChunk cname(long ssrc, String cname) {
    return new SdesChunk(ssrc, List.of(SdesItem.cname(cname)));
  }

  /** The text of the first CNAME item, or null if there is none. */
  public String cname() {
    for (SdesItem item : items) {
      if (item.type() == SdesItem.CNAME) {
        return item.text();
      }
    }
    return null;
  }

  /** Octets on the wire: SSRC, items, the END octet and the padding to 32 bits. */
  int serializedLength() {
    int itemsLength = 0;
    for (SdesItem item : items) {
      itemsLength += item.serializedLength();
    }
    return 4 + ((itemsLength + 1 + 3) & ~3);
  }

  int write(byte[] buf, int at) {
    int end = at + serializedLength();
    Bytes.put32(buf, at, ssrc);
    int pos = at + 4;
    for (SdesItem item : items) {
      pos = item.write(buf, pos);
    }
    while (pos < end) {
      buf[pos++] = 0;
    }
    return end;
  }
}
