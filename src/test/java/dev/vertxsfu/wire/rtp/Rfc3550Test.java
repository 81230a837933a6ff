package dev.vertxsfu.wire.rtp;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.RFC3550_FULL;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * RFC 3550 prints no packets in hex, so these vectors are built from its §5.1 and §5.3.1
 * diagrams, field by field (see {@link RtpTestPackets}).
 */
@Tag("fast")
class Rfc3550Test {
  private final RtpPacket packet = new RtpPacket();

  @Test
  void minimalFixedHeaderIsReadFieldByField() {
    // V=2 P=0 X=0 CC=0 | M=0 PT=0 (PCMU) | seq 1 | ts 160 | SSRC 0x12345678 | 4 bytes payload
    byte[] b = hex("80000001 000000a0 12345678 d5d5d5d5");
    packet.wrap(b, 0, b.length);

    assertThat(packet.version()).isEqualTo(2);
    assertThat(packet.hasPadding()).isFalse();
    assertThat(packet.hasExtension()).isFalse();
    assertThat(packet.csrcCount()).isZero();
    assertThat(packet.marker()).isFalse();
    assertThat(packet.payloadType()).isZero();
    assertThat(packet.sequenceNumber()).isEqualTo(1);
    assertThat(packet.timestamp()).isEqualTo(160);
    assertThat(packet.ssrc()).isEqualTo(0x12345678L);
    assertThat(packet.headerLength()).isEqualTo(12);
    assertThat(packet.payloadOffset()).isEqualTo(12);
    assertThat(packet.payloadLength()).isEqualTo(4);
    assertThat(packet.paddingLength()).isZero();
    assertThat(packet.extensionProfile()).isEqualTo(-1);
    assertThat(packet.extensionLength()).isEqualTo(-1);
    assertThat(packet.extensionDataOffset()).isEqualTo(-1);
    assertThat(packet.extensionDataLength()).isZero();
    assertThat(packet.extensions().valueOffset(1)).isEqualTo(-1);
    assertThat(packet.extensions().valueLength(1)).isEqualTo(-1);
    assertThat(packet.extensions().remove(1)).isFalse();
    assertThat(packet.extensions().mapIds(HeaderExtensionIdMap.builder().build())).isTrue();
    assertThat(packet.extensions().isOneByte()).isFalse();
    assertThat(hex(b)).isEqualTo("80000001000000a012345678d5d5d5d5");
  }

  @Test
  void everyFieldOfTheDiagramIsReadFromAFullPacket() {
    byte[] b = bytes(RFC3550_FULL);
    packet.wrap(b, 0, b.length);

    assertThat(packet.version()).isEqualTo(2);
    assertThat(packet.hasPadding()).isTrue();
    assertThat(packet.hasExtension()).isTrue();
    assertThat(packet.csrcCount()).isEqualTo(2);
    assertThat(packet.marker()).isTrue();
    assertThat(packet.payloadType()).isEqualTo(111);
    assertThat(packet.sequenceNumber()).isEqualTo(0xabcd);
    assertThat(packet.timestamp()).isEqualTo(0xdeadbeefL);
    assertThat(packet.ssrc()).isEqualTo(0xcafebabeL);
    assertThat(packet.csrc(0)).isEqualTo(0x11111111L);
    assertThat(packet.csrc(1)).isEqualTo(0x22222222L);
    assertThat(packet.extensionProfile()).isEqualTo(0x1234);
    assertThat(packet.extensionLength()).isEqualTo(1);
    assertThat(packet.extensionDataOffset()).isEqualTo(24);
    assertThat(packet.extensionDataLength()).isEqualTo(4);
    assertThat(packet.headerLength()).isEqualTo(28);
    assertThat(packet.payloadOffset()).isEqualTo(28);
    assertThat(packet.payloadLength()).isEqualTo(3);
    assertThat(packet.paddingLength()).isEqualTo(3);
    assertThat(packet.length()).isEqualTo(34);
  }

  @Test
  void anExtensionUnderAnotherProfileIsOpaque() {
    byte[] b = bytes(RFC3550_FULL);
    packet.wrap(b, 0, b.length);

    assertThat(packet.extensions().isOneByte()).isFalse();
    assertThat(packet.extensions().isTwoByte()).isFalse();
    for (int id = 1; id <= 255; id++) {
      assertThat(packet.extensions().valueOffset(id)).isEqualTo(-1);
    }
    assertThat(packet.extensions().remove(0xa)).isFalse();
    assertThat(hex(b)).isEqualTo(RFC3550_FULL);
  }

  @Test
  void aZeroLengthExtensionIsValid() {
    // §5.3.1: "zero is a valid length"
    byte[] b = hex("90000001 00000002 00000003 bede0000 ff");
    packet.wrap(b, 0, b.length);

    assertThat(packet.extensionLength()).isZero();
    assertThat(packet.headerLength()).isEqualTo(16);
    assertThat(packet.payloadLength()).isEqualTo(1);
  }

  @Test
  void paddingMayTakeTheWholePayload() {
    // §5.1: padding counts itself; here the 4 bytes after the header are all padding
    byte[] b = hex("a0000001 00000002 00000003 00000004");
    packet.wrap(b, 0, b.length);

    assertThat(packet.paddingLength()).isEqualTo(4);
    assertThat(packet.payloadLength()).isZero();
  }

  @Test
  void aPacketInsideALargerBufferIsReadAtItsOffset() {
    byte[] packetBytes = bytes(RFC3550_FULL);
    byte[] b = new byte[packetBytes.length + 20];
    System.arraycopy(packetBytes, 0, b, 7, packetBytes.length);
    packet.wrap(b, 7, packetBytes.length);

    assertThat(packet.offset()).isEqualTo(7);
    assertThat(packet.buffer()).isSameAs(b);
    assertThat(packet.ssrc()).isEqualTo(0xcafebabeL);
    assertThat(packet.payloadOffset()).isEqualTo(7 + 28);
    assertThat(packet.extensionDataOffset()).isEqualTo(7 + 24);
    assertThat(packet.paddingLength()).isEqualTo(3);
  }

  @Test
  void csrcIndexOutsideTheListIsRefused() {
    byte[] b = bytes(RFC3550_FULL);
    packet.wrap(b, 0, b.length);

    assertThatThrownBy(() -> packet.csrc(2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> packet.setCsrc(-1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void wrapHeaderLeavesThePaddingUninterpreted() {
    // SRTP before decryption: the last byte is ciphertext (here 0, an invalid count)
    byte[] b = hex("a0000001 00000002 00000003 11223300");
    assertThatThrownBy(() -> new RtpPacket().wrap(b, 0, b.length))
        .isInstanceOf(RtpFormatException.class);

    packet.wrapHeader(b, 0, b.length);

    assertThat(packet.hasPadding()).isTrue();
    assertThat(packet.paddingLength()).isZero();
    assertThat(packet.payloadLength()).isEqualTo(4);
  }

  @Test
  void theViewIsRepointedWithoutCopying() {
    byte[] first = hex("80000001 000000a0 12345678 d5");
    byte[] second = bytes(RFC3550_FULL);

    assertThat(packet.wrap(first, 0, first.length)).isSameAs(packet);
    assertThat(packet.ssrc()).isEqualTo(0x12345678L);
    packet.wrap(second, 0, second.length);
    assertThat(packet.ssrc()).isEqualTo(0xcafebabeL);
    second[8] = 0x01;
    assertThat(packet.ssrc()).isEqualTo(0x01febabeL);
  }

  @Test
  void aFailedWrapLeavesTheViewOnThePreviousPacket() {
    byte[] good = hex("80000001 000000a0 12345678 d5");
    byte[] bad = hex("40000001 000000a0 12345678 d5");
    packet.wrap(good, 0, good.length);

    assertThatThrownBy(() -> packet.wrap(bad, 0, bad.length))
        .isInstanceOf(RtpFormatException.class);
    assertThat(packet.buffer()).isSameAs(good);
    assertThat(packet.length()).isEqualTo(13);
  }
}
