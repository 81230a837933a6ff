package dev.vertxsfu.wire.rtcp;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.wire.WireFuzz;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Random bytes and mutations of every vector (about 100k inputs): every entry point either
 * returns or throws {@link RtcpFormatException}; whatever parses serializes to bytes that parse
 * to the same values; and the in-place accessors accept every packet the parser accepted.
 */
@Tag("fuzz")
class RtcpFuzzTest {

  /** Every parser and in-place accessor, on the input as one packet and as a compound. */
  static void exercise(byte[] input) {
    int len = input.length;
    singlePacket(() -> RtcpPacket.parse(input, 0, len));
    singlePacket(() -> SenderReport.parse(input, 0, len));
    singlePacket(() -> ReceiverReport.parse(input, 0, len));
    singlePacket(() -> SourceDescription.parse(input, 0, len));
    singlePacket(() -> Goodbye.parse(input, 0, len));
    singlePacket(() -> ApplicationDefined.parse(input, 0, len));
    singlePacket(() -> GenericNack.parse(input, 0, len));
    singlePacket(() -> GenericNack.forEachLost(input, 0, len, seq -> { }));
    singlePacket(() -> PictureLossIndication.parse(input, 0, len));
    singlePacket(() -> FullIntraRequest.parse(input, 0, len));
    singlePacket(() -> ReceiverEstimatedMaxBitrate.parse(input, 0, len));
    singlePacket(() -> TransportWideCcFeedback.parse(input, 0, len));
    singlePacket(() -> TransportWideCcFeedback.forEachPacket(input, 0, len, (s, y, t) -> { }));
    singlePacket(() -> RawPacket.parse(input, 0, len));
    singlePacket(() -> SenderReport.reportBlockOffset(input, 0, len, 0));
    singlePacket(() -> ReceiverReport.reportBlockOffset(input, 0, len, 0));
    singlePacket(() -> SourceDescription.chunkSsrc(input, 0, len, 1));
    singlePacket(() -> FeedbackMessage.mediaSsrc(input, 0, len));

    List<RtcpPacket> packets = CompoundPacket.parse(input, 0, len);
    byte[] again = CompoundPacket.serialize(packets);
    assertThat(CompoundPacket.parse(again, 0, again.length)).as(hex(input)).isEqualTo(packets);
    rewriteEverySsrc(input.clone());
  }

  /** After a successful compound parse no in-place accessor may refuse a packet. */
  private static void rewriteEverySsrc(byte[] buf) {
    CompoundPacketReader reader = new CompoundPacketReader().wrap(buf, 0, buf.length);
    try {
      while (reader.next()) {
        int off = reader.offset();
        int len = reader.length();
        switch (reader.packetType()) {
          case RtcpHeader.SR -> {
            SenderReport.setSenderSsrc(buf, off, len, 1);
            for (int i = 0; i < reader.count(); i++) {
              ReportBlock.setSourceSsrc(buf, SenderReport.reportBlockOffset(buf, off, len, i), 2);
            }
          }
          case RtcpHeader.RR -> {
            ReceiverReport.setSenderSsrc(buf, off, len, 1);
            for (int i = 0; i < reader.count(); i++) {
              ReportBlock.setSourceSsrc(buf, ReceiverReport.reportBlockOffset(buf, off, len, i), 2);
            }
          }
          case RtcpHeader.SDES -> {
            for (int i = 0; i < reader.count(); i++) {
              SourceDescription.setChunkSsrc(buf, off, len, i, 3);
            }
          }
          case RtcpHeader.BYE -> {
            for (int i = 0; i < reader.count(); i++) {
              Goodbye.setSsrc(buf, off, len, i, 4);
            }
          }
          case RtcpHeader.RTPFB, RtcpHeader.PSFB -> {
            FeedbackMessage.setSenderSsrc(buf, off, len, 5);
            FeedbackMessage.setMediaSsrc(buf, off, len, 6);
            if (reader.packetType() == RtcpHeader.RTPFB
                && reader.format() == FeedbackMessage.FMT_TRANSPORT_CC) {
              TransportWideCcFeedback.forEachPacket(buf, off, len, (s, y, t) -> { });
            }
          }
          default -> { }
        }
      }
    } catch (RtcpFormatException e) {
      throw new AssertionError("an in-place accessor refused a parsed packet: " + e.getMessage()
          + " in " + hex(buf), e);
    }
  }

  private static void singlePacket(Runnable parser) {
    try {
      parser.run();
    } catch (RtcpFormatException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("an RtcpFormatException without a message", e);
      }
    }
  }

  @Test
  void randomBytesOnlyEverGiveTheTypedError() {
    int rejected = WireFuzz.randomBytes(203, 30_000, 96, RtcpFormatException.class,
        RtcpFuzzTest::exercise);
    assertThat(rejected).isGreaterThan(29_000);
  }

  @Test
  void randomBodiesBehindValidHeadersOnlyEverGiveTheTypedError() {
    // Make each random input look like one packet (version 2, a known type, a fitting length)
    // so the type-specific parsers see most of them.
    int[] accepted = {0};
    WireFuzz.randomBytes(204, 30_000, 80, RtcpFormatException.class, input -> {
      if (input.length >= 4) {
        int words = input.length / 4;
        input[0] = (byte) (0x80 | input[0] & 0x3F & (input[1] < 0 ? 0x1F : 0x3F));
        input[1] = (byte) (200 + Math.floorMod(input[1], 8));
        input[2] = (byte) ((words - 1) >>> 8);
        input[3] = (byte) (words - 1);
      }
      exercise(input);
      accepted[0]++;
    });
    assertThat(accepted[0]).as("some random bodies must parse").isGreaterThan(1_000);
  }

  @Test
  void mutationsOfEveryVectorOnlyEverGiveTheTypedError() {
    long seed = 205;
    for (byte[] valid : RtcpVectors.all()) {
      WireFuzz.mutations(seed++, 2_500, valid, RtcpFormatException.class, RtcpFuzzTest::exercise);
    }
    byte[] compound = CompoundPacket.serialize(RtcpVectors.all().stream()
        .flatMap(bytes -> CompoundPacket.parse(bytes, 0, bytes.length).stream()).toList());
    WireFuzz.mutations(seed, 5_000, compound, RtcpFormatException.class, RtcpFuzzTest::exercise);
  }

  @Test
  void everyTruncationOfEveryVectorIsRejected() {
    int singles = 0;
    for (byte[] valid : RtcpVectors.all()) {
      if (CompoundPacket.validate(valid, 0, valid.length) == 1) { // a compound's prefix may be whole
        WireFuzz.everyTruncationRejected(valid, RtcpFormatException.class,
            input -> CompoundPacket.parse(input, 0, input.length));
        singles++;
      }
    }
    assertThat(singles).isEqualTo(RtcpVectors.all().size() - 1);
  }
}
