package dev.vertxsfu.wire.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1: the chunk examples of §3.1.3 and
 * §3.1.4, bit for bit, and a whole feedback made of them.
 */
@Tag("fast")
class TransportWideCcDraftTest {

  @Test
  void runLengthChunkExample1() {
    int chunk = 0b0_00_0000011011101; // |0|0 0|0 0 0 0 0 1 1 0 1 1 1 0 1|
    assertThat(chunk).isEqualTo(0x00dd);
    assertThat(PacketStatusChunk.isRunLength(chunk)).isTrue();
    assertThat(RunLengthChunk.symbol(chunk)).isEqualTo(TransportWideCcFeedback.NOT_RECEIVED);
    assertThat(RunLengthChunk.runLength(chunk)).isEqualTo(221);
    assertThat(RunLengthChunk.encode(TransportWideCcFeedback.NOT_RECEIVED, 221)).isEqualTo(chunk);
  }

  @Test
  void runLengthChunkExample2() {
    int chunk = 0b0_11_0000000011000; // |0|1 1|0 0 0 0 0 0 0 0 1 1 0 0 0|
    assertThat(chunk).isEqualTo(0x6018);
    assertThat(RunLengthChunk.symbol(chunk))
        .isEqualTo(TransportWideCcFeedback.RECEIVED_WITHOUT_DELTA);
    assertThat(RunLengthChunk.runLength(chunk)).isEqualTo(24);
  }

  @Test
  void statusVectorChunkExample1() {
    int chunk = 0b1_0_01111100011100; // |1|0|0 1 1 1 1 1 0 0 0 1 1 1 0 0|
    assertThat(chunk).isEqualTo(0x9f1c);
    assertThat(PacketStatusChunk.isRunLength(chunk)).isFalse();
    assertThat(StatusVectorChunk.isTwoBit(chunk)).isFalse();
    assertThat(symbols(chunk)).containsExactly(0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0);
    byte[] expected = {0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0};
    assertThat(StatusVectorChunk.encodeOneBit(expected, 0, 14)).isEqualTo(chunk);
  }

  @Test
  void statusVectorChunkExample2() {
    int chunk = 0b1_1_00110101010000; // |1|1|0 0 1 1 0 1 0 1 0 1 0 0 0 0|
    assertThat(chunk).isEqualTo(0xcd50);
    assertThat(StatusVectorChunk.isTwoBit(chunk)).isTrue();
    // 1x not received, 1x received w/o timestamp, 3x received, 2x not received
    assertThat(symbols(chunk)).containsExactly(0, 3, 1, 1, 1, 0, 0);
    byte[] expected = {0, 3, 1, 1, 1, 0, 0};
    assertThat(StatusVectorChunk.encodeTwoBit(expected, 0, 7)).isEqualTo(chunk);
  }

  @Test
  void feedbackMadeOfTheExampleChunks() {
    byte[] bytes = RtcpVectors.transportWideFeedbackOfDraftChunks();
    TransportWideCcFeedback feedback = TransportWideCcFeedback.parse(bytes, 0, bytes.length);
    assertThat(feedback.baseSequenceNumber()).isEqualTo(10);
    assertThat(feedback.packetStatusCount()).isEqualTo(266);
    assertThat(feedback.referenceTimeUs()).isEqualTo(1_024_000);
    assertThat(feedback.feedbackPacketCount()).isEqualTo(7);
    assertThat(feedback.chunks()).containsExactly(0x00dd, 0x6018, 0x9f1c, 0xcd50);
    assertThat(feedback.receiveDeltas()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 4, 4, 4);
    assertThat(feedback.symbol(0)).isEqualTo(TransportWideCcFeedback.NOT_RECEIVED);
    assertThat(feedback.symbol(221)).isEqualTo(TransportWideCcFeedback.RECEIVED_WITHOUT_DELTA);
    assertThat(feedback.symbol(246)).isEqualTo(TransportWideCcFeedback.RECEIVED_SMALL_DELTA);
    assertThat(feedback.toBytes()).isEqualTo(bytes);

    List<Long> times = new ArrayList<>();
    int[] received = new int[4];
    feedback.forEachPacket((seq, symbol, time) -> {
      received[symbol]++;
      if (time != TransportWideCcFeedback.NO_RECEIVE_TIME) {
        times.add(time);
      }
    });
    assertThat(received).containsExactly(221 + 6 + 3, 8 + 3, 0, 24 + 1);
    assertThat(times).hasSize(11).startsWith(1_024_250L).endsWith(1_024_000L + 9_000 + 3_000);
  }

  @Test
  void aRunLongerThanTheStatusCountIsCutAsLibwebrtcDoes() {
    byte[] bytes = dev.vertxsfu.wire.WireFuzz.hex(""
        + "af cd 00 05" // V=2 P=1 FMT=15 | PT=205 | length=5 (24 bytes)
        + "00 00 00 01" // SSRC of packet sender
        + "00 00 00 02" // SSRC of media source
        + "00 00"       // base sequence number = 0
        + "00 64"       // packet status count = 100
        + "00 00 01"    // reference time = 64 ms
        + "00"          // fb pkt. count = 0
        + "00 dd"       // run length chunk of 221 "not received": only 100 count
        + "00 02"       // padding: two octets
    );
    TransportWideCcFeedback feedback = TransportWideCcFeedback.parse(bytes, 0, bytes.length);
    assertThat(feedback.packetStatusCount()).isEqualTo(100);
    assertThat(feedback.symbol(99)).isEqualTo(TransportWideCcFeedback.NOT_RECEIVED);
    assertThat(feedback.receiveDeltas()).isEmpty();
    assertThat(feedback.toBytes()).isEqualTo(bytes);
  }

  private static int[] symbols(int chunk) {
    int[] symbols = new int[PacketStatusChunk.capacity(chunk)];
    for (int i = 0; i < symbols.length; i++) {
      symbols[i] = PacketStatusChunk.symbol(chunk, i);
    }
    return symbols;
  }
}
