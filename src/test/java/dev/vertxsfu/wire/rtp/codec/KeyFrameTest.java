package dev.vertxsfu.wire.rtp.codec;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Payload starts built from each payload format's diagram; a comment names each byte. */
@Tag("fast")
class KeyFrameTest {

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource({
      // VP8: 90 = X S; 80 = I; 81 23 = M + 15-bit picture id; 31 = frame tag with P=1 (delta)
      "VP8, 908081233100, false",
      // 90 80 81 23 then 50 00 00 = frame tag with P clear, then the key frame start code 9d012a
      "VP8, 90808123500000 9d012a, true",
      // 10 = S, no X; 50 = key frame header byte (P clear)
      "VP8, 1050, true",
      // 00 = S clear (continuation of a frame)
      "VP8, 0050, false",
      // 11 = S with partition 1
      "VP8, 1150, false",
      // X set but nothing after it
      "VP8, 90, false",
      // VP9: 88 = I B, 01 = 7-bit picture id: B set, P clear, no L
      "VP9, 8801, true",
      // c8 = I P B: inter-predicted
      "VP9, c801, false",
      // a8 = I L B; 01 picture id; 02 = SID 1 (TID 0, U 0, SID 001, D 0): not the base layer
      "VP9, a80102, false",
      // a8 01 00 = SID 0
      "VP9, a80100, true",
      // 80 = I without B
      "VP9, 8001, false",
      // H264: 65 = IDR slice (type 5)
      "H264, 6588, true",
      // 41 = non-IDR slice (type 1)
      "H264, 419a, false",
      // 78 = STAP-A; 0002 size 2: 67 SPS; 0002 size 2: 68 PPS
      "H264, 78000267420002683c, true",
      // STAP-A with a size past the end
      "H264, 7800ff67, false",
      // 7c = FU-A; 85 = S set, type 5 (IDR)
      "H264, 7c8588, true",
      // 7c 05 = FU-A continuation of an IDR
      "H264, 7c0588, false",
      // AV1: 18 = W=1, N=1
      "AV1, 18, true",
      // 10 = W=1, N=0
      "AV1, 10, false",
  })
  void keyFramesAreFoundFromThePayloadStart(VideoCodec codec, String payload, boolean key) {
    byte[] bytes = hex(payload.replace(" ", ""));
    assertThat(codec.isKeyFrame(bytes, 0, bytes.length)).isEqualTo(key);
  }

  @Test
  void emptyPayloadsAreNotKeyFrames() {
    for (VideoCodec codec : VideoCodec.values()) {
      assertThat(codec.isKeyFrame(new byte[0], 0, 0)).isFalse();
    }
  }

  @Test
  void randomPayloadsNeverThrow() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 50_000; i++) {
      byte[] bytes = new byte[random.nextInt(12)];
      random.nextBytes(bytes);
      for (VideoCodec codec : VideoCodec.values()) {
        codec.isKeyFrame(bytes, 0, bytes.length);
      }
    }
  }

  @Test
  void encodingNamesMapToCodecs() {
    assertThat(VideoCodec.fromEncodingName("vp8")).isEqualTo(VideoCodec.VP8);
    assertThat(VideoCodec.fromEncodingName("H264")).isEqualTo(VideoCodec.H264);
    assertThat(VideoCodec.fromEncodingName("AV1")).isEqualTo(VideoCodec.AV1);
    assertThat(VideoCodec.fromEncodingName("opus")).isNull();
    assertThat(VideoCodec.fromEncodingName("rtx")).isNull();
  }
}
