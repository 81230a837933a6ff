package dev.vertxsfu.wire.rtp.codec;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The RFC 7741 §4.2 fields a simulcast forwarder reads and rewrites, on descriptors laid out as
 * the section's diagram draws them (7- and 15-bit PictureID, with and without L and T/K), and
 * on truncated and random payloads that must never throw.
 */
@Tag("fast")
class Vp8PayloadDescriptorTest {

  @Test
  void allFieldsWithA15BitPictureId() {
    // X S | I L T | M PictureID=0x1234 | TL0PICIDX=5 | TID=2 Y=1 | key frame header
    byte[] p = hex("90" + "e0" + "9234" + "05" + "a0" + "10");

    assertThat(Vp8PayloadDescriptor.length(p, 0, p.length)).isEqualTo(6);
    assertThat(Vp8PayloadDescriptor.pictureId(p, 0, p.length)).isEqualTo(0x1234);
    assertThat(Vp8PayloadDescriptor.hasLongPictureId(p, 0, p.length)).isTrue();
    assertThat(Vp8PayloadDescriptor.tl0PicIdx(p, 0, p.length)).isEqualTo(5);
    assertThat(Vp8PayloadDescriptor.temporalLayer(p, 0, p.length)).isEqualTo(2);
    assertThat(Vp8PayloadDescriptor.layerSync(p, 0, p.length)).isTrue();
    assertThat(Vp8PayloadDescriptor.isKeyFrame(p, 0, p.length)).isTrue();
  }

  @Test
  void a7BitPictureIdWithoutTl0PicIdxAndTheTkByteForKeyIdxOnly() {
    byte[] p = hex("90" + "90" + "2a" + "05" + "11"); // I and K: PictureID 42, KEYIDX 5, P=1

    assertThat(Vp8PayloadDescriptor.pictureId(p, 0, p.length)).isEqualTo(42);
    assertThat(Vp8PayloadDescriptor.hasLongPictureId(p, 0, p.length)).isFalse();
    assertThat(Vp8PayloadDescriptor.tl0PicIdx(p, 0, p.length)).isEqualTo(Vp8PayloadDescriptor.ABSENT);
    assertThat(Vp8PayloadDescriptor.temporalLayer(p, 0, p.length))
        .isEqualTo(Vp8PayloadDescriptor.ABSENT);
    assertThat(Vp8PayloadDescriptor.layerSync(p, 0, p.length)).isFalse();
    assertThat(Vp8PayloadDescriptor.isKeyFrame(p, 0, p.length)).isFalse();
  }

  @Test
  void theRequiredByteAloneCarriesNoFields() {
    byte[] p = hex("10" + "10");

    assertThat(Vp8PayloadDescriptor.pictureId(p, 0, p.length)).isEqualTo(Vp8PayloadDescriptor.ABSENT);
    assertThat(Vp8PayloadDescriptor.setPictureId(p, 0, p.length, 7)).isFalse();
    assertThat(Vp8PayloadDescriptor.setTl0PicIdx(p, 0, p.length, 7)).isFalse();
    assertThat(p).isEqualTo(hex("10" + "10"));
  }

  @Test
  void rewritesKeepTheWidthAndTouchNothingElse() {
    byte[] p = hex("ff" + "90" + "e0" + "9234" + "05" + "a0" + "10" + "ff"); // at offset 1
    assertThat(Vp8PayloadDescriptor.setPictureId(p, 1, 7, 0x7FFF + 3)).isTrue(); // wraps to 2
    assertThat(Vp8PayloadDescriptor.setTl0PicIdx(p, 1, 7, 0x1FF)).isTrue(); // 8 bits: 0xFF

    assertThat(p).isEqualTo(hex("ff" + "90" + "e0" + "8002" + "ff" + "a0" + "10" + "ff"));
    byte[] shortId = hex("90" + "80" + "2a" + "10");
    Vp8PayloadDescriptor.setPictureId(shortId, 0, shortId.length, 0x1FF);
    assertThat(Vp8PayloadDescriptor.pictureId(shortId, 0, shortId.length)).isEqualTo(0x7F);
    assertThat(shortId[1]).isEqualTo((byte) 0x80);
  }

  @Test
  void truncatedDescriptorsHaveNoFields() {
    for (String truncated : new String[] {"90", "90e0", "90e092", "90e09234", "90e0923405"}) {
      byte[] p = hex(truncated);
      assertThat(Vp8PayloadDescriptor.pictureId(p, 0, p.length)).as(truncated)
          .isEqualTo(Vp8PayloadDescriptor.ABSENT);
      assertThat(Vp8PayloadDescriptor.temporalLayer(p, 0, p.length)).as(truncated)
          .isEqualTo(Vp8PayloadDescriptor.ABSENT);
      assertThat(Vp8PayloadDescriptor.setTl0PicIdx(p, 0, p.length, 1)).as(truncated).isFalse();
    }
  }

  @Test
  void randomPayloadsNeverThrow() {
    Random random = new Random(7741);
    for (int i = 0; i < 20_000; i++) {
      byte[] p = new byte[random.nextInt(8)];
      random.nextBytes(p);
      Vp8PayloadDescriptor.pictureId(p, 0, p.length);
      Vp8PayloadDescriptor.tl0PicIdx(p, 0, p.length);
      Vp8PayloadDescriptor.temporalLayer(p, 0, p.length);
      Vp8PayloadDescriptor.layerSync(p, 0, p.length);
      Vp8PayloadDescriptor.setPictureId(p, 0, p.length, i);
      Vp8PayloadDescriptor.setTl0PicIdx(p, 0, p.length, i);
    }
  }
}
