package dev.vertxsfu.wire.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * RFC 5506 reduced-size RTCP: a datagram may hold a lone feedback message, without the SR or RR
 * and SDES RFC 3550 §6.1 asks of a compound packet.
 */
@Tag("fast")
class Rfc5506Test {

  @Test
  void aLonePictureLossIndicationIsAPacket() {
    byte[] bytes = RtcpVectors.pictureLossIndication();
    assertThat(CompoundPacket.validate(bytes, 0, bytes.length)).isEqualTo(1);
    assertThat(CompoundPacket.parse(bytes, 0, bytes.length))
        .containsExactly(new PictureLossIndication(1, 0x11223344L));
  }

  @Test
  void aLoneNackAndALoneTransportFeedbackAreRead() {
    byte[] nack = RtcpVectors.genericNack();
    assertThat(CompoundPacket.parse(nack, 0, nack.length)).singleElement()
        .isInstanceOf(GenericNack.class);
    byte[] twcc = ChromiumLikeTest.transportWideFeedback();
    CompoundPacketReader reader = new CompoundPacketReader().wrap(twcc, 0, twcc.length);
    assertThat(reader.next()).isTrue();
    assertThat(reader.packetType()).isEqualTo(RtcpHeader.RTPFB);
    assertThat(reader.format()).isEqualTo(FeedbackMessage.FMT_TRANSPORT_CC);
    assertThat(reader.next()).isFalse();
  }

  @Test
  void feedbackMayAlsoBeStackedWithoutAReport() {
    byte[] bytes = CompoundPacket.serialize(List.of(new PictureLossIndication(1, 2),
        GenericNack.of(1, 2, 10, 11), new PictureLossIndication(1, 3)));
    assertThat(CompoundPacket.parse(bytes, 0, bytes.length)).hasSize(3);
  }
}
