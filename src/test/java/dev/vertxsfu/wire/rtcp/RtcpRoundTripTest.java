package dev.vertxsfu.wire.rtcp;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/** Parse-then-serialize byte equality for every packet type, and value round trips. */
@Tag("fast")
class RtcpRoundTripTest {

  static Stream<Arguments> vectors() {
    return Stream.of(
        vector("SR", RtcpVectors.senderReport(), SenderReport.class),
        vector("RR", RtcpVectors.receiverReport(), ReceiverReport.class),
        vector("empty RR", RtcpVectors.emptyReceiverReport(), ReceiverReport.class),
        vector("SDES", RtcpVectors.sourceDescription(), SourceDescription.class),
        vector("BYE", RtcpVectors.goodbye(), Goodbye.class),
        vector("BYE without reason", RtcpVectors.goodbyeWithoutReason(), Goodbye.class),
        vector("APP", RtcpVectors.applicationDefined(), ApplicationDefined.class),
        vector("Generic NACK", RtcpVectors.genericNack(), GenericNack.class),
        vector("PLI", RtcpVectors.pictureLossIndication(), PictureLossIndication.class),
        vector("FIR", RtcpVectors.fullIntraRequest(), FullIntraRequest.class),
        vector("REMB", RtcpVectors.remb(), ReceiverEstimatedMaxBitrate.class),
        vector("TWCC of the draft's chunks", RtcpVectors.transportWideFeedbackOfDraftChunks(),
            TransportWideCcFeedback.class),
        vector("TWCC one-bit vector", ChromiumLikeTest.transportWideFeedback(),
            TransportWideCcFeedback.class),
        vector("TWCC two-bit vector and run",
            ChromiumLikeTest.transportWideFeedbackReordered(), TransportWideCcFeedback.class),
        vector("XR (raw)", RtcpVectors.extendedReport(), RawPacket.class),
        vector("RTPFB FMT 3 (raw)", RtcpVectors.unknownTransportFeedback(), RawPacket.class),
        vector("unknown packet type 199 (raw)", hex("80 c7 00 01 00000001"), RawPacket.class),
        vector("padded XR keeps its padding (raw)",
            WirePadding.pad(RtcpVectors.extendedReport(), 8), RawPacket.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void parseThenSerializeGivesTheSameBytes(byte[] bytes, Class<?> type) {
    RtcpPacket packet = RtcpPacket.parse(bytes, 0, bytes.length);
    assertThat(packet).isInstanceOf(type);
    assertThat(packet.serializedLength()).isEqualTo(bytes.length);
    assertThat(hex(packet.toBytes())).isEqualTo(hex(bytes));
    byte[] buf = new byte[bytes.length + 10];
    assertThat(packet.write(buf, 5)).isEqualTo(bytes.length);
    assertThat(RtcpPacket.parse(buf, 5, bytes.length)).isEqualTo(packet);
    assertThat(packet.packetType()).isEqualTo(bytes[1] & 0xFF);
    assertThat(packet.count()).isEqualTo(bytes[0] & 0x1F);
  }

  @Test
  void allVectorsAsOneCompoundGiveTheSameBytes() {
    List<RtcpPacket> packets = new ArrayList<>();
    for (byte[] bytes : RtcpVectors.all()) {
      packets.addAll(CompoundPacket.parse(bytes, 0, bytes.length));
    }
    byte[] compound = CompoundPacket.serialize(packets);
    assertThat(CompoundPacket.parse(compound, 0, compound.length)).isEqualTo(packets);
    assertThat(CompoundPacket.validate(compound, 0, compound.length)).isEqualTo(packets.size());
  }

  @Test
  void randomValuesSurviveSerializeThenParse() {
    SplittableRandom random = new SplittableRandom(3550);
    for (int round = 0; round < 3000; round++) {
      List<RtcpPacket> packets = List.of(randomSenderReport(random),
          new ReceiverReport(ssrc(random), blocks(random)), randomSdes(random),
          randomBye(random), GenericNack.of(ssrc(random), ssrc(random), lost(random)),
          new PictureLossIndication(ssrc(random), ssrc(random)),
          FullIntraRequest.of(ssrc(random), ssrc(random), random.nextInt(256)),
          ReceiverEstimatedMaxBitrate.of(ssrc(random), random.nextLong(1L << 40),
              List.of(ssrc(random), ssrc(random))),
          new ApplicationDefined(random.nextInt(32), ssrc(random), "abcd",
              bytes(random, 4 * random.nextInt(5))));
      byte[] compound = CompoundPacket.serialize(packets);
      assertThat(CompoundPacket.parse(compound, 0, compound.length)).as("round %d", round)
          .isEqualTo(packets);
    }
  }

  private static SenderReport randomSenderReport(SplittableRandom random) {
    return new SenderReport(ssrc(random), random.nextLong(), ssrc(random), ssrc(random),
        ssrc(random), blocks(random), bytes(random, 4 * random.nextInt(3)));
  }

  private static List<ReportBlock> blocks(SplittableRandom random) {
    List<ReportBlock> blocks = new ArrayList<>();
    for (int i = random.nextInt(32); i > 0; i--) {
      blocks.add(new ReportBlock(ssrc(random), random.nextInt(256),
          random.nextInt(ReportBlock.MIN_CUMULATIVE_LOST, ReportBlock.MAX_CUMULATIVE_LOST + 1),
          ssrc(random), ssrc(random), ssrc(random), ssrc(random)));
    }
    return blocks;
  }

  private static SourceDescription randomSdes(SplittableRandom random) {
    List<SdesChunk> chunks = new ArrayList<>();
    for (int c = random.nextInt(4); c > 0; c--) {
      List<SdesItem> items = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        items.add(new SdesItem(1 + random.nextInt(255), bytes(random, random.nextInt(40))));
      }
      chunks.add(new SdesChunk(ssrc(random), items));
    }
    return new SourceDescription(chunks);
  }

  private static Goodbye randomBye(SplittableRandom random) {
    List<Long> ssrcs = new ArrayList<>();
    for (int i = random.nextInt(5); i > 0; i--) {
      ssrcs.add(ssrc(random));
    }
    return new Goodbye(ssrcs, random.nextBoolean() ? null : bytes(random, random.nextInt(20)));
  }

  private static int[] lost(SplittableRandom random) {
    int[] lost = new int[1 + random.nextInt(30)];
    int start = random.nextInt(65536);
    for (int i = 0; i < lost.length; i++) {
      lost[i] = start + random.nextInt(100);
    }
    return lost;
  }

  private static long ssrc(SplittableRandom random) {
    return random.nextLong(1L << 32);
  }

  private static byte[] bytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static Arguments vector(String name, byte[] bytes, Class<?> type) {
    return Arguments.of(Named.of(name, bytes), type);
  }
}
