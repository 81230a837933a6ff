package dev.vertxsfu.wire.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The {@code a=extmap} examples of RFC 8285 (header extensions), and its id ranges. */
@Tag("fast")
class Rfc8285Test {

  @Test
  void exampleWithoutDirection() {
    ExtMap extMap = ExtMap.parse("1 http://example.com/082005/ext.htm#ttime");
    assertThat(extMap).isEqualTo(new ExtMap(1, null, "http://example.com/082005/ext.htm#ttime",
        null));
    assertThat(extMap.format()).isEqualTo("1 http://example.com/082005/ext.htm#ttime");
  }

  @Test
  void exampleWithDirectionAndExtensionAttributes() {
    ExtMap extMap = ExtMap.parse("2/sendrecv http://example.com/082005/ext.htm#xmeta short");
    assertThat(extMap).isEqualTo(new ExtMap(2, Direction.SENDRECV,
        "http://example.com/082005/ext.htm#xmeta", "short"));
    assertThat(extMap.format()).isEqualTo("2/sendrecv http://example.com/082005/ext.htm#xmeta short");
  }

  @Test
  void idsOfTheOneByteTwoByteAndOfferRangesAreRead() {
    assertThat(ExtMap.parse("14 urn:x").id()).isEqualTo(14);
    assertThat(ExtMap.parse("255 urn:x").id()).isEqualTo(255);
    assertThat(ExtMap.parse("4096/recvonly urn:x").direction()).isEqualTo(Direction.RECVONLY);
    assertThat(ExtMap.parse("4351 urn:x").id()).isEqualTo(4351);
  }

  @Test
  void idsOutsideTheRangesAreRefused() {
    for (String id : new String[] {"0", "256", "4095", "4352", "99999", "100000"}) {
      assertThatThrownBy(() -> ExtMap.parse(id + " urn:x")).as(id)
          .isInstanceOf(SdpFormatException.class).hasMessageContaining("id");
    }
  }

  @Test
  void anUnknownDirectionIsRefused() {
    assertThatThrownBy(() -> ExtMap.parse("2/blorg http://example.com/082005/ext.htm#xmeta short"))
        .isInstanceOf(SdpFormatException.class).hasMessageContaining("direction");
  }
}
