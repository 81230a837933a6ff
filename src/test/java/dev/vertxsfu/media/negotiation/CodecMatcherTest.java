package dev.vertxsfu.media.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;

/**
 * Which formats are the same codec: RFC 6184 sections 8.1 and 8.2.2 for H.264 (profile and
 * packetization mode, not level), profile-id for VP9, profile for AV1, name, clock rate and
 * channels for all.
 */
@Tag("fast")
class CodecMatcherTest {

  private static RtpCodec codec(String name, int clock, int channels, String... keyValues) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      parameters.put(keyValues[i], keyValues[i + 1]);
    }
    return new RtpCodec(name, clock, channels, parameters);
  }

  private static RtpCodec h264(String profileLevelId, String mode) {
    return mode == null ? codec("H264", 90000, 1, "profile-level-id", profileLevelId)
        : codec("H264", 90000, 1, "profile-level-id", profileLevelId, "packetization-mode", mode);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "42e01f, CONSTRAINED_BASELINE", // constraint_set1: Chromium's usual offer
      "42c01f, CONSTRAINED_BASELINE",
      "4de01f, CONSTRAINED_BASELINE", // main with constraint_set0+1 is constrained baseline
      "58c01e, CONSTRAINED_BASELINE",
      "42001f, BASELINE",
      "42a01f, BASELINE",
      "58a01e, BASELINE",
      "4d001f, MAIN",
      "4d401f, MAIN",
      "58001e, EXTENDED",
      "640032, HIGH",
      "640c1f, CONSTRAINED_HIGH",
      "6e001f, HIGH_10",
      "7a001f, HIGH_422",
      "f4001f, HIGH_444"})
  void profileLevelIdNamesTheProfileOfRfc6184Table5(String profileLevelId, H264Profile profile) {
    assertThat(H264Profile.of(profileLevelId)).isEqualTo(profile);
    assertThat(H264Profile.of(profileLevelId.toUpperCase())).isEqualTo(profile);
  }

  @Test
  void anAbsentProfileLevelIdIsBaselineLevel1AndGarbageIsNoProfile() {
    assertThat(H264Profile.of(null)).isEqualTo(H264Profile.BASELINE);
    assertThat(H264Profile.of("42e01")).isNull();
    assertThat(H264Profile.of("42e0zz")).isNull();
    assertThat(H264Profile.of("4201f0")).isNull(); // reserved bits set
    assertThat(H264Profile.of("ff001f")).isNull();
  }

  @Test
  void h264MatchesOnProfileAndPacketizationModeNotOnLevel() {
    assertThat(CodecMatcher.matches(h264("42e01f", "1"), h264("42e034", "1"))).isTrue();
    assertThat(CodecMatcher.matches(h264("42e01f", "1"), h264("42c01f", "1"))).isTrue();
    assertThat(CodecMatcher.matches(h264("42e01f", "1"), h264("42001f", "1"))).isFalse();
    assertThat(CodecMatcher.matches(h264("42e01f", "1"), h264("640032", "1"))).isFalse();
    assertThat(CodecMatcher.matches(h264("4d001f", "1"), h264("4d0032", "1"))).isTrue();
    assertThat(CodecMatcher.matches(h264("42e01f", "1"), h264("42e01f", "0"))).isFalse();
    assertThat(CodecMatcher.matches(h264("42e01f", "0"), h264("42e01f", null))).isTrue();
    assertThat(CodecMatcher.matches(codec("H264", 90000, 1), h264("42000a", null))).isTrue();
  }

  @Test
  void anUnknownH264ProfileOnlyMatchesItsOwnSpelling() {
    assertThat(CodecMatcher.matches(h264("ff001f", "1"), h264("ff0028", "1"))).isTrue();
    assertThat(CodecMatcher.matches(h264("ff001f", "1"), h264("fe001f", "1"))).isFalse();
    assertThat(CodecMatcher.matches(h264("xyz", "1"), h264("42e01f", "1"))).isFalse();
  }

  @Test
  void vp9AndAv1MatchOnTheirProfileWithDefaultZero() {
    RtpCodec vp9 = codec("VP9", 90000, 1);
    assertThat(CodecMatcher.matches(vp9, codec("VP9", 90000, 1, "profile-id", "0"))).isTrue();
    assertThat(CodecMatcher.matches(vp9, codec("VP9", 90000, 1, "profile-id", "2"))).isFalse();
    RtpCodec av1 = codec("AV1", 90000, 1);
    assertThat(CodecMatcher.matches(av1, codec("AV1", 90000, 1, "profile", "0", "level-idx", "5")))
        .isTrue();
    assertThat(CodecMatcher.matches(av1, codec("AV1", 90000, 1, "profile", "1"))).isFalse();
  }

  @Test
  void namesMatchIgnoringCaseAndClockRateAndChannelsMustBeEqual() {
    assertThat(CodecMatcher.matches(codec("opus", 48000, 2), codec("OPUS", 48000, 2,
        "useinbandfec", "1", "stereo", "1"))).isTrue();
    assertThat(CodecMatcher.matches(codec("opus", 48000, 2), codec("opus", 48000, 1))).isFalse();
    assertThat(CodecMatcher.matches(codec("VP8", 90000, 1), codec("VP8", 48000, 1))).isFalse();
    assertThat(CodecMatcher.matches(codec("VP8", 90000, 1), codec("VP8", 90000, 1,
        "max-fs", "12288"))).isTrue();
    assertThat(CodecMatcher.matches(codec("VP8", 90000, 1), codec("VP9", 90000, 1))).isFalse();
  }

  @Test
  void defaultCapabilitiesHoldTheBriefsCodecsWithDistinctPayloadTypes() {
    MediaCapabilities defaults = MediaCapabilities.defaults();

    assertThat(defaults.codecs()).extracting(c -> c.codec().name()).containsExactly("opus",
        "VP8", "VP9", "VP9", "H264", "H264", "H264", "H264", "H264", "H264", "H264", "H264",
        "AV1");
    assertThat(defaults.match(MediaKind.VIDEO, h264("42e01f", "0"))).isNotNull();
    assertThat(defaults.match(MediaKind.VIDEO, h264("640c1f", "1"))).isNull();
    assertThat(defaults.match(MediaKind.AUDIO, codec("VP8", 90000, 1))).isNull();
    assertThat(defaults.match(MediaKind.AUDIO, codec("opus", 48000, 2)).preferredPayloadType())
        .isEqualTo(111);
    assertThat(defaults.rtcpFeedback()).contains(RtcpFeedback.NACK, RtcpFeedback.NACK_PLI,
        RtcpFeedback.CCM_FIR, RtcpFeedback.GOOG_REMB, RtcpFeedback.TRANSPORT_CC);
    assertThat(defaults.extension(MediaKind.AUDIO, RtpHeaderExtensionUris.AUDIO_LEVEL))
        .isNotNull();
    assertThat(defaults.extension(MediaKind.AUDIO, RtpHeaderExtensionUris.RTP_STREAM_ID))
        .isNull();
    // offered on the SFU's video m-lines too, so that Chromium's later offers may simulcast
    assertThat(defaults.extension(MediaKind.VIDEO, RtpHeaderExtensionUris.RTP_STREAM_ID)
        .sendable()).isTrue();
  }

  @Test
  void capabilitiesRefuseAPreferredPayloadTypeGivenTwice() {
    CodecCapability vp8 = new CodecCapability(MediaKind.VIDEO, codec("VP8", 90000, 1), 96, 97);
    CodecCapability vp9 = new CodecCapability(MediaKind.VIDEO, codec("VP9", 90000, 1), 97, 98);

    assertThatThrownBy(() -> new MediaCapabilities(List.of(vp8, vp9), java.util.Set.of(),
        List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VP9");
  }
}
