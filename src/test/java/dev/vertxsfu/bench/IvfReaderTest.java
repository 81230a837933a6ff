package dev.vertxsfu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** IVF in, VP8 frames out; anything else is an {@link IvfFormatException}. */
@Tag("fast")
class IvfReaderTest {
  private static final byte[] KEY = {0x10, 0x02, 0x00, (byte) 0x9D, 0x01, 0x2A};
  private static final byte[] DELTA = {0x31, 0x01, 0x00};

  @Test
  void readsWhatTheWriterWrote() {
    byte[] file = IvfWriter.write(640, 360, 30, List.of(KEY, DELTA));
    VideoClip clip = IvfReader.read(file);
    assertThat(clip.width()).isEqualTo(640);
    assertThat(clip.height()).isEqualTo(360);
    assertThat(clip.frames()).hasSize(2);
    assertThat(clip.frames().get(0)).isEqualTo(KEY);
    assertThat(clip.frames().get(1)).isEqualTo(DELTA);
  }

  @Test
  void theCommittedClipStartsWithAKeyFrame() throws Exception {
    VideoClip clip = LoadRun.defaultClip();
    assertThat(clip.frames()).hasSizeGreaterThan(10);
    assertThat(VideoClip.isKeyFrame(clip.frames().get(0))).isTrue();
  }

  @Test
  void refusesMalformedFiles() {
    byte[] good = IvfWriter.write(320, 240, 30, List.of(KEY, DELTA));
    byte[] badSignature = good.clone();
    badSignature[0] = 'X';
    byte[] notVp8 = good.clone();
    notVp8[10] = '9';
    byte[] hugeFrame = good.clone();
    hugeFrame[IvfReader.FILE_HEADER_LENGTH + 3] = 0x7F;
    byte[] deltaFirst = IvfWriter.write(320, 240, 30, List.of(DELTA, KEY));
    for (byte[] bad : List.of(new byte[0], Arrays.copyOf(good, 20), badSignature, notVp8,
        hugeFrame, Arrays.copyOf(good, good.length - 1),
        Arrays.copyOf(good, IvfReader.FILE_HEADER_LENGTH + 5),
        Arrays.copyOf(good, IvfReader.FILE_HEADER_LENGTH), deltaFirst)) {
      assertThatThrownBy(() -> IvfReader.read(bad)).isInstanceOf(IvfFormatException.class);
    }
  }

  @Test
  void randomBytesOnlyEverGiveTheTypedError() {
    Random random = new Random(6);
    byte[] good = IvfWriter.write(320, 240, 30, List.of(KEY, DELTA));
    for (int i = 0; i < 2000; i++) {
      byte[] mutated = good.clone();
      mutated[random.nextInt(mutated.length)] = (byte) random.nextInt();
      byte[] truncated = Arrays.copyOf(mutated, random.nextInt(mutated.length + 1));
      try {
        IvfReader.read(truncated);
      } catch (IvfFormatException expected) {
        // the only failure allowed
      }
    }
  }
}
