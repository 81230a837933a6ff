package dev.vertxsfu.wire.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/** Every captured browser description parses, reads, and writes back byte for byte. */
@Tag("fast")
class CaptureRoundTripTest {

  static java.util.List<String> captures() {
    return Captures.all();
  }

  @ParameterizedTest
  @MethodSource("captures")
  void bytesWriteBackByteForByte(String name) {
    byte[] input = Captures.bytes(name);
    SessionDescription sdp = SessionDescription.parse(input);
    assertThat(sdp.toBytes()).isEqualTo(input);
  }

  @ParameterizedTest
  @MethodSource("captures")
  void textWritesBackCharacterForCharacter(String name) {
    String input = Captures.text(name);
    assertThat(SessionDescription.parse(input).format()).isEqualTo(input);
  }

  @ParameterizedTest
  @MethodSource("captures")
  void capturesUseCrlfAndEndWithIt(String name) {
    SessionDescription sdp = Captures.parse(name);
    assertThat(sdp.lineEnding()).isEqualTo(LineEnding.CRLF);
    assertThat(sdp.endsWithLineEnding()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("captures")
  void everyTypedAccessorReadsCapturedValues(String name) {
    SessionDescription sdp = Captures.parse(name);
    Captures.readEverything(sdp);
    for (MediaDescription media : sdp.media()) {
      assertThat(media.mid()).isNotNull();
      assertThat(sdp.effective(media, Attributes::iceUfrag)).isNotNull();
      assertThat(sdp.effective(media, Attributes::fingerprints)).hasSize(1);
    }
  }

  @ParameterizedTest
  @MethodSource("captures")
  void writtenWithLfOnlyItStillParsesAndKeepsLf(String name) {
    String lf = Captures.text(name).replace("\r\n", "\n");
    SessionDescription sdp = SessionDescription.parse(lf);
    assertThat(sdp.lineEnding()).isEqualTo(LineEnding.LF);
    assertThat(sdp.format()).isEqualTo(lf);
  }

  @ParameterizedTest
  @MethodSource("captures")
  void withoutTheLastLineEndItIsRecordedAndKept(String name) {
    String trimmed = Captures.text(name).stripTrailing();
    SessionDescription sdp = SessionDescription.parse(trimmed);
    assertThat(sdp.endsWithLineEnding()).isFalse();
    assertThat(sdp.format()).isEqualTo(trimmed);
  }
}
