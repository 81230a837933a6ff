package dev.vertxsfu.wire.rtp;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.CHROMIUM_VP8;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.RFC3550_FULL;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.RFC8285_TWO_BYTE;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Rewriting RFC 8285 extensions, into a copy and in place: ID mapping, dropping, adding,
 * replacing, removing, and converting between the one-byte and two-byte forms.
 */
@Tag("fast")
class HeaderExtensionRewriterTest {
  private static final String CHROMIUM_HEADER = "90601f4a0002bf205a3c91e7";
  private static final String CHROMIUM_PAYLOAD = "9080802a9036009d012a8002e001a1b2c3d4";

  private final RtpPacket source = new RtpPacket();
  private final HeaderExtensionRewriter rewriter = new HeaderExtensionRewriter();

  @Test
  void withNothingToChangeTheCopyIsByteIdentical() {
    assertThat(rewrite(CHROMIUM_VP8)).isEqualTo(CHROMIUM_VP8);
  }

  @Test
  void idsAreMappedToTheSubscribersIds() {
    rewriter.idMap(HeaderExtensionIdMap.builder().map(2, 3).map(4, 5).map(9, 1).build());

    assertThat(rewrite(CHROMIUM_VP8)).isEqualTo(CHROMIUM_HEADER
        + "bede0003" + "325f3a1c" + "510001" + "1030" + "000000" + CHROMIUM_PAYLOAD);
  }

  @Test
  void extensionsNotNegotiatedAreDroppedAndTheBlockShrinks() {
    rewriter.idMap(HeaderExtensionIdMap.builder().keep(2).keep(4).build());

    assertThat(rewrite(CHROMIUM_VP8)).isEqualTo(CHROMIUM_HEADER
        + "bede0002" + "225f3a1c" + "410001" + "00" + CHROMIUM_PAYLOAD);
  }

  @Test
  void droppingEveryExtensionClearsTheExtensionBit() {
    rewriter.idMap(HeaderExtensionIdMap.builder().build());

    assertThat(rewrite(CHROMIUM_VP8)).isEqualTo("80601f4a0002bf205a3c91e7" + CHROMIUM_PAYLOAD);
  }

  @Test
  void aMidIsAddedToAPacketWithoutExtension() {
    rewriter.put(1, "1".getBytes(StandardCharsets.US_ASCII), 0, 1);

    assertThat(rewrite("80601f4a0002bf205a3c91e7" + "abcd"))
        .isEqualTo("90601f4a0002bf205a3c91e7" + "bede0001" + "1031" + "0000" + "abcd");
  }

  @Test
  void aPutReplacesTheSourceElementWithTheSameId() {
    rewriter.putUint16(4, 0x0102);

    assertThat(rewrite(CHROMIUM_VP8)).isEqualTo(CHROMIUM_HEADER
        + "bede0003" + "225f3a1c" + "9030" + "410102" + "000000" + CHROMIUM_PAYLOAD);
  }

  @Test
  void aPutReplacesAnEarlierPutOfTheSameId() {
    rewriter.putUint24(2, 0xaaaaaa).putUint24(2, 0x010203);
    rewriter.idMap(HeaderExtensionIdMap.builder().build());

    assertThat(rewrite(CHROMIUM_VP8))
        .isEqualTo(CHROMIUM_HEADER + "bede0001" + "22010203" + CHROMIUM_PAYLOAD);
  }

  @Test
  void anIdAbove14ConvertsToTheTwoByteForm() {
    rewriter.put(16, "hi".getBytes(StandardCharsets.US_ASCII), 0, 2);

    String rewritten = rewrite(CHROMIUM_VP8);

    assertThat(rewritten).isEqualTo(CHROMIUM_HEADER + "10000004"
        + "02035f3a1c" + "04020001" + "090130" + "10026869" + CHROMIUM_PAYLOAD);
    assertThat(wrapped(rewritten).extensions().isTwoByte()).isTrue();
  }

  @Test
  void aValueLongerThan16BytesConvertsToTheTwoByteForm() {
    byte[] value = new byte[17];
    Arrays.fill(value, (byte) 0x77);
    rewriter.put(5, value, 0, 17);
    rewriter.idMap(HeaderExtensionIdMap.builder().keep(4).build());

    assertThat(rewrite(CHROMIUM_VP8)).isEqualTo(CHROMIUM_HEADER + "10000006"
        + "04020001" + "0511" + "77".repeat(17) + "00" + CHROMIUM_PAYLOAD);
  }

  @Test
  void aLongValuePutAfterShortOnesKeepsThemAll() {
    byte[] value = new byte[200];
    Arrays.fill(value, (byte) 0x77);
    rewriter.idMap(HeaderExtensionIdMap.builder().build());
    rewriter.put(1, new byte[] {1}, 0, 1).putUint16(2, 0x0202).putUint24(3, 0x030303);
    rewriter.put(5, value, 0, 200).put(6, new byte[] {6}, 0, 1);

    assertThat(rewrite(CHROMIUM_VP8)).isEqualTo(CHROMIUM_HEADER + "10000037"
        + "010101" + "02020202" + "0303030303" + "05c8" + "77".repeat(200) + "060106"
        + "000000" + CHROMIUM_PAYLOAD);
  }

  @Test
  void anEmptyValueConvertsToTheTwoByteForm() {
    rewriter.put(5, new byte[0], 0, 0);

    assertThat(rewrite(CHROMIUM_VP8)).isEqualTo(CHROMIUM_HEADER + "10000004"
        + "02035f3a1c" + "04020001" + "090130" + "0500" + "0000" + CHROMIUM_PAYLOAD);
  }

  @Test
  void aTwoByteBlockThatFitsTheOneByteFormIsConverted() {
    assertThat(rewrite(RFC8285_TWO_BYTE)).as("ID 1 is empty, so it stays two-byte")
        .isEqualTo("906000010000000200000003" + "10000003" + "0100" + "0201d1"
            + "0304e1e2e3e4" + "00" + "cafe");

    rewriter.idMap(HeaderExtensionIdMap.builder().keep(2).keep(3).build());

    assertThat(rewrite(RFC8285_TWO_BYTE)).isEqualTo("906000010000000200000003"
        + "bede0002" + "20d1" + "33e1e2e3e4" + "00" + "cafe");
  }

  @Test
  void convertingToTwoBytesAndBackGivesTheOriginalBytes() {
    rewriter.put(20, new byte[] {(byte) 0xab}, 0, 1);
    byte[] twoByte = hex(rewrite(CHROMIUM_VP8));
    assertThat(wrapped(hex(twoByte)).extensions().isTwoByte()).isTrue();

    HeaderExtensionRewriter back = new HeaderExtensionRewriter().remove(20);
    source.wrap(twoByte, 0, twoByte.length);
    byte[] out = new byte[100];
    int length = back.rewrite(source, out, 0);

    assertThat(hex(Arrays.copyOf(out, length))).isEqualTo(CHROMIUM_VP8);
  }

  @Test
  void removedExtensionsAreLeftOut() {
    rewriter.remove(9);
    assertThat(rewrite(CHROMIUM_VP8)).isEqualTo(CHROMIUM_HEADER
        + "bede0002" + "225f3a1c" + "410001" + "00" + CHROMIUM_PAYLOAD);

    rewriter.remove(2).remove(4);
    assertThat(rewrite(CHROMIUM_VP8)).isEqualTo("80601f4a0002bf205a3c91e7" + CHROMIUM_PAYLOAD);

    rewriter.clear();
    assertThat(rewrite(CHROMIUM_VP8)).isEqualTo(CHROMIUM_VP8);
  }

  @Test
  void removingAPutForgetsIt() {
    rewriter.idMap(HeaderExtensionIdMap.builder().build());
    rewriter.put(1, new byte[] {1}, 0, 1).put(2, new byte[] {2, 2}, 0, 2)
        .put(3, new byte[] {3, 3, 3}, 0, 3);
    rewriter.remove(1);

    assertThat(rewrite(CHROMIUM_VP8)).isEqualTo(CHROMIUM_HEADER
        + "bede0002" + "32030303" + "210202" + "00" + CHROMIUM_PAYLOAD);
  }

  @Test
  void csrcsPayloadAndPaddingAreCopiedAndAnOpaqueBlockIsDropped() {
    assertThat(rewrite(RFC3550_FULL)).isEqualTo("a2efabcddeadbeefcafebabe1111111122222222"
        + "010203000003");

    rewriter.put(1, new byte[] {'x'}, 0, 1);
    String rewritten = rewrite(RFC3550_FULL);

    assertThat(rewritten).isEqualTo("b2efabcddeadbeefcafebabe1111111122222222"
        + "bede0001" + "10780000" + "010203000003");
    RtpPacket copy = wrapped(rewritten);
    assertThat(copy.paddingLength()).isEqualTo(3);
    assertThat(copy.payloadLength()).isEqualTo(3);
  }

  @Test
  void theCopyIsWrittenAtAnOffsetAndItsLengthIsKnownBefore() {
    byte[] b = bytes(CHROMIUM_VP8);
    source.wrap(b, 0, b.length);
    rewriter.put(16, new byte[] {1, 2}, 0, 2);
    byte[] out = new byte[200];

    int expected = rewriter.rewrittenLength(source);
    int length = rewriter.rewrite(source, out, 33);

    assertThat(length).isEqualTo(expected).isEqualTo(50);
    assertThat(new RtpPacket().wrap(out, 33, length).ssrc()).isEqualTo(0x5a3c91e7L);
    assertThat(out[32]).isZero();
    assertThat(out[33 + length]).isZero();
  }

  @Test
  void aDestinationWithoutRoomOrOverlappingTheSourceIsRefused() {
    byte[] b = bytes(CHROMIUM_VP8);
    source.wrap(b, 0, b.length);

    assertThatThrownBy(() -> rewriter.rewrite(source, new byte[45], 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 46 bytes");
    assertThatThrownBy(() -> rewriter.rewrite(source, new byte[100], 60))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] shared = new byte[200];
    System.arraycopy(b, 0, shared, 10, b.length);
    source.wrap(shared, 10, b.length);
    assertThatThrownBy(() -> rewriter.rewrite(source, shared, 40))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlaps");
    assertThat(rewriter.rewrite(source, shared, 56)).isEqualTo(46);
  }

  @Test
  void putsAreLimitedAndIdsChecked() {
    for (int id = 1; id <= HeaderExtensionRewriter.MAX_PUTS; id++) {
      rewriter.put(id, new byte[] {1}, 0, 1);
    }
    assertThatThrownBy(() -> rewriter.put(100, new byte[] {1}, 0, 1))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> rewriter.put(0, new byte[] {1}, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rewriter.remove(256))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rewriter.put(1, new byte[300], 0, 256))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void idsAreMappedInPlace() {
    byte[] b = bytes(CHROMIUM_VP8);
    source.wrap(b, 0, b.length);

    assertThat(source.extensions().mapIds(
        HeaderExtensionIdMap.builder().map(2, 3).map(4, 5).map(9, 1).build())).isTrue();

    assertThat(hex(b)).isEqualTo(CHROMIUM_HEADER
        + "bede0003" + "325f3a1c" + "510001" + "1030" + "000000" + CHROMIUM_PAYLOAD);
  }

  @Test
  void unmappedIdsBecomePaddingInPlace() {
    byte[] b = bytes(CHROMIUM_VP8);
    source.wrap(b, 0, b.length);

    assertThat(source.extensions().mapIds(HeaderExtensionIdMap.builder().keep(2).keep(4).build()))
        .isTrue();

    assertThat(hex(b)).isEqualTo(CHROMIUM_HEADER
        + "bede0003" + "225f3a1c" + "410001" + "0000" + "000000" + CHROMIUM_PAYLOAD);
    RtpPacket again = new RtpPacket().wrap(b, 0, b.length);
    assertThat(again.extensions().valueOffset(9)).isEqualTo(-1);
    assertThat(again.extensions().valueLength(4)).isEqualTo(2);
  }

  @Test
  void inPlaceMappingRefusesIdsAbove14InTheOneByteForm() {
    byte[] b = bytes(CHROMIUM_VP8);
    source.wrap(b, 0, b.length);

    assertThat(source.extensions().mapIds(
        HeaderExtensionIdMap.builder().keep(2).map(4, 15).keep(9).build())).isFalse();
    assertThat(hex(b)).isEqualTo(CHROMIUM_VP8);

    assertThat(source.extensions().mapIds(
        HeaderExtensionIdMap.builder().keep(2).keep(4).map(7, 15).build()))
        .as("15 is a target, but of no element present").isTrue();
  }

  @Test
  void twoByteIdsAreMappedInPlaceToAnyId() {
    byte[] b = bytes(RFC8285_TWO_BYTE);
    source.wrap(b, 0, b.length);

    assertThat(source.extensions().mapIds(
        HeaderExtensionIdMap.builder().map(1, 200).map(3, 17).build())).isTrue();

    assertThat(hex(b)).isEqualTo("906000010000000200000003" + "10000003"
        + "c800" + "000000" + "00" + "1104e1e2e3e4" + "cafe");
  }

  @Test
  void anExtensionIsRemovedInPlace() {
    byte[] b = bytes(CHROMIUM_VP8);
    source.wrap(b, 0, b.length);

    assertThat(source.extensions().remove(2)).isTrue();
    assertThat(source.extensions().remove(2)).isFalse();

    assertThat(hex(b)).isEqualTo(CHROMIUM_HEADER
        + "bede0003" + "00000000" + "410001" + "9030" + "000000" + CHROMIUM_PAYLOAD);
    assertThat(source.extensions().valueLength(9)).isEqualTo(1);
  }

  @Test
  void idMapRefusesBadIdsAndDuplicates() {
    assertThatThrownBy(() -> HeaderExtensionIdMap.builder().map(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HeaderExtensionIdMap.builder().map(1, 256))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HeaderExtensionIdMap.builder().map(1, 2).map(1, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already mapped");
    assertThatThrownBy(() -> HeaderExtensionIdMap.builder().map(1, 2).map(3, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already a target");
    HeaderExtensionIdMap map = HeaderExtensionIdMap.builder().map(1, 2).keep(200).build();
    assertThat(map.map(1)).isEqualTo(2);
    assertThat(map.map(200)).isEqualTo(200);
    assertThat(map.map(3)).isZero();
    assertThat(map.maxTargetId()).isEqualTo(200);
    assertThat(map).hasToString("HeaderExtensionIdMap{1->2, 200->200}");
  }

  private String rewrite(String packetHex) {
    byte[] b = bytes(packetHex);
    source.wrap(b, 0, b.length);
    byte[] out = new byte[b.length + 600];
    int length = rewriter.rewrite(source, out, 0);
    assertThat(length).isEqualTo(rewriter.rewrittenLength(source));
    assertThat(hex(b)).as("the source is not changed").isEqualTo(packetHex);
    String rewritten = hex(Arrays.copyOf(out, length));
    wrapped(rewritten);
    return rewritten;
  }

  private static RtpPacket wrapped(String packetHex) {
    byte[] b = bytes(packetHex);
    return new RtpPacket().wrap(b, 0, b.length);
  }
}
