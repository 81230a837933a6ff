package dev.vertxsfu.wire.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * APP: Application-Defined RTCP packet (RFC 3550 §6.7), passed through: the subtype, SSRC and
 * name are exposed, the data is kept as opaque bytes.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| subtype |   PT=APP=204  |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           SSRC/CSRC                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          name (ASCII)                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   application-dependent data                ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param subtype the 5-bit subtype, 0..31
 * @param ssrc SSRC/CSRC (unsigned 32 bits)
 * @param name the four-character name; each character one octet (ISO-8859-1 keeps any byte)
 * @param data application-dependent data, whole 32-bit words
 */
public record ApplicationDefined(int subtype, long ssrc, String name, byte[] data)
    implements RtcpPacket {

  public ApplicationDefined {
    Bytes.checkRange(subtype, 0, RtcpHeader.MAX_COUNT, "APP subtype");
    Bytes.checkU32(ssrc, "SSRC/CSRC");
    if (name.length() != 4 || !StandardCharsets.ISO_8859_1.newEncoder().canEncode(name)) {
      throw new IllegalArgumentException("APP name must be four one-octet characters: " + name);
    }
    if (data.length % 4 != 0) {
      throw new IllegalArgumentException(
          "APP data of " + data.length + " bytes, not whole 32-bit words");
    }
    data = data.clone();
  }

  /**
   * Parses the APP at exactly {@code [off, off + len)}.
   *
   * @throws RtcpFormatException if it is not a well-formed APP
   */
  public static ApplicationDefined parse(byte[] buf, int off, int len) {
    int end = RtcpHeader.checkPacket(buf, off, len, RtcpHeader.APP, "APP");
    int dataLength = end - off - 12;
    if (dataLength < 0) {
      throw RtcpFormatException.of("APP at offset %d: %d bytes of content, no room for SSRC and "
          + "name", off, end - off);
    }
    if (dataLength % 4 != 0) {
      throw RtcpFormatException.of("APP at offset %d: %d bytes of data, not whole 32-bit words",
          off, dataLength);
    }
    return new ApplicationDefined(RtcpHeader.count(buf, off), Bytes.u32(buf, off + 4),
        new String(buf, off + 8, 4, StandardCharsets.ISO_8859_1),
        Arrays.copyOfRange(buf, off + 12, end));
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public int packetType() {
    return RtcpHeader.APP;
  }

  @Override
  public int count() {
    return subtype;
  }

  @Override
  public int serializedLength() {
    return 12 + data.length;
  }

  @Override
  public int write(byte[] buf, int off) {
    int length = serializedLength();
    RtcpHeader.checkRoom(buf, off, length);
    RtcpHeader.write(buf, off, subtype, RtcpHeader.APP, length);
    Bytes.put32(buf, off + 4, ssrc);
    byte[] nameBytes = name.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(nameBytes, 0, buf, off + 8, 4);
    System.arraycopy(data, 0, buf, off + 12, data.length);
    return length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApplicationDefined app && subtype == app.subtype && ssrc == app.ssrc
        && name.equals(app.name) && Arrays.equals(data, app.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(subtype, ssrc, name, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "ApplicationDefined[subtype=" + subtype + ", ssrc=" + ssrc + ", name=" + name
        + ", data=" + data.length + " bytes]";
  }
}
