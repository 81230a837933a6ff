package dev.vertxsfu.wire.rtcp;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Packets composed to look like what Chromium sends (SR + SDES CNAME compounds, libwebrtc's
 * transport-wide feedback with its chunk choices and padding bit), checked field by field, and
 * the feedback builder shown to produce the very same bytes from the same arrivals.
 */
@Tag("fast")
class ChromiumLikeTest {
  private static final long VIDEO_SSRC = 0x7a3b9c01L;

  /** A publisher's regular compound: SR without report blocks, then SDES with its CNAME. */
  static byte[] senderReportAndSdes() {
    return hex(""
        + "80 c8 00 06" // SR: V=2 P=0 RC=0 | PT=200 | length=6 (28 bytes)
        + "7a 3b 9c 01" //   SSRC of sender (the video stream)
        + "e9 5c 1a 2b" //   NTP timestamp, most significant word
        + "4b c6 a7 f0" //   NTP timestamp, least significant word
        + "5f 3a 21 40" //   RTP timestamp
        + "00 00 0b b8" //   sender's packet count = 3000
        + "00 2d c6 c0" //   sender's octet count = 3000000
        + "81 ca 00 06" // SDES: V=2 P=0 SC=1 | PT=202 | length=6 (28 bytes)
        + "7a 3b 9c 01" //   chunk 1: SSRC
        + "01 10"       //   CNAME=1, length=16
        + "68 51 34 64 36 50 68 31 62 43 38 6e 4e 32 78 54" // "hQ4d6Ph1bC8nN2xT"
        + "00 00"       //   END and one null to the boundary
    );
  }

  /** libwebrtc feedback for 12 packets, the sixth lost: one one-bit status vector. */
  static byte[] transportWideFeedback() {
    return hex(""
        + "af cd 00 08" // V=2 P=1 FMT=15 | PT=205 | length=8 (36 bytes)
        + "00 00 00 01" // SSRC of packet sender
        + "7a 3b 9c 01" // SSRC of media source
        + "01 02"       // base sequence number = 258
        + "00 0c"       // packet status count = 12
        + "00 1a 2b"    // reference time = 6699 * 64 ms
        + "05"          // fb pkt. count = 5
        + "be fc"       // 1|0|11111 0 111111|00: one-bit vector, 12 used, 6th not received
        + "14 04 00 08 3c" // deltas of 258..262: 5, 1, 0, 2, 15 ms
        + "01 02 03 ff 28 10" // deltas of 264..269: 0.25, 0.5, 0.75, 63.75, 10, 4 ms
        + "00 00 03"    // padding: three octets, the last counting them
    );
  }

  /** libwebrtc feedback for 20 packets, the fourth arrived before the third: two chunks. */
  static byte[] transportWideFeedbackReordered() {
    return hex(""
        + "af cd 00 0b" // V=2 P=1 FMT=15 | PT=205 | length=11 (48 bytes)
        + "00 00 00 01" // SSRC of packet sender
        + "7a 3b 9c 01" // SSRC of media source
        + "ff fa"       // base sequence number = 65530 (the run wraps to 13)
        + "00 14"       // packet status count = 20
        + "00 1a 2c"    // reference time = 6700 * 64 ms
        + "06"          // fb pkt. count = 6
        + "d5 95"       // 1|1|01 01 01 10 01 01 01: two-bit vector, the 4th a large delta
        + "20 0d"       // 0|01|13: run of 13 "received, small delta"
        + "04 04 04"    // deltas: 1 ms each
        + "ff f8"       // large delta -8 = -2 ms (arrived before its predecessor)
        + "0c 04 04"    // 3 ms, 1 ms, 1 ms
        + "04 04 04 04 04 04 04 04 04 04 04 04 04" // 13 x 1 ms
        + "00 00 03"    // padding
    );
  }

  @Test
  void compoundOfSenderReportAndSdesIteratesAndParses() {
    byte[] bytes = senderReportAndSdes();
    CompoundPacketReader reader = new CompoundPacketReader().wrap(bytes, 0, bytes.length);
    assertThat(reader.next()).isTrue();
    assertThat(reader.packetType()).isEqualTo(RtcpHeader.SR);
    assertThat(reader.offset()).isZero();
    assertThat(reader.length()).isEqualTo(28);
    assertThat(reader.next()).isTrue();
    assertThat(reader.packetType()).isEqualTo(RtcpHeader.SDES);
    assertThat(reader.offset()).isEqualTo(28);
    assertThat(reader.count()).isEqualTo(1);
    assertThat(reader.next()).isFalse();

    List<RtcpPacket> packets = CompoundPacket.parse(bytes, 0, bytes.length);
    SenderReport sr = (SenderReport) packets.get(0);
    assertThat(sr.senderSsrc()).isEqualTo(VIDEO_SSRC);
    assertThat(sr.ntpTimestamp()).isEqualTo(0xe95c1a2b_4bc6a7f0L);
    assertThat(sr.rtpTimestamp()).isEqualTo(0x5f3a2140L);
    assertThat(sr.packetCount()).isEqualTo(3000);
    assertThat(sr.octetCount()).isEqualTo(3_000_000);
    assertThat(sr.reportBlocks()).isEmpty();
    SourceDescription sdes = (SourceDescription) packets.get(1);
    assertThat(sdes.chunks()).containsExactly(SdesChunk.cname(VIDEO_SSRC, "hQ4d6Ph1bC8nN2xT"));
    assertThat(sdes.chunks().get(0).cname()).isEqualTo("hQ4d6Ph1bC8nN2xT");
    assertThat(CompoundPacket.serialize(packets)).isEqualTo(bytes);
  }

  @Test
  void transportWideFeedbackReportsArrivalTimesAndTheLostPacket() {
    byte[] bytes = transportWideFeedback();
    TransportWideCcFeedback feedback = TransportWideCcFeedback.parse(bytes, 0, bytes.length);
    assertThat(feedback.baseSequenceNumber()).isEqualTo(258);
    assertThat(feedback.packetStatusCount()).isEqualTo(12);
    assertThat(feedback.referenceTime()).isEqualTo(6699);
    assertThat(feedback.feedbackPacketCount()).isEqualTo(5);
    assertThat(feedback.mediaSsrc()).isEqualTo(VIDEO_SSRC);
    assertThat(feedback.receiveDeltas()).containsExactly(20, 4, 0, 8, 60, 1, 2, 3, 255, 40, 16);

    List<String> seen = new ArrayList<>();
    TransportWideCcFeedback.forEachPacket(bytes, 0, bytes.length,
        (seq, symbol, time) -> seen.add(seq + ":" + symbol + ":" + time));
    long ref = 6699 * 64_000L;
    assertThat(seen).containsExactly(
        "258:1:" + (ref + 5_000), "259:1:" + (ref + 6_000), "260:1:" + (ref + 6_000),
        "261:1:" + (ref + 8_000), "262:1:" + (ref + 23_000),
        "263:0:" + TransportWideCcFeedback.NO_RECEIVE_TIME,
        "264:1:" + (ref + 23_250), "265:1:" + (ref + 23_750), "266:1:" + (ref + 24_500),
        "267:1:" + (ref + 88_250), "268:1:" + (ref + 98_250), "269:1:" + (ref + 102_250));
  }

  @Test
  void builderReproducesLibwebrtcsOneBitVector() {
    long ref = 6699 * 64_000L;
    TransportWideCcFeedbackBuilder builder = new TransportWideCcFeedbackBuilder(1, VIDEO_SSRC, 5);
    long[] times = {ref + 5_000, ref + 6_000, ref + 6_000, ref + 8_000, ref + 23_000};
    for (int i = 0; i < times.length; i++) {
      assertThat(builder.addReceivedPacket(258 + i, times[i])).isTrue();
    }
    long[] later = {ref + 23_250, ref + 23_750, ref + 24_500, ref + 88_250, ref + 98_250,
        ref + 102_250};
    for (int i = 0; i < later.length; i++) {
      assertThat(builder.addReceivedPacket(264 + i, later[i])).isTrue();
    }
    assertThat(builder.build().toBytes()).isEqualTo(transportWideFeedback());
  }

  @Test
  void builderReproducesLibwebrtcsTwoBitVectorThenRun() {
    long ref = 6700 * 64_000L;
    int[] ticks = {4, 4, 4, -8, 12, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4};
    TransportWideCcFeedbackBuilder builder = new TransportWideCcFeedbackBuilder(1, VIDEO_SSRC, 6);
    long time = ref;
    for (int i = 0; i < ticks.length; i++) {
      time += ticks[i] * 250L;
      assertThat(builder.addReceivedPacket((65530 + i) & 0xFFFF, time)).isTrue();
    }
    byte[] built = builder.build().toBytes();
    assertThat(hex(built)).isEqualTo(hex(transportWideFeedbackReordered()));
    TransportWideCcFeedback parsed = TransportWideCcFeedback.parse(built, 0, built.length);
    assertThat(parsed.symbol(3)).isEqualTo(TransportWideCcFeedback.RECEIVED_LARGE_DELTA);
    assertThat(parsed.sequenceNumber(19)).isEqualTo(13);
  }
}
