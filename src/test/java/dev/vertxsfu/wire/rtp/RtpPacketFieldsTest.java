package dev.vertxsfu.wire.rtp;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.CHROMIUM_VP8;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.RFC3550_FULL;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.RFC8285_TWO_BYTE;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;

/** Writing fields in place: same value, same bytes; set then get; invalid results refused. */
@Tag("fast")
class RtpPacketFieldsTest {
  private final RtpPacket packet = new RtpPacket();

  @ParameterizedTest
  @ValueSource(strings = {CHROMIUM_VP8, RFC3550_FULL, RFC8285_TWO_BYTE})
  void settingEveryFieldToItsValueKeepsTheBytes(String vector) {
    byte[] b = bytes(vector);
    packet.wrap(b, 0, b.length);

    packet.setVersion(packet.version());
    packet.setPadding(packet.hasPadding());
    packet.setExtension(packet.hasExtension());
    packet.setCsrcCount(packet.csrcCount());
    packet.setMarker(packet.marker());
    packet.setPayloadType(packet.payloadType());
    packet.setSequenceNumber(packet.sequenceNumber());
    packet.setTimestamp(packet.timestamp());
    packet.setSsrc(packet.ssrc());
    for (int i = 0; i < packet.csrcCount(); i++) {
      packet.setCsrc(i, packet.csrc(i));
    }
    packet.setPaddingLength(packet.paddingLength());
    packet.setExtensionProfile(packet.extensionProfile());
    packet.setExtensionLength(packet.extensionLength());

    assertThat(hex(b)).isEqualTo(vector);
  }

  @Test
  void eachSimpleFieldReadsBackWhatWasSetAndTouchesNothingElse() {
    byte[] b = bytes(RFC3550_FULL);
    packet.wrap(b, 0, b.length);

    packet.setMarker(false);
    assertThat(packet.marker()).isFalse();
    assertThat(packet.payloadType()).isEqualTo(111);
    packet.setPayloadType(0);
    assertThat(packet.payloadType()).isZero();
    assertThat(packet.marker()).isFalse();
    packet.setMarker(true);
    packet.setPayloadType(127);
    assertThat(packet.marker()).isTrue();
    assertThat(packet.payloadType()).isEqualTo(127);
    packet.setSequenceNumber(0xffff);
    assertThat(packet.sequenceNumber()).isEqualTo(0xffff);
    packet.setSequenceNumber(0x1_0001); // low 16 bits
    assertThat(packet.sequenceNumber()).isEqualTo(1);
    packet.setTimestamp(0xffff_ffffL);
    assertThat(packet.timestamp()).isEqualTo(0xffff_ffffL);
    packet.setTimestamp(0xffff_ffffL + 5); // low 32 bits
    assertThat(packet.timestamp()).isEqualTo(4);
    packet.setSsrc(0x8000_0001L);
    assertThat(packet.ssrc()).isEqualTo(0x8000_0001L);
    packet.setCsrc(1, 0xfeed_f00dL);
    assertThat(packet.csrc(1)).isEqualTo(0xfeed_f00dL);
    assertThat(packet.csrc(0)).isEqualTo(0x1111_1111L);

    assertThat(hex(b)).isEqualTo("b2ff" + "0001" + "00000004" + "80000001" + "11111111"
        + "feedf00d" + "12340001aabbccdd" + "010203000003");
    assertThat(packet.payloadLength()).isEqualTo(3);
    assertThat(packet.paddingLength()).isEqualTo(3);
  }

  @Test
  void argumentsOutsideAFieldAreRefused() {
    byte[] b = bytes(RFC3550_FULL);
    packet.wrap(b, 0, b.length);

    assertThatThrownBy(() -> packet.setPayloadType(128))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0-127");
    assertThatThrownBy(() -> packet.setPayloadType(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> packet.setCsrcCount(16))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0-15");
    assertThatThrownBy(() -> packet.setPaddingLength(256))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> packet.setExtensionProfile(0x10000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> packet.setExtensionLength(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> packet.setVersion(1))
        .isInstanceOf(RtpFormatException.class).hasMessageContaining("version 1");
    assertThat(hex(b)).isEqualTo(RFC3550_FULL);
  }

  @Test
  void paddingLengthIsSetAndCleared() {
    byte[] b = hex("80000001 00000002 00000003 0102030405");
    packet.wrap(b, 0, b.length);

    packet.setPaddingLength(2);
    assertThat(packet.hasPadding()).isTrue();
    assertThat(packet.paddingLength()).isEqualTo(2);
    assertThat(packet.payloadLength()).isEqualTo(3);
    assertThat(hex(b)).isEqualTo("a0000001000000020000000301020304" + "02");

    packet.setPaddingLength(5);
    assertThat(packet.payloadLength()).isZero();

    packet.setPaddingLength(0);
    assertThat(packet.hasPadding()).isFalse();
    assertThat(packet.paddingLength()).isZero();
    assertThat(packet.payloadLength()).isEqualTo(5);

    assertThatThrownBy(() -> packet.setPaddingLength(6))
        .isInstanceOf(RtpFormatException.class).hasMessageContaining("padding of 6 bytes");
    assertThat(packet.hasPadding()).isFalse();
  }

  @Test
  void structuralChangesAreCheckedAndUndoneWhenInvalid() {
    byte[] b = bytes(RFC3550_FULL);
    packet.wrap(b, 0, b.length);

    assertThatThrownBy(() -> packet.setCsrcCount(6))
        .isInstanceOf(RtpFormatException.class).hasMessageContaining("6 CSRCs");
    assertThatThrownBy(() -> packet.setExtensionLength(3))
        .isInstanceOf(RtpFormatException.class).hasMessageContaining("3 words");
    assertThatThrownBy(() -> packet.setExtensionProfile(0xbede)) // aa: ID 10, 11 bytes
        .isInstanceOf(RtpFormatException.class).hasMessageContaining("ID 10");

    assertThat(hex(b)).isEqualTo(RFC3550_FULL);
    assertThat(packet.csrcCount()).isEqualTo(2);
    assertThat(packet.headerLength()).isEqualTo(28);
    assertThat(packet.extensionProfile()).isEqualTo(0x1234);
  }

  @Test
  void structuralChangesThatStayValidReinterpretTheBytes() {
    byte[] b = hex("80000001 00000002 00000003 0000abcd ee");
    packet.wrap(b, 0, b.length);

    packet.setCsrcCount(1); // the first 4 payload bytes now read as a CSRC
    assertThat(packet.csrc(0)).isEqualTo(0xabcdL);
    assertThat(packet.headerLength()).isEqualTo(16);
    assertThat(packet.payloadLength()).isEqualTo(1);
    assertThat(hex(b)).isEqualTo("81000001000000020000000300" + "00abcdee");
  }

  @Test
  void clearingTheExtensionBitMakesTheBlockPayload() {
    byte[] b = bytes(CHROMIUM_VP8);
    packet.wrap(b, 0, b.length);

    packet.setExtension(false);
    assertThat(packet.hasExtension()).isFalse();
    assertThat(packet.headerLength()).isEqualTo(12);
    assertThat(packet.extensions().valueOffset(RtpTestPackets.CHROMIUM_MID)).isEqualTo(-1);
    packet.setExtension(true);
    assertThat(packet.headerLength()).isEqualTo(28);
    packet.setExtensionLength(0);
    assertThat(packet.headerLength()).isEqualTo(16);
    assertThat(packet.extensionDataLength()).isZero();
  }

  @Test
  void extensionSettersNeedAnExtension() {
    byte[] b = hex("80000001 00000002 00000003");
    packet.wrap(b, 0, b.length);

    assertThatThrownBy(() -> packet.setExtensionProfile(0xbede))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> packet.setExtensionLength(0))
        .isInstanceOf(IllegalStateException.class);
  }
}
