package dev.vertxsfu.wire.srtp;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/**
 * Bytes and buffers that cannot be protected or unprotected at all: each gives
 * {@link SrtpFormatException} with a message saying what was wrong, never a JDK exception.
 */
@Tag("fast")
class SrtpMalformedInputTest {
  static final SrtpSessionKeys CM =
      SrtpContextTest.keys(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, 31);
  static final SrtpSessionKeys GCM =
      SrtpContextTest.keys(SrtpProfile.SRTP_AEAD_AES_128_GCM, 32);

  static Stream<Arguments> malformed() {
    return Stream.of(
        srtp("empty SRTP", "", "shorter than a 12-byte RTP header"),
        srtp("header but no room for the 10-byte tag", "80600001 00000000 00000001 0102030405",
            "shorter than a 12-byte RTP header and a 10-byte tag"),
        srtp("RTP version 1", "40600001 00000000 00000001 00000000000000000000", "RTP version 1"),
        srtp("RTP version 0 (a STUN-looking first byte)",
            "00010000 2112a442 00000001 00000000000000000000", "RTP version 0"),
        srtp("15 CSRCs past the end", "8f600001 00000000 00000001 00000000 00000000 0000",
            "runs past"),
        srtp("extension bit set, no extension header",
            "90600001 00000000 00000001 00000000000000000000", "extension header"),
        srtp("extension length past the end",
            "90600001 00000000 00000001 bede0009 00000000 00000000000000000000", "runs past"),
        srtp("extension fits only by eating the tag",
            "90600001 00000000 00000001 bede0002 00000000 00000000 0000", "runs past"),
        gcm("GCM packet one byte short of its tag", "80600001 00000000 00000001 "
            + "000102030405060708090a0b0c0d0e", "16-byte tag"),
        Arguments.of("null SRTP buffer",
            (ThrowingCallable) () -> new SrtpContext(CM).unprotect(null, 0, 0), "null"),
        Arguments.of("negative offset",
            (ThrowingCallable) () -> new SrtpContext(CM).unprotect(new byte[40], -1, 30),
            "does not fit"),
        Arguments.of("length past the end of the buffer",
            (ThrowingCallable) () -> new SrtpContext(CM).unprotect(new byte[40], 5, 36),
            "does not fit"),
        Arguments.of("output buffer too small for the RTP packet",
            (ThrowingCallable) () -> new SrtpContext(CM).unprotect(
                protectedPacket(), 0, 40, new byte[20], 0), "output range"),
        rtp("RTP to protect shorter than 12 bytes", "806000010000", "needs 12 bytes"),
        rtp("RTP to protect with version 3", "c0600001 00000000 00000001", "RTP version 3"),
        rtp("RTP to protect with CSRCs past the end", "82600001 00000000 00000001 00000000",
            "runs past"),
        Arguments.of("no room for the tag when protecting in place",
            (ThrowingCallable) () -> new SrtpContext(CM).protect(
                hex("80600001 00000000 00000001 00000000"), 0, 16), "output range"),
        Arguments.of("output overlapping the input without being in place",
            (ThrowingCallable) () -> {
              byte[] buf = new byte[100];
              buf[0] = (byte) 0x80;
              new SrtpContext(CM).protect(buf, 0, 30, buf, 4);
            }, "overlaps"),
        srtcp("SRTCP shorter than header, index and tag", "80c90001 00000001 80000000 0000",
            "shorter than an 8-byte RTCP header"),
        srtcp("SRTCP with RTCP version 1", "40c90001 00000001 80000000 00000000000000000000",
            "RTCP version 1"),
        Arguments.of("null SRTCP buffer",
            (ThrowingCallable) () -> new SrtcpContext(GCM).unprotect(null, 0, 30), "null"),
        Arguments.of("RTCP to protect shorter than 8 bytes",
            (ThrowingCallable) () -> new SrtcpContext(CM).protect(new byte[40], 0, 7),
            "needs 8 bytes"),
        Arguments.of("RTCP to protect with version 3",
            (ThrowingCallable) () -> new SrtcpContext(CM).protect(
                hex("c0c90001 00000001" + "00".repeat(14)), 0, 8), "RTCP version 3"),
        Arguments.of("master key of the wrong length",
            (ThrowingCallable) () -> SrtpSessionKeys.derive(SrtpProfile.SRTP_AEAD_AES_256_GCM,
                new byte[16], new byte[12]), "32-byte master key"),
        Arguments.of("master salt of the wrong length",
            (ThrowingCallable) () -> SrtpSessionKeys.derive(SrtpProfile.SRTP_AEAD_AES_128_GCM,
                new byte[16], new byte[14]), "12-byte master salt"),
        Arguments.of("no master key",
            (ThrowingCallable) () -> SrtpSessionKeys.derive(
                SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, null, new byte[14]), "got none"),
        Arguments.of("keying material of the wrong length",
            (ThrowingCallable) () -> SrtpKeyingMaterial.serverWriteKeys(
                SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, new byte[56]), "needs 60 bytes"),
        Arguments.of("no profile",
            (ThrowingCallable) () -> SrtpKeyingMaterial.clientWriteKeys(null, new byte[60]),
            "no SRTP profile"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void isRefusedWithTheTypedError(String name, ThrowingCallable call, String fragment) {
    assertThatThrownBy(call).isInstanceOf(SrtpFormatException.class)
        .hasMessageContaining(fragment);
  }

  private static Arguments srtp(String name, String packet, String fragment) {
    byte[] bytes = hex(packet);
    return Arguments.of(name,
        (ThrowingCallable) () -> new SrtpContext(CM).unprotect(bytes, 0, bytes.length), fragment);
  }

  private static Arguments gcm(String name, String packet, String fragment) {
    byte[] bytes = hex(packet);
    return Arguments.of(name,
        (ThrowingCallable) () -> new SrtpContext(GCM).unprotect(bytes, 0, bytes.length),
        fragment);
  }

  private static Arguments srtcp(String name, String packet, String fragment) {
    byte[] bytes = hex(packet);
    return Arguments.of(name,
        (ThrowingCallable) () -> new SrtcpContext(CM).unprotect(bytes, 0, bytes.length),
        fragment);
  }

  private static Arguments rtp(String name, String packet, String fragment) {
    byte[] bytes = hex(packet);
    return Arguments.of(name, (ThrowingCallable) () -> new SrtpContext(CM).protect(bytes, 0,
        bytes.length, new byte[bytes.length + 10], 0), fragment);
  }

  private static byte[] protectedPacket() {
    byte[] buf = new byte[40];
    buf[0] = (byte) 0x80;
    new SrtpContext(CM).protect(buf, 0, 30);
    return buf;
  }
}
