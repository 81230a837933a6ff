package dev.vertxsfu.wire.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** RFC 3550 §6: SR, RR, SDES, BYE, APP and compound packets, from hand-typed vectors. */
@Tag("fast")
class Rfc3550Test {

  @Test
  void senderReportFieldsAndReportBlock() {
    byte[] bytes = RtcpVectors.senderReport();
    SenderReport sr = SenderReport.parse(bytes, 0, bytes.length);
    assertThat(sr.senderSsrc()).isEqualTo(0x12345678L);
    assertThat(sr.ntpTimestamp()).isEqualTo(0xe95c1a2b_80000000L);
    assertThat(sr.rtpTimestamp()).isEqualTo(123456);
    assertThat(sr.packetCount()).isEqualTo(1000);
    assertThat(sr.octetCount()).isEqualTo(1_000_000);
    assertThat(sr.profileExtensions()).isEmpty();
    assertThat(sr.reportBlocks()).containsExactly(
        new ReportBlock(0x9abcdef0L, 25, -2, 0x0001105cL, 100, 0x5c1a2b80L, 0x18000));
    assertThat(sr.toBytes()).isEqualTo(bytes);
  }

  @Test
  void receiverReportBlocksIncludingExtremeValues() {
    byte[] bytes = RtcpVectors.receiverReport();
    ReceiverReport rr = ReceiverReport.parse(bytes, 0, bytes.length);
    assertThat(rr.senderSsrc()).isEqualTo(1);
    assertThat(rr.reportBlocks()).containsExactly(
        new ReportBlock(2, 0, 0, 65535, 10, 0, 0),
        new ReportBlock(3, 128, ReportBlock.MAX_CUMULATIVE_LOST, 0x00020005L, 0xffffffffL,
            0x12345678L, 0x4000));
    assertThat(rr.toBytes()).isEqualTo(bytes);
  }

  @Test
  void emptyReceiverReport() {
    byte[] bytes = RtcpVectors.emptyReceiverReport();
    ReceiverReport rr = ReceiverReport.parse(bytes, 0, bytes.length);
    assertThat(rr).isEqualTo(new ReceiverReport(0xdeadbeefL, List.of()));
    assertThat(rr.toBytes()).isEqualTo(bytes);
  }

  @Test
  void receiverReportKeepsProfileSpecificExtensions() {
    ReceiverReport rr = new ReceiverReport(7, List.of(), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    byte[] bytes = rr.toBytes();
    assertThat(bytes).hasSize(16);
    ReceiverReport parsed = ReceiverReport.parse(bytes, 0, bytes.length);
    assertThat(parsed).isEqualTo(rr);
    assertThat(parsed.profileExtensions()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void sdesChunksItemsAndNullPadding() {
    byte[] bytes = RtcpVectors.sourceDescription();
    SourceDescription sdes = SourceDescription.parse(bytes, 0, bytes.length);
    assertThat(sdes.chunks()).containsExactly(
        new SdesChunk(0x11223344L, List.of(SdesItem.cname("ab"))),
        new SdesChunk(0x55667788L,
            List.of(SdesItem.of(SdesItem.NAME, "x"), SdesItem.of(SdesItem.TOOL, "yz"))));
    assertThat(sdes.chunks().get(1).cname()).isNull();
    assertThat(sdes.toBytes()).isEqualTo(bytes);
  }

  @Test
  void sdesItemOfEveryLengthPadsToTheBoundary() {
    for (int length = 0; length <= SdesItem.MAX_LENGTH; length++) {
      byte[] text = new byte[length];
      java.util.Arrays.fill(text, (byte) 'a');
      SourceDescription sdes = new SourceDescription(
          List.of(new SdesChunk(1, List.of(new SdesItem(SdesItem.NOTE, text)))));
      byte[] bytes = sdes.toBytes();
      assertThat(bytes.length % 4).isZero();
      assertThat(bytes.length - 8 - 2 - length).isBetween(1, 4);
      assertThat(SourceDescription.parse(bytes, 0, bytes.length)).isEqualTo(sdes);
    }
  }

  @Test
  void sdesKeepsUnknownItemTypesAndNonUtf8Bytes() {
    SdesItem odd = new SdesItem(42, new byte[] {(byte) 0xff, 0x00, (byte) 0xc3});
    SourceDescription sdes = new SourceDescription(List.of(new SdesChunk(9, List.of(odd))));
    byte[] bytes = sdes.toBytes();
    assertThat(SourceDescription.parse(bytes, 0, bytes.length).chunks().get(0).items())
        .containsExactly(odd);
  }

  @Test
  void goodbyeWithReason() {
    byte[] bytes = RtcpVectors.goodbye();
    Goodbye bye = Goodbye.parse(bytes, 0, bytes.length);
    assertThat(bye.ssrcs()).containsExactly(0x1000L, 0x2000L);
    assertThat(bye.reasonText()).isEqualTo("bye");
    assertThat(bye).isEqualTo(Goodbye.withReason("bye", 0x1000, 0x2000));
    assertThat(bye.toBytes()).isEqualTo(bytes);
  }

  @Test
  void goodbyeWithoutReason() {
    byte[] bytes = RtcpVectors.goodbyeWithoutReason();
    Goodbye bye = Goodbye.parse(bytes, 0, bytes.length);
    assertThat(bye).isEqualTo(Goodbye.of(0xcafebabeL));
    assertThat(bye.reason()).isNull();
    assertThat(bye.toBytes()).isEqualTo(bytes);
  }

  @Test
  void goodbyeReasonIsPaddedWithNulls() {
    Goodbye bye = Goodbye.withReason("going", 1);
    byte[] bytes = bye.toBytes();
    assertThat(bytes).hasSize(4 + 4 + 8);
    assertThat(bytes[8]).isEqualTo((byte) 5);
    assertThat(new String(bytes, 9, 5, StandardCharsets.UTF_8)).isEqualTo("going");
    assertThat(bytes[14]).isZero();
    assertThat(bytes[15]).isZero();
    assertThat(Goodbye.parse(bytes, 0, bytes.length)).isEqualTo(bye);
  }

  @Test
  void applicationDefinedIsPassedThrough() {
    byte[] bytes = RtcpVectors.applicationDefined();
    ApplicationDefined app = ApplicationDefined.parse(bytes, 0, bytes.length);
    assertThat(app.subtype()).isEqualTo(3);
    assertThat(app.ssrc()).isEqualTo(0x01020304L);
    assertThat(app.name()).isEqualTo("TEST");
    assertThat(app.data()).containsExactly(0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77);
    assertThat(app.toBytes()).isEqualTo(bytes);
  }

  @Test
  void compoundPacketOfSeveralTypesIsWalkedInOrder() {
    byte[] bytes = CompoundPacket.serialize(List.of(
        SenderReport.parse(RtcpVectors.senderReport(), 0, 52),
        SourceDescription.parse(RtcpVectors.sourceDescription(), 0, 28),
        Goodbye.parse(RtcpVectors.goodbye(), 0, 16)));
    CompoundPacketReader reader = new CompoundPacketReader().wrap(bytes, 0, bytes.length);
    int[] types = new int[3];
    int[] offsets = new int[3];
    int n = 0;
    while (reader.next()) {
      types[n] = reader.packetType();
      offsets[n++] = reader.offset();
    }
    assertThat(types).containsExactly(RtcpHeader.SR, RtcpHeader.SDES, RtcpHeader.BYE);
    assertThat(offsets).containsExactly(0, 52, 80);
    assertThat(CompoundPacket.validate(bytes, 0, bytes.length)).isEqualTo(3);
  }

  @Test
  void readerWorksInsideALargerBuffer() {
    byte[] packet = RtcpVectors.senderReport();
    byte[] buf = new byte[packet.length + 20];
    System.arraycopy(packet, 0, buf, 7, packet.length);
    CompoundPacketReader reader = new CompoundPacketReader().wrap(buf, 7, packet.length);
    assertThat(reader.next()).isTrue();
    assertThat(reader.offset()).isEqualTo(7);
    assertThat(reader.parse()).isEqualTo(SenderReport.parse(packet, 0, packet.length));
    assertThat(reader.next()).isFalse();
  }

  @Test
  void paddingBitOnTheLastPacketIsAcceptedAndNotPartOfTheContent() {
    byte[] padded = WirePadding.pad(RtcpVectors.goodbyeWithoutReason(), 4);
    Goodbye bye = Goodbye.parse(padded, 0, padded.length);
    assertThat(bye).isEqualTo(Goodbye.of(0xcafebabeL));
    CompoundPacketReader reader = new CompoundPacketReader().wrap(padded, 0, padded.length);
    assertThat(reader.next()).isTrue();
    assertThat(reader.padding()).isTrue();
    assertThat(reader.length()).isEqualTo(12);
  }
}
