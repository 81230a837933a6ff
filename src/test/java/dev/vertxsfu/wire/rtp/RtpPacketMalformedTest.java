package dev.vertxsfu.wire.rtp;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;

/** Malformed packets, each refused with {@link RtpFormatException} and a message that says why. */
@Tag("fast")
class RtpPacketMalformedTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      empty                              | ''                                                   | shorter than the 12-byte fixed header
      11 bytes                           | 80000001 00000002 000000                             | shorter than the 12-byte fixed header
      version 0                          | 00000001 00000002 00000003                           | RTP version 0 at byte 0
      version 1                          | 40000001 00000002 00000003                           | RTP version 1
      version 3                          | c0000001 00000002 00000003                           | RTP version 3
      CSRC count past the end            | 8f000001 00000002 00000003 00000004                  | 15 CSRCs need a 72-byte header
      one CSRC, 3 of its bytes           | 81000001 00000002 00000003 000000                    | 1 CSRCs need a 16-byte header
      extension header cut short         | 90000001 00000002 00000003 bede00                    | header extension at byte 12 needs 4 bytes
      extension header after CSRC cut    | 91000001 00000002 00000003 00000004 bede             | header extension at byte 16 needs 4 bytes
      extension length past the end      | 90000001 00000002 00000003 bede0002 10aa0000         | header extension of 2 words at byte 12 runs past the end
      extension length 0xffff            | 90000001 00000002 00000003 1234ffff 00000000         | header extension of 65535 words
      one-byte element past the block    | 90000001 00000002 00000003 bede0001 13aabbcc dd      | with ID 1 at byte 16 has 4 data bytes, past the end of the extension block at byte 20
      one-byte element after padding     | 90000001 00000002 00000003 bede0001 0000 21aa bb     | with ID 2 at byte 18 has 2 data bytes
      one-byte 16-byte element past      | 90000001 00000002 00000003 bede0002 2f000000 00000000| with ID 2 at byte 16 has 16 data bytes
      two-byte element without length    | 90000001 00000002 00000003 10000001 0101aa07         | with ID 7 at byte 19 has no length byte
      two-byte element past the block    | 90000001 00000002 00000003 10000001 0103aabb cc      | with ID 1 at byte 16 has 3 data bytes
      two-byte 255-byte element          | 90000001 00000002 00000003 100f0001 05ff0000 00      | with ID 5 at byte 16 has 255 data bytes
      padding count 0                    | a0000001 00000002 00000003 aabb0000                  | padding count 0 in the last byte (15)
      padding past the payload           | a0000001 00000002 00000003 aabb0005                  | padding of 5 bytes runs past the 4 bytes after the 12-byte header
      padding with no payload bytes      | a0000001 00000002 00000001                           | padding of 1 bytes runs past the 0 bytes
      padding reaching into the header   | b0000001 00000002 00000003 bede0001 100000ff 02      | padding of 2 bytes runs past the 1 bytes after the 20-byte header
      padding 255 in a short packet      | a0000001 00000002 00000003 ff                        | padding of 255 bytes
      """)
  void refused(String name, String packetHex, String message) {
    byte[] b = hex(packetHex);
    assertThatThrownBy(() -> new RtpPacket().wrap(b, 0, b.length))
        .isInstanceOf(RtpFormatException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "offset {0} length {1}")
  @CsvSource({"-1, 12", "0, -1", "0, 21", "10, 11", "2147483647, 12", "12, 2147483647"})
  void boundsOutsideTheBufferAreRefused(int offset, int length) {
    byte[] b = new byte[20];
    assertThatThrownBy(() -> new RtpPacket().wrap(b, offset, length))
        .isInstanceOf(RtpFormatException.class)
        .hasMessageContaining("lies outside a buffer of 20 bytes");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      version 1                          | 40000001 00000002 00000003                           | RTP version 1
      CSRC count past the end            | 8f000001 00000002 00000003 00000004                  | 15 CSRCs need
      one-byte element past the block    | 90000001 00000002 00000003 bede0001 13aabbcc dd      | past the end of the extension block
      """)
  void wrapHeaderChecksAllButThePadding(String name, String packetHex, String message) {
    byte[] b = hex(packetHex);
    assertThatThrownBy(() -> new RtpPacket().wrapHeader(b, 0, b.length))
        .isInstanceOf(RtpFormatException.class)
        .hasMessageContaining(message);
  }

  @org.junit.jupiter.api.Test
  void aNullBufferIsRefused() {
    assertThatThrownBy(() -> new RtpPacket().wrap(null, 0, 12))
        .isInstanceOf(RtpFormatException.class)
        .hasMessageContaining("no buffer");
  }
}
