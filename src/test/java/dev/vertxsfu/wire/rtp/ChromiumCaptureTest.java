package dev.vertxsfu.wire.rtp;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RTP headers captured from Chrome, with the values a Wireshark dissection gives, published as
 * test data in the public repository olivermichel/webrtc-analysis ({@code test/include/data.h}):
 * one in the one-byte and one in the two-byte extension form, both carrying the transport-wide
 * sequence number (ID 4 there). The SFU stamps its own number toward each subscriber, so both
 * forms must take a new value in place, and a packet without it must get one through the
 * rewriter.
 */
@Tag("fast")
class ChromiumCaptureTest {
  private static final int TRANSPORT_CC = 4;

  /** One-byte form: abs-send-time (2) f34350, transport-cc (4) 0x009b, ID 13 810045. */
  private static final String ONE_BYTE = ""
      + "90 2d 1a 5f d4 09 05 49 f7 b1 6e 83 be de 00 03"
      + "22 f3 43 50 41 00 9b d2 81 00 45 00";

  /** Two-byte form: transport-cc (4) 0x0002 among seven elements, one of 33 bytes. */
  private static final String TWO_BYTE = ""
      + "90 2d 61 c5 95 0a 0f ee 8d 38 14 e5 10 00 00 11"
      + "02 03 03 f7 ae 04 02 00 02 09 01 30 03 01 00 06 01 02"
      + "07 0d 01 00 01 00 07 00 07 00 0a 00 00 00 00"
      + "0d 21 c0 00 01 80 03 18 7a aa f1 30 a0 a0 14 d1 41 38 23 04 60 08 64 22"
      + "22 26 50 09 f0 07 70 13 f0 0e f0";

  private final RtpPacket packet = new RtpPacket();

  @Test
  void oneByteCaptureReadsWiresharksValuesAndTakesANewSequenceNumber() {
    byte[] b = hex(ONE_BYTE);
    packet.wrap(b, 0, b.length);
    assertThat(packet.sequenceNumber()).isEqualTo(6751);
    assertThat(packet.ssrc()).isEqualTo(0xf7b16e83L);
    assertThat(packet.extensions().isOneByte()).isTrue();
    assertThat(uint16(TRANSPORT_CC)).isEqualTo(0x009b);

    assertThat(packet.extensions().setUint16(TRANSPORT_CC, 0xfffe)).isTrue();

    assertThat(uint16(TRANSPORT_CC)).isEqualTo(0xfffe);
    assertThat(hex(b)).isEqualTo(hex(hex(ONE_BYTE.replace("41 00 9b", "41 ff fe"))));
  }

  @Test
  void twoByteCaptureReadsWiresharksValuesAndTakesANewSequenceNumber() {
    byte[] b = hex(TWO_BYTE);
    packet.wrap(b, 0, b.length);
    assertThat(packet.sequenceNumber()).isEqualTo(25029);
    assertThat(packet.extensions().isTwoByte()).isTrue();
    assertThat(uint16(TRANSPORT_CC)).isEqualTo(2);
    assertThat(packet.extensions().valueLength(13)).isEqualTo(33);

    assertThat(packet.extensions().setUint16(TRANSPORT_CC, 0x1234)).isTrue();

    assertThat(hex(b)).isEqualTo(hex(hex(TWO_BYTE.replace("04 02 00 02", "04 02 12 34"))));
  }

  @Test
  void aSubscribersIdIsStampedByTheRewriterInEitherForm() {
    HeaderExtensionRewriter rewriter = new HeaderExtensionRewriter();
    for (String capture : new String[] {ONE_BYTE, TWO_BYTE}) {
      byte[] b = hex(capture);
      packet.wrap(b, 0, b.length);
      rewriter.clear().remove(TRANSPORT_CC).putUint16(3, 0xabcd);
      byte[] out = new byte[rewriter.rewrittenLength(packet)];
      rewriter.rewrite(packet, out, 0);

      RtpPacket copy = new RtpPacket().wrap(out, 0, out.length);
      int at = copy.extensions().valueOffset(3);
      assertThat(copy.extensions().valueLength(3)).isEqualTo(2);
      assertThat(NetworkBytes.u16(out, at)).isEqualTo(0xabcd);
      assertThat(copy.extensions().valueOffset(TRANSPORT_CC)).isEqualTo(-1);
      // the 33-byte element keeps the copy in the two-byte form; the other fits one byte
      assertThat(copy.extensions().isTwoByte()).isEqualTo(capture == TWO_BYTE);
    }
  }

  private int uint16(int id) {
    int at = packet.extensions().valueOffset(id);
    return (packet.buffer()[at] & 0xff) << 8 | packet.buffer()[at + 1] & 0xff;
  }
}
