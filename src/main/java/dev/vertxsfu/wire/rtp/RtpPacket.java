package dev.vertxsfu.wire.rtp;

import static dev.vertxsfu.wire.rtp.NetworkBytes.put16;
import static dev.vertxsfu.wire.rtp.NetworkBytes.put32;
import static dev.vertxsfu.wire.rtp.NetworkBytes.u16;
import static dev.vertxsfu.wire.rtp.NetworkBytes.u32;

import java.util.Objects;

/**
 * A view of one RTP packet, RFC 3550 §5.1, and its header extension (§5.3.1), whose RFC 8285
 * elements {@link #extensions()} reads: every field read and written in place, nothing copied,
 * nothing allocated.
 *
 * <pre>
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                           timestamp                           |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |           synchronization source (SSRC) identifier            |
 *    +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *    |            contributing source (CSRC) identifiers             |
 *    |                             ....                              |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *    RFC 3550 §5.3.1, present when X is set:
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |      defined by profile       |           length              |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                        header extension                       |
 *    |                             ....                              |
 * </pre>
 *
 * <p>Who uses it: the SRTP layer (header length and SSRC before decryption, through
 * {@link #wrapHeader}) and the media layer's producers and consumers, which keep one view each and
 * re-point it at every packet with {@link #wrap}. The view owns nothing: the bytes belong to the
 * caller, and the view is only valid while they stay put. Not for sharing between threads.
 *
 * <p>Setters write in place. A setter whose result would not be a valid packet (a CSRC count or
 * extension length that runs past the end, a version other than 2, padding past the payload)
 * throws {@link RtpFormatException} and leaves the bytes as they were; an argument out of its
 * field's range is an {@link IllegalArgumentException}. Sequence number, timestamp and SSRC
 * setters take the low 16 or 32 bits of their argument, so arithmetic may wrap freely.
 */
public final class RtpPacket {
  /** RFC 3550 §5.1: the only version this view accepts. */
  public static final int VERSION = 2;
  /** RFC 3550 §5.1: the fixed header, before any CSRC. */
  public static final int FIXED_HEADER_LENGTH = 12;
  /** RFC 3550 §5.1: CC is four bits. */
  public static final int MAX_CSRC_COUNT = 15;
  /** RFC 3550 §5.3.1: "defined by profile" and length. */
  public static final int EXTENSION_HEADER_LENGTH = 4;
  /** RFC 8285 §4.2: the profile of the one-byte form. */
  public static final int ONE_BYTE_EXTENSION_PROFILE = HeaderExtensionElements.ONE_BYTE_PROFILE;
  /** RFC 8285 §4.3: the profile of the two-byte form with appbits zero. */
  public static final int TWO_BYTE_EXTENSION_PROFILE = HeaderExtensionElements.TWO_BYTE_PROFILE;

  private static final byte[] EMPTY = new byte[FIXED_HEADER_LENGTH];

  private byte[] buf = EMPTY;
  private int off;
  private int len;
  private boolean paddingInterpreted;
  private int headerLength;
  /** Absolute offset of the extension data (after its 4-byte header), -1 without extension. */
  private int extensionStart = -1;
  private int extensionDataLength;
  private int extensionForm;
  private int paddingLength;
  private final HeaderExtensions extensions = new HeaderExtensions(this);

  /**
   * Points this view at a full RTP packet, checking all of RFC 3550 §5.1 and RFC 8285 §4. On
   * {@link RtpFormatException} the view stays on the packet it was on.
   */
  public RtpPacket wrap(byte[] buffer, int offset, int length) {
    parse(buffer, offset, length, true);
    return this;
  }

  /**
   * Points this view at an RTP packet whose payload is not readable yet (SRTP before
   * decryption, or with its authentication tag still attached): everything but the padding is
   * checked, and padding is not interpreted, so {@link #paddingLength()} is 0 and the payload runs
   * to the end. Wrap again with {@link #wrap} once the payload is plain.
   */
  public RtpPacket wrapHeader(byte[] buffer, int offset, int length) {
    parse(buffer, offset, length, false);
    return this;
  }

  private void parse(byte[] b, int offset, int length, boolean withPadding) {
    if (b == null) {
      throw new RtpFormatException("no buffer to read an RTP packet from");
    }
    if (offset < 0 || length < 0 || offset > b.length - length) {
      throw new RtpFormatException("RTP packet at offset " + offset + " with length " + length
          + " lies outside a buffer of " + b.length + " bytes");
    }
    if (length < FIXED_HEADER_LENGTH) {
      throw new RtpFormatException("RTP packet of " + length
          + " bytes is shorter than the 12-byte fixed header");
    }
    int first = b[offset] & 0xff;
    if (first >>> 6 != VERSION) {
      throw new RtpFormatException("RTP version " + (first >>> 6) + " at byte 0, expected 2");
    }
    int header = FIXED_HEADER_LENGTH + 4 * (first & 0x0f);
    if (header > length) {
      throw new RtpFormatException((first & 0x0f) + " CSRCs need a " + header
          + "-byte header but the packet has " + length + " bytes");
    }
    int extStart = -1;
    int extLength = 0;
    int form = HeaderExtensionElements.FORM_OPAQUE;
    if ((first & 0x10) != 0) {
      if (header + EXTENSION_HEADER_LENGTH > length) {
        throw new RtpFormatException("header extension at byte " + header
            + " needs 4 bytes but the packet has " + length + " bytes");
      }
      extLength = 4 * u16(b, offset + header + 2);
      extStart = offset + header + EXTENSION_HEADER_LENGTH;
      if (header + EXTENSION_HEADER_LENGTH + extLength > length) {
        throw new RtpFormatException("header extension of " + extLength / 4 + " words at byte "
            + header + " runs past the end of the " + length + "-byte packet");
      }
      form = HeaderExtensionElements.form(u16(b, offset + header));
      if (form != HeaderExtensionElements.FORM_OPAQUE) {
        HeaderExtensionElements.validate(b, extStart, extLength, form, offset);
      }
      header += EXTENSION_HEADER_LENGTH + extLength;
    }
    int padding = 0;
    if (withPadding && (first & 0x20) != 0) {
      padding = b[offset + length - 1] & 0xff;
      if (padding == 0) {
        throw new RtpFormatException("padding count 0 in the last byte (" + (length - 1)
            + "); it counts itself, so it is at least 1");
      }
      if (padding > length - header) {
        throw new RtpFormatException("padding of " + padding + " bytes runs past the "
            + (length - header) + " bytes after the " + header + "-byte header");
      }
    }
    buf = b;
    off = offset;
    len = length;
    paddingInterpreted = withPadding;
    headerLength = header;
    extensionStart = extStart;
    extensionDataLength = extLength;
    extensionForm = form;
    paddingLength = padding;
  }

  /** Re-checks the packet after a structural field changed; restores the old bytes on failure. */
  private void rewrite(int at, int width, int value) {
    int old = width == 1 ? buf[at] : u16(buf, at);
    if (width == 1) {
      buf[at] = (byte) value;
    } else {
      put16(buf, at, value);
    }
    try {
      parse(buf, off, len, paddingInterpreted);
    } catch (RtpFormatException e) {
      if (width == 1) {
        buf[at] = (byte) old;
      } else {
        put16(buf, at, old);
      }
      throw e;
    }
  }

  // ---- where the packet is

  public byte[] buffer() {
    return buf;
  }

  public int offset() {
    return off;
  }

  public int length() {
    return len;
  }

  // ---- RFC 3550 §5.1 fields

  public int version() {
    return (buf[off] & 0xff) >>> 6;
  }

  /** Only 2 is accepted; anything else is an {@link RtpFormatException}. */
  public void setVersion(int version) {
    if (version != VERSION) {
      throw new RtpFormatException("RTP version " + version + " is not 2");
    }
    buf[off] = (byte) (VERSION << 6 | (buf[off] & 0x3f));
  }

  public boolean hasPadding() {
    return (buf[off] & 0x20) != 0;
  }

  /** Sets or clears P; when set, the last byte becomes the padding count and must be valid. */
  public void setPadding(boolean padding) {
    rewrite(off, 1, padding ? buf[off] | 0x20 : buf[off] & ~0x20);
  }

  public boolean hasExtension() {
    return (buf[off] & 0x10) != 0;
  }

  /** Sets or clears X; when set, the bytes after the CSRCs must be a valid extension. */
  public void setExtension(boolean extension) {
    rewrite(off, 1, extension ? buf[off] | 0x10 : buf[off] & ~0x10);
  }

  public int csrcCount() {
    return buf[off] & 0x0f;
  }

  /** Sets CC in place (0-15): the bytes after the SSRC are read as CSRCs, nothing moves. */
  public void setCsrcCount(int count) {
    if (count < 0 || count > MAX_CSRC_COUNT) {
      throw new IllegalArgumentException("CSRC count " + count + " is outside 0-15");
    }
    rewrite(off, 1, (buf[off] & 0xf0) | count);
  }

  public boolean marker() {
    return (buf[off + 1] & 0x80) != 0;
  }

  public void setMarker(boolean marker) {
    buf[off + 1] = (byte) (marker ? buf[off + 1] | 0x80 : buf[off + 1] & 0x7f);
  }

  public int payloadType() {
    return buf[off + 1] & 0x7f;
  }

  public void setPayloadType(int payloadType) {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type " + payloadType + " is outside 0-127");
    }
    buf[off + 1] = (byte) ((buf[off + 1] & 0x80) | payloadType);
  }

  public int sequenceNumber() {
    return u16(buf, off + 2);
  }

  /** Writes the low 16 bits of {@code sequenceNumber}. */
  public void setSequenceNumber(int sequenceNumber) {
    put16(buf, off + 2, sequenceNumber);
  }

  /** The 32-bit timestamp, unsigned, in 0 to 2^32-1. */
  public long timestamp() {
    return u32(buf, off + 4);
  }

  /** Writes the low 32 bits of {@code timestamp}. */
  public void setTimestamp(long timestamp) {
    put32(buf, off + 4, timestamp);
  }

  /** The SSRC, unsigned, in 0 to 2^32-1. */
  public long ssrc() {
    return u32(buf, off + 8);
  }

  /** Writes the low 32 bits of {@code ssrc}. */
  public void setSsrc(long ssrc) {
    put32(buf, off + 8, ssrc);
  }

  /** CSRC number {@code index}, 0 to {@link #csrcCount()} - 1, unsigned. */
  public long csrc(int index) {
    return u32(buf, off + FIXED_HEADER_LENGTH + 4 * Objects.checkIndex(index, csrcCount()));
  }

  /** Writes the low 32 bits of {@code csrc} as CSRC number {@code index}. */
  public void setCsrc(int index, long csrc) {
    put32(buf, off + FIXED_HEADER_LENGTH + 4 * Objects.checkIndex(index, csrcCount()), csrc);
  }

  // ---- lengths

  /** Fixed header, CSRCs and the whole header extension: where the payload starts. */
  public int headerLength() {
    return headerLength;
  }

  /** The payload's offset in {@link #buffer()}. */
  public int payloadOffset() {
    return off + headerLength;
  }

  /** The payload's length, padding excluded. */
  public int payloadLength() {
    return len - headerLength - paddingLength;
  }

  /** The padding count from the last byte, 0 without P (and always 0 after {@link #wrapHeader}). */
  public int paddingLength() {
    return paddingLength;
  }

  /**
   * Makes the last {@code padding} bytes padding (1-255; the last byte becomes the count), or
   * clears P for 0. The packet's length stays; the payload shrinks or grows.
   */
  public void setPaddingLength(int padding) {
    if (padding < 0 || padding > 255) {
      throw new IllegalArgumentException("padding length " + padding + " is outside 0-255");
    }
    if (padding == 0) {
      setPadding(false);
      return;
    }
    if (padding > len - headerLength) {
      throw new RtpFormatException("padding of " + padding + " bytes runs past the "
          + (len - headerLength) + " bytes after the " + headerLength + "-byte header");
    }
    buf[off + len - 1] = (byte) padding;
    buf[off] = (byte) (buf[off] | 0x20);
    if (paddingInterpreted) {
      paddingLength = padding;
    }
  }

  // ---- RFC 3550 §5.3.1 header extension

  /** The 16-bit "defined by profile" value, or -1 without extension. */
  public int extensionProfile() {
    return extensionStart < 0 ? -1 : u16(buf, extensionStart - 4);
  }

  /** Writes "defined by profile"; the block must be valid under the new profile. */
  public void setExtensionProfile(int profile) {
    requireExtension();
    if (profile < 0 || profile > 0xffff) {
      throw new IllegalArgumentException("extension profile " + profile + " is not 16 bits");
    }
    rewrite(extensionStart - 4, 2, profile);
  }

  /** The extension length field: 32-bit words after the 4-byte extension header, -1 without. */
  public int extensionLength() {
    return extensionStart < 0 ? -1 : extensionDataLength / 4;
  }

  /** Writes the extension length field in place; the payload moves to after the new block. */
  public void setExtensionLength(int words) {
    requireExtension();
    if (words < 0 || words > 0xffff) {
      throw new IllegalArgumentException("extension length " + words + " is not 16 bits");
    }
    rewrite(extensionStart - 2, 2, words);
  }

  /** Offset in {@link #buffer()} of the extension data after its 4-byte header, -1 without. */
  public int extensionDataOffset() {
    return extensionStart;
  }

  /** Bytes of extension data after its 4-byte header, 0 without extension. */
  public int extensionDataLength() {
    return extensionDataLength;
  }

  private void requireExtension() {
    if (extensionStart < 0) {
      throw new IllegalStateException("the packet has no header extension");
    }
  }

  /** The RFC 8285 elements of the header extension, read and changed in place. */
  public HeaderExtensions extensions() {
    return extensions;
  }

  int extensionForm() {
    return extensionForm;
  }

  @Override
  public String toString() {
    return "RtpPacket{ssrc=" + ssrc() + ", pt=" + payloadType() + ", seq=" + sequenceNumber()
        + ", ts=" + timestamp() + ", m=" + marker() + ", header=" + headerLength
        + ", payload=" + payloadLength() + ", padding=" + paddingLength + "}";
  }
}
