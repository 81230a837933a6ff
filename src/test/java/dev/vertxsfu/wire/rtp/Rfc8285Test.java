package dev.vertxsfu.wire.rtp;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.CHROMIUM_ABS_SEND_TIME;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.CHROMIUM_MID;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.CHROMIUM_TRANSPORT_CC;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.CHROMIUM_VP8;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.RFC8285_ONE_BYTE;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.RFC8285_TWO_BYTE;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * RFC 8285 prints its two example blocks as diagrams (§4.2, §4.3) without values; the vectors
 * fill them in (see {@link RtpTestPackets}). Plus a Chromium VP8 packet built by hand.
 */
@Tag("fast")
class Rfc8285Test {
  private final RtpPacket packet = new RtpPacket();

  @Test
  void oneByteExampleOfSection42() {
    byte[] b = bytes(RFC8285_ONE_BYTE);
    packet.wrap(b, 0, b.length);

    assertThat(packet.extensions().isOneByte()).isTrue();
    assertThat(packet.extensionProfile()).isEqualTo(0xBEDE);
    assertThat(packet.extensionLength()).isEqualTo(3);
    assertThat(value(1)).isEqualTo("a1");
    assertThat(value(2)).isEqualTo("b1b2");
    assertThat(value(3)).isEqualTo("c1c2c3c4");
    assertThat(packet.extensions().valueOffset(1)).isEqualTo(17);
    assertThat(packet.extensions().valueLength(3)).isEqualTo(4);
    assertThat(packet.extensions().valueOffset(4)).isEqualTo(-1);
    assertThat(packet.extensions().valueLength(4)).isEqualTo(-1);
    assertThat(packet.payloadLength()).isEqualTo(2);
  }

  @Test
  void twoByteExampleOfSection43() {
    byte[] b = bytes(RFC8285_TWO_BYTE);
    packet.wrap(b, 0, b.length);

    assertThat(packet.extensions().isTwoByte()).isTrue();
    assertThat(packet.extensionProfile()).isEqualTo(0x1000);
    assertThat(packet.extensions().valueLength(1)).isZero();
    assertThat(value(1)).isEmpty();
    assertThat(value(2)).isEqualTo("d1");
    assertThat(value(3)).isEqualTo("e1e2e3e4");
    assertThat(packet.payloadLength()).isEqualTo(2);
  }

  @Test
  void anyAppbitsMakeTheTwoByteForm() {
    byte[] b = bytes(RFC8285_TWO_BYTE);
    b[13] = 0x0f; // 0x100F: appbits 1111
    packet.wrap(b, 0, b.length);

    assertThat(packet.extensions().isTwoByte()).isTrue();
    assertThat(value(3)).isEqualTo("e1e2e3e4");
  }

  @Test
  void twoByteFormCarriesHighIdsAndLongValues() {
    // ID 200 with 17 bytes, ID 15 with 1: neither fits the one-byte form
    byte[] b = hex("90600001 00000002 00000003 10000006"
        + "c811 000102030405060708090a0b0c0d0e0f10" + "0f01 ee" + "0000");
    packet.wrap(b, 0, b.length);

    assertThat(value(200)).isEqualTo("000102030405060708090a0b0c0d0e0f10");
    assertThat(value(15)).isEqualTo("ee");
  }

  @Test
  void id15EndsParsingOfAOneByteBlock() {
    // §4.2: after ID 15 nothing is parsed, not even the length that would overrun the block
    byte[] b = hex("90600001 00000002 00000003 bede0002 10aa f3 20bbcc 0000");
    packet.wrap(b, 0, b.length);

    assertThat(value(1)).isEqualTo("aa");
    assertThat(packet.extensions().valueOffset(2)).isEqualTo(-1);
    assertThat(packet.extensions().valueOffset(15)).isEqualTo(-1);
  }

  @Test
  void id0WithALengthEndsParsingOfAOneByteBlock() {
    // §4.1.2: an ID 0 element with a length above 0 ends parsing
    byte[] b = hex("90600001 00000002 00000003 bede0001 10aa 05 20");
    packet.wrap(b, 0, b.length);

    assertThat(value(1)).isEqualTo("aa");
    assertThat(packet.extensions().valueOffset(2)).isEqualTo(-1);
  }

  @Test
  void paddingBetweenElementsIsSkippedInBothForms() {
    byte[] one = hex("90600001 00000002 00000003 bede0002 000010aa 00002077");
    packet.wrap(one, 0, one.length);
    assertThat(value(1)).isEqualTo("aa");
    assertThat(value(2)).isEqualTo("77");

    byte[] two = hex("90600001 00000002 00000003 10000002 000101aa 00020177");
    packet.wrap(two, 0, two.length);
    assertThat(value(1)).isEqualTo("aa");
    assertThat(value(2)).isEqualTo("77");
  }

  @Test
  void chromiumVp8PacketWithOneByteExtensions() {
    byte[] b = bytes(CHROMIUM_VP8);
    packet.wrap(b, 0, b.length);

    assertThat(packet.payloadType()).isEqualTo(96);
    assertThat(packet.marker()).isFalse();
    assertThat(packet.sequenceNumber()).isEqualTo(8010);
    assertThat(packet.timestamp()).isEqualTo(180_000);
    assertThat(packet.ssrc()).isEqualTo(0x5a3c91e7L);
    assertThat(packet.extensions().isOneByte()).isTrue();
    assertThat(packet.headerLength()).isEqualTo(28);
    assertThat(value(CHROMIUM_ABS_SEND_TIME)).isEqualTo("5f3a1c");
    assertThat(value(CHROMIUM_TRANSPORT_CC)).isEqualTo("0001");
    assertThat(value(CHROMIUM_MID)).isEqualTo("30");
    // the VP8 payload descriptor starts the payload: X=1 S=1, I=1, PictureID 42
    assertThat(hex(Arrays.copyOfRange(b, packet.payloadOffset(), packet.payloadOffset() + 4)))
        .isEqualTo("9080802a");
    assertThat(packet.payloadLength()).isEqualTo(18);
  }

  @Test
  void transportSequenceNumberIsOverwrittenInPlace() {
    byte[] b = bytes(CHROMIUM_VP8);
    packet.wrap(b, 0, b.length);

    assertThat(packet.extensions().setUint16(CHROMIUM_TRANSPORT_CC, 0xbeef)).isTrue();
    assertThat(packet.extensions().setUint24(CHROMIUM_ABS_SEND_TIME, 0x123456)).isTrue();
    assertThat(packet.extensions().setValue(CHROMIUM_MID, new byte[] {'7'}, 0, 1)).isTrue();

    assertThat(hex(b)).isEqualTo(CHROMIUM_VP8
        .replace("22" + "5f3a1c", "22123456")
        .replace("41" + "0001", "41beef")
        .replace("90" + "30" + "000000", "9037000000"));
  }

  @Test
  void inPlaceValueWritesRefuseOtherLengthsAndAbsentIds() {
    byte[] b = bytes(CHROMIUM_VP8);
    packet.wrap(b, 0, b.length);

    assertThat(packet.extensions().setUint16(CHROMIUM_ABS_SEND_TIME, 1)).isFalse();
    assertThat(packet.extensions().setUint24(CHROMIUM_TRANSPORT_CC, 1)).isFalse();
    assertThat(packet.extensions().setValue(CHROMIUM_MID, new byte[] {'1', '0'}, 0, 2)).isFalse();
    assertThat(packet.extensions().setUint16(5, 1)).isFalse();
    assertThat(packet.extensions().setUint16(0, 1)).isFalse();
    assertThat(hex(b)).isEqualTo(CHROMIUM_VP8);
  }

  private String value(int id) {
    int at = packet.extensions().valueOffset(id);
    assertThat(at).as("extension %d present", id).isNotNegative();
    return hex(Arrays.copyOfRange(packet.buffer(), at, at + packet.extensions().valueLength(id)));
  }
}
