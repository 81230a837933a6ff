package dev.vertxsfu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxsfu.wire.rtp.codec.Vp8PayloadDescriptor;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The RFC 7741 payloads the load generator sends, byte by byte, and read back by our parser. */
@Tag("fast")
class Vp8PacketizerTest {

  @Test
  void descriptorCarriesStartBitAndFifteenBitPictureId() {
    byte[] first = new byte[4];
    Vp8Packetizer.writeDescriptor(first, 0, true, 0x1234);
    assertThat(first).containsExactly(0x90, 0x80, 0x80 | 0x12, 0x34);

    byte[] later = new byte[4];
    Vp8Packetizer.writeDescriptor(later, 0, false, 0x7FFF);
    assertThat(later).containsExactly(0x80, 0x80, 0xFF, 0xFF);
  }

  @Test
  void framesSplitIntoEqualFragmentsThatReassemble() {
    byte[] frame = new byte[2500];
    for (int i = 0; i < frame.length; i++) {
      frame[i] = (byte) i;
    }
    frame[0] = 0x10; // frame tag with P = 0: a key frame
    Vp8Packetizer packetizer = new Vp8Packetizer(1000);
    int count = packetizer.fragmentCount(frame.length);
    assertThat(count).isEqualTo(3); // 996 bytes of frame per packet

    ByteArrayOutputStream reassembled = new ByteArrayOutputStream();
    byte[] payload = new byte[1000];
    int[] lengths = new int[count];
    for (int i = 0; i < count; i++) {
      int len = packetizer.writeFragment(frame, i, count, 7, payload, 0);
      lengths[i] = len;
      int descriptor = Vp8PayloadDescriptor.length(payload, 0, len);
      assertThat(descriptor).isEqualTo(Vp8Packetizer.DESCRIPTOR_LENGTH);
      assertThat(Vp8PayloadDescriptor.isKeyFrame(payload, 0, len)).isEqualTo(i == 0);
      reassembled.write(payload, descriptor, len - descriptor);
    }
    assertThat(reassembled.toByteArray()).isEqualTo(frame);
    assertThat(Arrays.stream(lengths).max().getAsInt() - Arrays.stream(lengths).min().getAsInt())
        .isLessThanOrEqualTo(1);
  }

  @Test
  void aTinyFrameIsOnePacket() {
    Vp8Packetizer packetizer = new Vp8Packetizer(1200);
    assertThat(packetizer.fragmentCount(1)).isEqualTo(1);
    assertThat(packetizer.fragmentCount(1196)).isEqualTo(1);
    assertThat(packetizer.fragmentCount(1197)).isEqualTo(2);
  }

  @Test
  void refusesAPayloadSizeWithNoRoomForTheFrame() {
    assertThatThrownBy(() -> new Vp8Packetizer(4)).isInstanceOf(IllegalArgumentException.class);
  }
}
