package dev.vertxsfu.wire.rtp;

import static dev.vertxsfu.wire.rtp.RtpTestPackets.CHROMIUM_VP8;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.RFC3550_FULL;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.RFC8285_ONE_BYTE;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.RFC8285_TWO_BYTE;
import static dev.vertxsfu.wire.rtp.RtpTestPackets.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.wire.WireFuzz;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;

/**
 * Random bytes and mutations of valid packets: parsing may only ever raise
 * {@link RtpFormatException}, and whatever parses must survive every reader, rewrite the view
 * offers and still be a valid packet afterwards.
 */
@Tag("fuzz")
class RtpFuzzTest {
  private static final HeaderExtensionIdMap MAP = HeaderExtensionIdMap.builder()
      .map(1, 3).map(2, 14).map(3, 1).map(4, 200).map(9, 2).map(200, 9).build();
  private static final HeaderExtensionIdMap ONE_BYTE_MAP = HeaderExtensionIdMap.builder()
      .map(2, 3).map(4, 5).map(9, 1).build();

  private final RtpPacket packet = new RtpPacket();
  private final RtpPacket copy = new RtpPacket();
  private final HeaderExtensionRewriter rewriter = new HeaderExtensionRewriter().idMap(MAP)
      .putUint16(5, 0x1234).put(16, new byte[] {'m', 'i', 'd'}, 0, 3);
  private final byte[] out = new byte[4096];
  private final byte[] rtx = new byte[4096];
  private final byte[] restored = new byte[4096];

  @org.junit.jupiter.api.Test
  void randomBytes() {
    int rejected = WireFuzz.randomBytes(3550, 30_000, 80, RtpFormatException.class, this::exercise);
    assertThat(rejected).as("some random inputs are packets").isBetween(20_000, 29_500);
    WireFuzz.randomBytes(3711, 10_000, 80, RtpFormatException.class,
        b -> new RtpPacket().wrapHeader(b, 0, b.length));
  }

  @ParameterizedTest
  @ValueSource(strings = {CHROMIUM_VP8, RFC3550_FULL, RFC8285_ONE_BYTE, RFC8285_TWO_BYTE})
  void mutationsOfValidPackets(String vector) {
    int rejected = WireFuzz.mutations(vector.hashCode(), 15_000, bytes(vector),
        RtpFormatException.class, this::exercise);
    assertThat(rejected).isBetween(1, 14_999);
  }

  @org.junit.jupiter.api.Test
  void everyTruncationOfAHeaderIsRefused() {
    byte[] header = Arrays.copyOf(bytes(CHROMIUM_VP8), 28);
    new RtpPacket().wrap(header, 0, header.length);
    WireFuzz.everyTruncationRejected(header, RtpFormatException.class,
        b -> new RtpPacket().wrap(b, 0, b.length));
  }

  /** Parses {@code b} and, if it is a packet, puts it through everything the package does. */
  private void exercise(byte[] b) {
    packet.wrap(b, 0, b.length);
    assertThat(packet.payloadLength()).isNotNegative();
    assertThat(packet.headerLength() + packet.payloadLength() + packet.paddingLength())
        .isEqualTo(b.length);
    packet.toString();
    for (int i = 0; i < packet.csrcCount(); i++) {
      packet.csrc(i);
    }
    for (int id = 0; id <= 16; id++) {
      int at = packet.extensions().valueOffset(id);
      int length = packet.extensions().valueLength(id);
      assertThat(at < 0).isEqualTo(length < 0);
      assertThat(at + length).isLessThanOrEqualTo(packet.payloadOffset());
    }
    packet.extensions().valueOffset(200);

    int length = rewriter.rewrite(packet, out, 0);
    assertThat(length).isEqualTo(rewriter.rewrittenLength(packet));
    copy.wrap(out, 0, length);
    assertThat(copy.extensions().valueLength(5)).isEqualTo(2);
    assertThat(copy.payloadLength()).isEqualTo(packet.payloadLength());

    int rtxLength = RtxPacket.wrap(packet, 7, 97, 1, rtx, 0);
    copy.wrap(rtx, 0, rtxLength);
    int restoredLength = RtxPacket.unwrap(copy, packet.ssrc(), packet.payloadType(), restored, 0);
    assertThat(restoredLength).isEqualTo(b.length - packet.paddingLength());
    copy.wrap(restored, 0, restoredLength);
    assertThat(copy.sequenceNumber()).isEqualTo(packet.sequenceNumber());

    try {
      RtxPacket.originalSequenceNumber(packet);
    } catch (RtpFormatException expected) {
      assertThat(packet.payloadLength()).isLessThan(2);
    }

    packet.extensions().mapIds(ONE_BYTE_MAP);
    packet.extensions().mapIds(MAP);
    packet.extensions().remove(3);
    packet.extensions().setUint16(5, 0xffff);
    copy.wrap(b, 0, b.length);
  }
}
