package dev.vertxsfu.wire.rtcp;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/** Malformed datagrams: each gives an {@link RtcpFormatException} that says what and where. */
@Tag("fast")
class RtcpMalformedTest {

  static Stream<Arguments> datagrams() {
    return Stream.of(
        row("empty datagram", "", "empty compound packet"),
        row("short header", "80 c9 00", "3 stray bytes at offset 0"),
        row("version 1", "40 c9 00 01 00 00 00 01", "version 1, expected 2"),
        row("version 3", "c0 c9 00 01 00 00 00 01", "version 3, expected 2"),
        row("length past the end", "80 c9 00 02 00 00 00 01", "says 12 bytes but only 8 remain"),
        row("stray bytes after a packet", "80 c9 00 01 00 00 00 01 80 c9",
            "2 stray bytes at offset 8"),
        row("second packet past the end", "80 c9 00 01 00 00 00 01 80 c9 00 05 00 00 00 01",
            "at offset 8: length field says 24 bytes"),
        row("padding count 0", "a0 c9 00 01 00 00 00 00", "padding count of 0"),
        row("padding past the header", "a0 c9 00 01 00 00 00 05", "padding count of 5"),
        row("SR shorter than sender info", "80 c8 00 01 00 00 00 01",
            "shorter than its 28-byte fixed part"),
        row("SR RC larger than the space",
            "81 c8 00 06 00000001 00000000 00000000 00000000 00000000 00000000",
            "RC=1 report blocks but room for 0"),
        row("RR RC larger than the space",
            "82 c9 00 07 00000001 00000002 00000000 00000000 00000000 00000000 00000000",
            "RC=2 report blocks but room for 1"),
        row("RR padding leaving half a word", "a0 c9 00 02 00000001 00000002",
            "not whole 32-bit words"),
        row("SDES item past the chunk", "81 ca 00 02 11223344 01 08 61 62",
            "8 bytes of text, past the chunk"),
        row("SDES chunk without END", "81 ca 00 02 11223344 01 02 61 62",
            "without an END octet"),
        row("SDES item length octet missing", "81 ca 00 02 11223344 01 01 61 07",
            "no room for its length"),
        row("SDES SC larger than the chunks", "82 ca 00 02 11223344 01 01 61 00",
            "chunk 1 at offset 12: no room for its SSRC"),
        row("SDES bytes after the chunks", "80 ca 00 01 00 00 00 00", "4 bytes after its 0 chunks"),
        row("BYE SC larger than the space", "82 cb 00 01 11223344", "SC=2 SSRCs but room for 1"),
        row("BYE reason past the end", "81 cb 00 02 11223344 05 62 79 65",
            "reason of 5 bytes at offset 8 runs past the end"),
        row("APP without name", "80 cc 00 01 11223344", "no room for SSRC and name"),
        row("feedback without media SSRC", "81 cd 00 01 00000001", "no room for both SSRCs"),
        row("unknown-FMT feedback without media SSRC", "83 ce 00 01 00000001",
            "no room for both SSRCs"),
        row("NACK without FCI", "81 cd 00 02 00000001 00000002", "FCI of 0 bytes"),
        row("PLI with FCI", "81 ce 00 03 00000001 00000002 00000003", "a PLI has no FCI"),
        row("FIR with half an entry", "84 ce 00 03 00000001 00000000 11223344", "FCI of 4 bytes"),
        row("REMB too short", "8f ce 00 03 00000001 00000000 52454d42",
            "no room for identifier, Num SSRC and bitrate"),
        row("REMB Num SSRC past the end", "8f ce 00 05 00000001 00000000 52454d42 02 0bd090 "
            + "11223344", "Num SSRC=2 needs 28 bytes, packet has 24"),
        row("REMB bitrate overflows", "8f ce 00 04 00000001 00000000 52454d42 00 ffffff",
            "overflows"),
        row("TWCC shorter than its fixed part", "8f cd 00 03 00000001 00000002 0000 0001",
            "shorter than its 20-byte fixed part"),
        row("TWCC packet status count 0", "8f cd 00 04 00000001 00000002 0000 0000 000000 00",
            "packet status count 0"),
        row("TWCC count beyond the chunks",
            "8f cd 00 05 00000001 00000002 0000 001e 000000 00 000a 000a",
            "packet status count 30 but the chunks end after 20 statuses"),
        row("TWCC deltas past the end",
            "8f cd 00 05 00000001 00000002 0000 0003 000000 00 2003 0102",
            "receive deltas run past the end"),
        row("TWCC large delta cut by the padding",
            "af cd 00 05 00000001 00000002 0000 0001 000000 00 4001 ff 01",
            "receive deltas run past the end"),
        row("TWCC bytes after the deltas",
            "8f cd 00 06 00000001 00000002 0000 0001 000000 00 2001 01 000000 00000000",
            "bytes after the receive deltas"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datagrams")
  void malformedDatagramIsRejected(byte[] datagram, String fragment) {
    assertThatThrownBy(() -> CompoundPacket.parse(datagram, 0, datagram.length))
        .isInstanceOf(RtcpFormatException.class)
        .hasMessageContaining(fragment);
  }

  static Stream<Arguments> inPlaceAccess() {
    byte[] sr = RtcpVectors.senderReport();
    byte[] rr = RtcpVectors.receiverReport();
    byte[] sdes = RtcpVectors.sourceDescription();
    byte[] bye = RtcpVectors.goodbye();
    byte[] fir = RtcpVectors.fullIntraRequest();
    byte[] remb = RtcpVectors.remb();
    byte[] nack = RtcpVectors.genericNack();
    return Stream.of(
        access("SR block index past RC", b -> SenderReport.reportBlockOffset(sr, 0, 52, 1),
            "no report block 1, RC=1"),
        access("SR setter on an RR", b -> SenderReport.setSenderSsrc(rr, 0, 56, 9),
            "packet type 201, expected 200"),
        access("RR setter with a wrong length", b -> ReceiverReport.setSenderSsrc(rr, 0, 52, 9),
            "length field says 56 bytes but 52 are given"),
        access("RR range outside the buffer", b -> ReceiverReport.senderSsrc(rr, 40, 56),
            "lie outside a buffer of 56 bytes"),
        access("SDES chunk past SC", b -> SourceDescription.setChunkSsrc(sdes, 0, 28, 2, 9),
            "no chunk 2, SC=2"),
        access("BYE SSRC past SC", b -> Goodbye.setSsrc(bye, 0, 16, 2, 9), "no SSRC 2, SC=2"),
        access("FIR entry past the FCI", b -> FullIntraRequest.setEntrySsrc(fir, 0, 28, 2, 9),
            "no entry 2 of 2"),
        access("REMB SSRC past Num SSRC",
            b -> ReceiverEstimatedMaxBitrate.setSsrc(remb, 0, 24, 1, 9), "no SSRC 1, Num SSRC=1"),
        access("media SSRC of a non-feedback packet",
            b -> FeedbackMessage.setMediaSsrc(sr, 0, 52, 9), "is not RTPFB or PSFB"),
        access("TWCC walk over a NACK",
            b -> TransportWideCcFeedback.forEachPacket(nack, 0, 20, (s, y, t) -> { }),
            "FMT 1, expected 15"),
        access("NACK walk with no buffer",
            b -> GenericNack.forEachLost(null, 0, 20, seq -> { }), "no buffer"),
        access("reader on a negative offset",
            b -> new CompoundPacketReader().wrap(sr, -1, 4), "outside a buffer"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inPlaceAccess")
  void malformedInPlaceAccessIsRejected(Consumer<byte[]> call, String fragment) {
    assertThatThrownBy(() -> call.accept(null))
        .isInstanceOf(RtcpFormatException.class)
        .hasMessageContaining(fragment);
  }

  private static Arguments row(String name, String hex, String fragment) {
    return Arguments.of(Named.of(name, hex(hex)), fragment);
  }

  private static Arguments access(String name, Consumer<byte[]> call, String fragment) {
    return Arguments.of(Named.of(name, call), fragment);
  }
}
