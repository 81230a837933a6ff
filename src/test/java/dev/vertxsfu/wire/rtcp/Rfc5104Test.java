package dev.vertxsfu.wire.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** RFC 5104 §4.3.1: Full Intra Request. */
@Tag("fast")
class Rfc5104Test {

  @Test
  void fullIntraRequestEntries() {
    byte[] bytes = RtcpVectors.fullIntraRequest();
    FullIntraRequest fir = FullIntraRequest.parse(bytes, 0, bytes.length);
    assertThat(fir.senderSsrc()).isEqualTo(1);
    assertThat(fir.mediaSsrc()).isZero();
    assertThat(fir.entries()).containsExactly(new FirEntry(0x11223344L, 42),
        new FirEntry(0x55667788L, 255));
    assertThat(fir.toBytes()).isEqualTo(bytes);
  }

  @Test
  void reservedBitsAreIgnoredOnReadingAndZeroOnWriting() {
    byte[] bytes = RtcpVectors.fullIntraRequest();
    bytes[17] = 0x7f;
    FullIntraRequest fir = FullIntraRequest.parse(bytes, 0, bytes.length);
    assertThat(fir.entries().get(0)).isEqualTo(new FirEntry(0x11223344L, 42));
    assertThat(fir.toBytes()[17]).isZero();
  }

  @Test
  void ofBuildsOneEntryWithUnusedMediaSsrc() {
    FullIntraRequest fir = FullIntraRequest.of(7, 0xabcdef01L, 3);
    byte[] bytes = fir.toBytes();
    assertThat(bytes).hasSize(20);
    assertThat(FullIntraRequest.parse(bytes, 0, bytes.length)).isEqualTo(fir);
    assertThat(FeedbackMessage.mediaSsrc(bytes, 0, bytes.length)).isZero();
  }
}
