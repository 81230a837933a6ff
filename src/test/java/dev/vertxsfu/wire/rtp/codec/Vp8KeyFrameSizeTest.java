package dev.vertxsfu.wire.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The frame size a VP8 key frame's first packet announces (RFC 6386 §9.1). */
@Tag("fast")
class Vp8KeyFrameSizeTest {
  /** Descriptor (S, no X), frame tag of a key frame, start code, 1280x720 with scale bits set. */
  static final byte[] KEY = {0x10, 0x50, 0x02, 0x00, (byte) 0x9D, 0x01, 0x2A,
      0x00, (byte) 0xC5, (byte) 0xD0, 0x02, 0, 0};

  @Test
  void aKeyFrameGivesItsWidthAndHeightWithoutTheScaleBits() {
    assertThat(Vp8PayloadDescriptor.keyFrameWidth(KEY, 0, KEY.length)).isEqualTo(1280);
    assertThat(Vp8PayloadDescriptor.keyFrameHeight(KEY, 0, KEY.length)).isEqualTo(720);
  }

  @Test
  void anInterframeOrAShortOrBadStartCodeGivesAbsent() {
    byte[] delta = KEY.clone();
    delta[1] = 0x51;
    byte[] badStart = KEY.clone();
    badStart[5] = 0x02;

    assertThat(Vp8PayloadDescriptor.keyFrameWidth(delta, 0, delta.length))
        .isEqualTo(Vp8PayloadDescriptor.ABSENT);
    assertThat(Vp8PayloadDescriptor.keyFrameWidth(KEY, 0, 10))
        .isEqualTo(Vp8PayloadDescriptor.ABSENT);
    assertThat(Vp8PayloadDescriptor.keyFrameHeight(badStart, 0, badStart.length))
        .isEqualTo(Vp8PayloadDescriptor.ABSENT);
  }
}
