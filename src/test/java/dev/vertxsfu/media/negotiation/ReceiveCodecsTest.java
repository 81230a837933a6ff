package dev.vertxsfu.media.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.wire.sdp.Direction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What a client can receive, from the m-lines of its offers ({@link ReceiveCodecs}'s rules). */
@Tag("fast")
class ReceiveCodecsTest {
  private static final RtpCodec VP8 = RtpCodec.of("VP8", 90000, 1);
  private static final RtpCodec VP9 = new RtpCodec("VP9", 90000, 1, Map.of("profile-id", "0"));
  private static final RtpCodec H264 = new RtpCodec("H264", 90000, 1,
      Map.of("profile-level-id", "42e01f", "packetization-mode", "1"));
  private static final RtpCodec H264_MODE_0 = new RtpCodec("H264", 90000, 1,
      Map.of("profile-level-id", "42e01f"));
  private static final RtpCodec OPUS = RtpCodec.of("opus", 48000, 2);

  private final ReceiveCodecs codecs = new ReceiveCodecs();

  private static List<OfferedFormat> formats(RtpCodec... list) {
    return java.util.stream.IntStream.range(0, list.length)
        .mapToObj(i -> new OfferedFormat(96 + i, list[i], List.of(), -1)).toList();
  }

  @Test
  void beforeAnyOfferEveryCodecIsLetThrough() {
    assertThat(codecs.supports(MediaKind.VIDEO, H264)).isTrue();
    assertThat(codecs.supports(MediaKind.AUDIO, OPUS)).isTrue();
  }

  @Test
  void aReceivingMLineListsWhatTheClientCanReceive() {
    codecs.learn(MediaKind.VIDEO, Direction.RECVONLY, formats(VP8, VP9));
    assertThat(codecs.supports(MediaKind.VIDEO, VP8)).isTrue();
    assertThat(codecs.supports(MediaKind.VIDEO, H264)).isFalse();
    // another kind is still unknown
    assertThat(codecs.supports(MediaKind.AUDIO, OPUS)).isTrue();
  }

  @Test
  void h264MatchesByProfileAndPacketizationMode() {
    codecs.learn(MediaKind.VIDEO, Direction.SENDRECV, formats(VP8, H264_MODE_0));
    assertThat(codecs.supports(MediaKind.VIDEO, H264)).isFalse();
    assertThat(codecs.supports(MediaKind.VIDEO, H264_MODE_0)).isTrue();
  }

  @Test
  void aSendOnlyMLineCountsOnlyUntilAReceivingOneIsOffered() {
    codecs.learn(MediaKind.VIDEO, Direction.SENDONLY, formats(VP8, H264));
    assertThat(codecs.supports(MediaKind.VIDEO, H264)).isTrue();
    assertThat(codecs.supports(MediaKind.VIDEO, VP9)).isFalse();

    codecs.learn(MediaKind.VIDEO, Direction.RECVONLY, formats(VP8, VP9));
    assertThat(codecs.supports(MediaKind.VIDEO, VP9)).isTrue();
    assertThat(codecs.supports(MediaKind.VIDEO, H264)).isFalse();
  }

  @Test
  void laterOffersAddCodecsAndNeverTakeOneBack() {
    codecs.learn(MediaKind.VIDEO, Direction.RECVONLY, formats(VP8));
    codecs.learn(MediaKind.VIDEO, Direction.SENDRECV, formats(VP9));
    assertThat(codecs.supports(MediaKind.VIDEO, VP8)).isTrue();
    assertThat(codecs.supports(MediaKind.VIDEO, VP9)).isTrue();
  }

  @Test
  void retransmissionAndRedundancyFormatsAreNoCodecs() {
    codecs.learn(MediaKind.VIDEO, Direction.RECVONLY, List.of(
        new OfferedFormat(97, RtpCodec.of("rtx", 90000, 1), List.of(), 96),
        new OfferedFormat(118, RtpCodec.of("red", 90000, 1), List.of(), -1),
        new OfferedFormat(120, RtpCodec.of("ulpfec", 90000, 1), List.of(), -1)));
    assertThat(codecs.supports(MediaKind.VIDEO, VP8)).isTrue(); // still nothing known
  }

  @Test
  void aCopyLearnsWithoutChangingTheOriginal() {
    ReceiveCodecs copy = codecs.copy();
    copy.learn(MediaKind.VIDEO, Direction.RECVONLY, formats(VP8));
    assertThat(copy.supports(MediaKind.VIDEO, H264)).isFalse();
    assertThat(codecs.supports(MediaKind.VIDEO, H264)).isTrue();
  }
}
