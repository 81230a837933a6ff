package dev.vertxsfu.wire.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.wire.WireFuzz;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Tag;

/**
 * Random bytes and mutations of valid packets (fixed seeds, about 100k inputs over the four
 * profiles): unprotect may only throw {@link SrtpFormatException} or return a negative
 * {@link SrtpStatus}, never succeed on anything but the untouched packet; protect may only throw
 * the typed error or protect.
 */
@Tag("fuzz")
class SrtpFuzzTest {
  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void unprotectOfRandomBytesIsMalformedOrRejected(SrtpProfile profile) {
    SrtpContext srtp = new SrtpContext(SrtpContextTest.keys(profile, 41));
    SrtcpContext srtcp = new SrtcpContext(SrtpContextTest.keys(profile, 41));
    WireFuzz.randomBytes(profile.id(), 6_000, 160, SrtpFormatException.class,
        bytes -> assertRejected(srtp.unprotect(bytes, 0, bytes.length), bytes));
    WireFuzz.randomBytes(profile.id() + 100, 3_000, 120, SrtpFormatException.class,
        bytes -> assertRejected(srtcp.unprotect(bytes, 0, bytes.length), bytes));
    // Random bytes that look like RTP version 2 get through the header checks to the crypto.
    WireFuzz.randomBytes(profile.id() + 200, 3_000, 160, SrtpFormatException.class, bytes -> {
      if (bytes.length > 0) {
        bytes[0] = (byte) (0x80 | (bytes[0] & 0x3f));
      }
      assertRejected(srtp.unprotect(bytes, 0, bytes.length), bytes);
    });
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void unprotectOfMutatedPacketsIsMalformedRejectedOrTheOriginal(SrtpProfile profile) {
    SrtpSessionKeys keys = SrtpContextTest.keys(profile, 42);
    byte[] srtp = SrtpContextTest.protect(new SrtpContext(keys), SrtpContextTest.rtp(300, 64));
    SrtpContext receiver = new SrtpContext(keys);
    WireFuzz.mutations(profile.id(), 8_000, srtp, SrtpFormatException.class, bytes -> {
      byte[] original = bytes.clone();
      int result = receiver.unprotect(bytes, 0, bytes.length);
      assertThat(result < 0 || Arrays.equals(original, srtp))
          .as("result %d for %s", result, WireFuzz.hex(original)).isTrue();
    });

    byte[] srtcp = SrtcpPackets.protect(new SrtcpContext(keys));
    SrtcpContext rtcpReceiver = new SrtcpContext(keys);
    WireFuzz.mutations(profile.id() + 1, 4_000, srtcp, SrtpFormatException.class, bytes -> {
      byte[] original = bytes.clone();
      int result = rtcpReceiver.unprotect(bytes, 0, bytes.length);
      assertThat(result < 0 || Arrays.equals(original, srtcp))
          .as("result %d for %s", result, WireFuzz.hex(original)).isTrue();
    });
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void everyTruncationOfAPacketIsMalformedOrForged(SrtpProfile profile) {
    SrtpSessionKeys keys = SrtpContextTest.keys(profile, 43);
    byte[] srtp = SrtpContextTest.protect(new SrtpContext(keys), SrtpContextTest.rtp(9, 40));
    byte[] srtcp = SrtcpPackets.protect(new SrtcpContext(keys));
    SrtpContext receiver = new SrtpContext(keys);
    SrtcpContext rtcpReceiver = new SrtcpContext(keys);
    for (int length = 0; length < srtp.length; length++) {
      int n = length;
      Rfc7714Test.assertRejected(() -> receiver.unprotect(srtp.clone(), 0, n), "SRTP " + n);
    }
    for (int length = 0; length < srtcp.length; length++) {
      int n = length;
      Rfc7714Test.assertRejected(() -> rtcpReceiver.unprotect(srtcp.clone(), 0, n),
          "SRTCP " + n);
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void protectOfRandomBytesIsMalformedOrProtected(SrtpProfile profile) {
    SrtpContext srtp = new SrtpContext(SrtpContextTest.keys(profile, 44));
    SrtcpContext srtcp = new SrtcpContext(SrtpContextTest.keys(profile, 44));
    byte[] out = new byte[300];
    WireFuzz.randomBytes(profile.id() + 300, 2_000, 160, SrtpFormatException.class, bytes -> {
      if (bytes.length > 0 && bytes.length % 2 == 0) {
        bytes[0] = (byte) (0x80 | (bytes[0] & 0x3f));
      }
      assertThat(srtp.protect(bytes, 0, bytes.length, out, 0))
          .isEqualTo(bytes.length + profile.srtpTagLength());
      assertThat(srtcp.protect(bytes, 0, bytes.length, out, 0))
          .isEqualTo(bytes.length + profile.srtcpOverhead());
    });
  }

  private static void assertRejected(int result, byte[] input) {
    assertThat(result).as("unprotect of %s", WireFuzz.hex(input)).isNegative();
  }

  /** A protected receiver report. */
  static final class SrtcpPackets {
    static byte[] protect(SrtcpContext sender) {
      return SrtcpContextTest.protect(sender, TestPackets.rtcpReceiverReport(0x0badcafe));
    }
  }
}
