package dev.vertxsfu.wire.rtp;

import static dev.vertxsfu.wire.rtp.RtpTestPackets.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 6464 §3 draws the audio level element without values; these fill it in, in both RFC 8285
 * forms, beside the packets that carry no level.
 */
@Tag("fast")
class Rfc6464Test {
  private final RtpPacket packet = new RtpPacket();

  @Test
  void oneByteFormVoiceAtMinus20DbovOfSection3() {
    wrap("906f0001" + "00000002" + "00000003" // V=2 X=1 PT=111, seq 1, ts 2, SSRC 3
        + "bede0001" + "10" + "94" + "0000"     // ID=1 L=0, V=1 level=20, padding
        + "fc");                                 // one byte of Opus
    int value = AudioLevel.read(packet, 1);

    assertThat(value).isEqualTo(0x94);
    assertThat(AudioLevel.voiceActivity(value)).isTrue();
    assertThat(AudioLevel.level(value)).isEqualTo(20);
  }

  @Test
  void twoByteFormSilenceWithoutVoice() {
    wrap("906f0001" + "00000002" + "00000003"
        + "10000001" + "0501" + "7f" + "00"     // ID=5 length 1, V=0 level=127, padding
        + "fc");
    int value = AudioLevel.read(packet, 5);

    assertThat(AudioLevel.voiceActivity(value)).isFalse();
    assertThat(AudioLevel.level(value)).isEqualTo(AudioLevel.SILENCE);
  }

  @Test
  void absentWithoutExtensionForAnotherIdOrForIdZero() {
    wrap("806f0001" + "00000002" + "00000003" + "fc");
    assertThat(AudioLevel.read(packet, 1)).isEqualTo(AudioLevel.ABSENT);

    wrap("906f0001" + "00000002" + "00000003" + "bede0001" + "10" + "94" + "0000" + "fc");
    assertThat(AudioLevel.read(packet, 2)).isEqualTo(AudioLevel.ABSENT);
    assertThat(AudioLevel.read(packet, 0)).isEqualTo(AudioLevel.ABSENT);
  }

  @Test
  void anEmptyTwoByteElementIsAbsentNotAnOutOfBoundsRead() {
    wrap("906f0001" + "00000002" + "00000003" + "10000001" + "0500" + "0000" + "fc");
    assertThat(AudioLevel.read(packet, 5)).isEqualTo(AudioLevel.ABSENT);
  }

  private void wrap(String hex) {
    byte[] b = bytes(hex);
    packet.wrap(b, 0, b.length);
  }
}
