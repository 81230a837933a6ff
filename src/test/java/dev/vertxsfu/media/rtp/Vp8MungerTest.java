package dev.vertxsfu.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.wire.rtp.codec.Vp8PayloadDescriptor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** PictureID and TL0PICIDX continuity across layer switches, on hand-built descriptors. */
@Tag("fast")
class Vp8MungerTest {
  private final Vp8Munger munger = new Vp8Munger();

  @Test
  void theFirstLayerKeepsItsNumbers() {
    assertThat(send(0x1234, 7)).containsExactly(0x1234, 7);
    assertThat(send(0x1235, 7)).containsExactly(0x1235, 7);
    assertThat(send(0x1236, 8)).containsExactly(0x1236, 8);
  }

  @Test
  void aSwitchContinuesBothNumbersRightAfterTheLastSent() {
    send(100, 20);
    send(101, 21);
    munger.switchLayer();

    assertThat(send(9000, 200)).containsExactly(102, 22);
    assertThat(send(9000, 200)).containsExactly(102, 22); // the same frame's next packet
    assertThat(send(9001, 201)).containsExactly(103, 23);
  }

  @Test
  void numbersWrapInTheirWidth() {
    send(0x7FFF, 0xFF);
    munger.switchLayer();

    assertThat(send(5, 5)).containsExactly(0, 0);
    assertThat(send(6, 6)).containsExactly(1, 1);
  }

  @Test
  void aLateRetransmissionDoesNotMoveTheLastNumberBack() {
    send(100, 20);
    send(101, 21);
    send(99, 19); // late, from the same layer
    munger.switchLayer();

    assertThat(send(5000, 50)).containsExactly(102, 22);
  }

  /** One packet with a 15-bit PictureID and a TL0PICIDX; what the munger made of them. */
  private int[] send(int pictureId, int tl0PicIdx) {
    byte[] p = {(byte) 0x90, (byte) 0xe0, (byte) (0x80 | (pictureId >> 8)), (byte) pictureId,
        (byte) tl0PicIdx, 0x20, 0x11};
    munger.rewrite(p, 0, p.length);
    return new int[] {Vp8PayloadDescriptor.pictureId(p, 0, p.length),
        Vp8PayloadDescriptor.tl0PicIdx(p, 0, p.length)};
  }
}
