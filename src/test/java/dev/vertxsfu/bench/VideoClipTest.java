package dev.vertxsfu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("fast")
class VideoClipTest {
  private static final int FPS = 30;

  @Test
  void aHigherBitrateKeepsEveryFrameAndPadsItAfterItsLastPartition() throws Exception {
    VideoClip clip = LoadRun.defaultClip();
    long target = 3 * clip.bitsPerSecond(FPS);

    VideoClip resized = clip.atBitrate(target, FPS);

    assertThat((double) resized.bitsPerSecond(FPS)).isCloseTo(target, org.assertj.core.data
        .Percentage.withPercentage(1));
    for (int i = 0; i < clip.frames().size(); i++) {
      byte[] original = clip.frames().get(i);
      byte[] padded = resized.frames().get(i);
      assertThat(Arrays.copyOf(padded, original.length)).isEqualTo(original);
      assertThat(Arrays.copyOfRange(padded, original.length, padded.length)).containsOnly(0);
    }
  }

  @Test
  void aLowerBitrateCutsFramesButKeepsTheirHeaders() throws Exception {
    VideoClip clip = LoadRun.defaultClip();

    VideoClip resized = clip.atBitrate(clip.bitsPerSecond(FPS) / 100, FPS);

    assertThat(VideoClip.isKeyFrame(resized.frames().get(0))).isTrue();
    assertThat(resized.frames().get(0)).hasSizeGreaterThanOrEqualTo(10)
        .startsWith(Arrays.copyOf(clip.frames().get(0), 10));
    assertThat(resized.frames()).allSatisfy(frame -> assertThat(frame.length).isPositive());
    assertThat(resized.bitsPerSecond(FPS)).isLessThan(clip.bitsPerSecond(FPS) / 10);
  }

  @Test
  void aBitrateMustBePositive() throws Exception {
    VideoClip clip = LoadRun.defaultClip();
    assertThatThrownBy(() -> clip.atBitrate(0, FPS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
  }
}
