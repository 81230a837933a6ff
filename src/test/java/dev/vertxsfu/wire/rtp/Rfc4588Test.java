package dev.vertxsfu.wire.rtp;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.CHROMIUM_VP8;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.RFC3550_FULL;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;

/**
 * RFC 4588 §4 has no hex vectors; these follow its diagram: the RTX header carries the RTX
 * stream's SSRC, payload type and sequence number, and the OSN leads the original payload.
 */
@Tag("fast")
class Rfc4588Test {
  private static final long RTX_SSRC = 0x0badcafeL;
  private static final int RTX_PT = 97;

  private final RtpPacket packet = new RtpPacket();

  @Test
  void wrapPutsTheOsnInFrontOfTheOriginalPayload() {
    byte[] b = bytes(CHROMIUM_VP8);
    packet.wrap(b, 0, b.length);
    byte[] out = new byte[100];

    int length = RtxPacket.wrap(packet, RTX_SSRC, RTX_PT, 100, out, 0);

    assertThat(length).isEqualTo(RtxPacket.wrappedLength(packet)).isEqualTo(48);
    assertThat(hex(Arrays.copyOf(out, length))).isEqualTo(""
        + "9061" + "0064" + "0002bf20" + "0badcafe"   // PT 97, RTX seq 100, same ts, RTX SSRC
        + "bede0003225f3a1c4100019030000000"           // the same header extension
        + "1f4a"                                       // OSN 8010
        + "9080802a9036009d012a8002e001a1b2c3d4");     // the original payload
    RtpPacket rtx = new RtpPacket().wrap(out, 0, length);
    assertThat(RtxPacket.originalSequenceNumber(rtx)).isEqualTo(8010);
  }

  @Test
  void wrapKeepsMarkerCsrcsAndExtensionAndDropsThePadding() {
    byte[] b = bytes(RFC3550_FULL);
    packet.wrap(b, 0, b.length);
    byte[] out = new byte[100];

    int length = RtxPacket.wrap(packet, RTX_SSRC, RTX_PT, 0xffff, out, 0);

    assertThat(hex(Arrays.copyOf(out, length))).isEqualTo(""
        + "92" + "e1" + "ffff" + "deadbeef" + "0badcafe" // P cleared, M kept, PT 97
        + "1111111122222222" + "12340001aabbccdd" + "abcd" + "010203");
  }

  @Test
  void unwrapRestoresTheOriginal() {
    byte[] b = bytes(CHROMIUM_VP8);
    packet.wrap(b, 0, b.length);
    byte[] rtxBytes = new byte[100];
    int rtxLength = RtxPacket.wrap(packet, RTX_SSRC, RTX_PT, 7, rtxBytes, 0);
    RtpPacket rtx = new RtpPacket().wrap(rtxBytes, 0, rtxLength);
    byte[] out = new byte[100];

    int length = RtxPacket.unwrap(rtx, 0x5a3c91e7L, 96, out, 3);

    assertThat(length).isEqualTo(RtxPacket.unwrappedLength(rtx)).isEqualTo(b.length);
    assertThat(hex(Arrays.copyOfRange(out, 3, 3 + length))).isEqualTo(CHROMIUM_VP8);
  }

  @Test
  void unwrapOfAPaddedRtxPacketDropsItsPadding() {
    // RTX of RFC3550_FULL, padded with 2 bytes by the sender
    byte[] rtxBytes = hex("b2e1ffffdeadbeef0badcafe1111111122222222" + "12340001aabbccdd"
        + "abcd" + "010203" + "0002");
    RtpPacket rtx = new RtpPacket().wrap(rtxBytes, 0, rtxBytes.length);
    byte[] out = new byte[100];

    int length = RtxPacket.unwrap(rtx, 0xcafebabeL, 111, out, 0);

    assertThat(hex(Arrays.copyOf(out, length))).isEqualTo("92efabcddeadbeefcafebabe"
        + "1111111122222222" + "12340001aabbccdd" + "010203");
  }

  @Test
  void unwrapInPlaceMovesTheHeaderOverTheOsn() {
    byte[] b = bytes(CHROMIUM_VP8);
    packet.wrap(b, 0, b.length);
    byte[] buffer = new byte[100];
    int rtxLength = RtxPacket.wrap(packet, RTX_SSRC, RTX_PT, 7, buffer, 5);
    RtpPacket rtx = new RtpPacket().wrap(buffer, 5, rtxLength);

    RtxPacket.unwrapInPlace(rtx, 0x5a3c91e7L, 96);

    assertThat(rtx.offset()).isEqualTo(7);
    assertThat(rtx.length()).isEqualTo(b.length);
    assertThat(rtx.sequenceNumber()).isEqualTo(8010);
    assertThat(hex(Arrays.copyOfRange(buffer, 7, 7 + rtx.length()))).isEqualTo(CHROMIUM_VP8);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      no payload                       | 80610001 00000002 00000003               | RTX payload of 0 bytes at byte 12
      one payload byte                 | 80610001 00000002 00000003 1f            | RTX payload of 1 bytes
      padding only (Chromium probing)  | a0610001 00000002 00000003 00000000 0006 | RTX payload of 0 bytes
      """)
  void anRtxPayloadWithoutRoomForTheOsnIsRefused(String name, String packetHex, String message) {
    byte[] b = hex(packetHex);
    RtpPacket rtx = new RtpPacket().wrap(b, 0, b.length);

    assertThatThrownBy(() -> RtxPacket.unwrap(rtx, 1, 96, new byte[100], 0))
        .isInstanceOf(RtpFormatException.class).hasMessageContaining(message);
    assertThatThrownBy(() -> RtxPacket.originalSequenceNumber(rtx))
        .isInstanceOf(RtpFormatException.class);
    assertThatThrownBy(() -> RtxPacket.unwrapInPlace(rtx, 1, 96))
        .isInstanceOf(RtpFormatException.class);
    assertThat(hex(b)).isEqualTo(packetHex.replace(" ", ""));
  }

  @Test
  void destinationsWithoutRoomAndBadPayloadTypesAreRefused() {
    byte[] b = bytes(CHROMIUM_VP8);
    packet.wrap(b, 0, b.length);

    assertThatThrownBy(() -> RtxPacket.wrap(packet, RTX_SSRC, RTX_PT, 1, new byte[47], 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 48 bytes");
    assertThatThrownBy(() -> RtxPacket.wrap(packet, RTX_SSRC, 128, 1, new byte[100], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RtxPacket.wrap(packet, RTX_SSRC, RTX_PT, 1, b, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
