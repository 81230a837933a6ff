package dev.vertxsfu.wire.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The SFU maps SSRCs per subscriber: every SSRC field rewritten in place through the reader must
 * give the same bytes as building the packets with the mapped SSRCs.
 */
@Tag("fast")
class SsrcRewriteTest {

  private static long map(long ssrc) {
    return ssrc ^ 0xA5A5_0000L;
  }

  @Test
  void everySsrcFieldOfACompoundIsRewrittenInPlace() {
    ReportBlock block = new ReportBlock(0x1000, 3, 7, 500, 20, 0x12345678L, 99);
    List<RtcpPacket> original = List.of(
        new SenderReport(0x10, 1L << 40, 90_000, 5, 600, List.of(block, block)),
        new ReceiverReport(0x11, List.of(block)),
        new SourceDescription(List.of(SdesChunk.cname(0x10, "a"), SdesChunk.cname(0x12, "bcde"))),
        GenericNack.of(0x11, 0x2000, 5, 6, 9),
        new PictureLossIndication(0x11, 0x2001),
        FullIntraRequest.of(0x11, 0x2002, 1),
        ReceiverEstimatedMaxBitrate.of(0x11, 300_000, List.of(0x2003L, 0x2004L)),
        twcc(0x11, 0x2005),
        Goodbye.of(0x10, 0x12));
    byte[] bytes = CompoundPacket.serialize(original);

    CompoundPacketReader reader = new CompoundPacketReader().wrap(bytes, 0, bytes.length);
    while (reader.next()) {
      rewrite(reader);
    }

    ReportBlock mappedBlock = new ReportBlock(map(0x1000), 3, 7, 500, 20, 0x12345678L, 99);
    List<RtcpPacket> expected = List.of(
        new SenderReport(map(0x10), 1L << 40, 90_000, 5, 600, List.of(mappedBlock, mappedBlock)),
        new ReceiverReport(map(0x11), List.of(mappedBlock)),
        new SourceDescription(List.of(SdesChunk.cname(map(0x10), "a"),
            SdesChunk.cname(map(0x12), "bcde"))),
        GenericNack.of(map(0x11), map(0x2000), 5, 6, 9),
        new PictureLossIndication(map(0x11), map(0x2001)),
        FullIntraRequest.of(map(0x11), map(0x2002), 1),
        ReceiverEstimatedMaxBitrate.of(map(0x11), 300_000, List.of(map(0x2003), map(0x2004))),
        twcc(map(0x11), map(0x2005)),
        Goodbye.of(map(0x10), map(0x12)));
    assertThat(bytes).isEqualTo(CompoundPacket.serialize(expected));
  }

  private static TransportWideCcFeedback twcc(long sender, long media) {
    TransportWideCcFeedbackBuilder builder = new TransportWideCcFeedbackBuilder(sender, media, 0);
    builder.addReceivedPacket(100, 1_000_000);
    builder.addReceivedPacket(102, 1_004_000);
    return builder.build();
  }

  /** What a media-layer forwarder would do for each packet: map every SSRC field. */
  private static void rewrite(CompoundPacketReader reader) {
    byte[] buf = reader.buffer();
    int off = reader.offset();
    int len = reader.length();
    switch (reader.packetType()) {
      case RtcpHeader.SR -> {
        SenderReport.setSenderSsrc(buf, off, len, map(SenderReport.senderSsrc(buf, off, len)));
        for (int i = 0; i < reader.count(); i++) {
          int at = SenderReport.reportBlockOffset(buf, off, len, i);
          ReportBlock.setSourceSsrc(buf, at, map(ReportBlock.sourceSsrc(buf, at)));
        }
      }
      case RtcpHeader.RR -> {
        ReceiverReport.setSenderSsrc(buf, off, len, map(ReceiverReport.senderSsrc(buf, off, len)));
        for (int i = 0; i < reader.count(); i++) {
          int at = ReceiverReport.reportBlockOffset(buf, off, len, i);
          ReportBlock.setSourceSsrc(buf, at, map(ReportBlock.sourceSsrc(buf, at)));
        }
      }
      case RtcpHeader.SDES -> {
        for (int i = 0; i < reader.count(); i++) {
          SourceDescription.setChunkSsrc(buf, off, len, i,
              map(SourceDescription.chunkSsrc(buf, off, len, i)));
        }
      }
      case RtcpHeader.BYE -> {
        List<Long> ssrcs = Goodbye.parse(buf, off, len).ssrcs();
        for (int i = 0; i < ssrcs.size(); i++) {
          Goodbye.setSsrc(buf, off, len, i, map(ssrcs.get(i)));
        }
      }
      case RtcpHeader.RTPFB, RtcpHeader.PSFB -> {
        FeedbackMessage.setSenderSsrc(buf, off, len,
            map(FeedbackMessage.senderSsrc(buf, off, len)));
        RtcpPacket packet = reader.parse();
        if (packet instanceof FullIntraRequest fir) {
          for (int i = 0; i < fir.entries().size(); i++) {
            FullIntraRequest.setEntrySsrc(buf, off, len, i, map(fir.entries().get(i).ssrc()));
          }
        } else if (packet instanceof ReceiverEstimatedMaxBitrate remb) {
          for (int i = 0; i < remb.ssrcs().size(); i++) {
            ReceiverEstimatedMaxBitrate.setSsrc(buf, off, len, i, map(remb.ssrcs().get(i)));
          }
        } else {
          FeedbackMessage.setMediaSsrc(buf, off, len,
              map(FeedbackMessage.mediaSsrc(buf, off, len)));
        }
      }
      default -> throw new AssertionError("unexpected packet type " + reader.packetType());
    }
  }
}
