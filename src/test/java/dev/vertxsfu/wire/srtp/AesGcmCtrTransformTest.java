package dev.vertxsfu.wire.srtp;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link AesGcmCtrTransform}, counter mode plus our own GHASH, and {@link AesGcmTransform}, which
 * picks it or the JCE by length, checked three ways: the test cases
 * of the GCM specification (McGrew and Viega, "The Galois/Counter Mode of Operation", Appendix B,
 * also NIST's GCM validation examples), byte equality with the JCE's {@code AES/GCM/NoPadding}
 * ({@link JceAesGcmTransform}) for every length from 0 to 3,100 bytes of payload (so the
 * multi-chunk keystream too), and forgery rejection that leaves the output untouched.
 */
@Tag("fast")
class AesGcmCtrTransformTest {
  static final byte[] K = hex("feffe9928665731c6d6a8f9467308308");
  static final byte[] K256 = hex("feffe9928665731c6d6a8f9467308308"
      + "feffe9928665731c6d6a8f9467308308");
  static final byte[] IV = hex("cafebabefacedbaddecaf888");
  static final byte[] P = hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
  static final byte[] A = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");

  /** A transform whose IV for SSRC 0, index 0 is {@code iv} itself (salt XOR zeros). */
  static AesGcmCtrTransform transform(byte[] key, byte[] iv) {
    return new AesGcmCtrTransform(key, iv);
  }

  /** AAD || plaintext, sealed with the AAD as the "header". */
  static String seal(byte[] key, byte[] iv, byte[] aad, byte[] plain) {
    byte[] buf = new byte[aad.length + plain.length + 16];
    System.arraycopy(aad, 0, buf, 0, aad.length);
    System.arraycopy(plain, 0, buf, aad.length, plain.length);
    int n = transform(key, iv).protectRtp(buf, 0, aad.length + plain.length, aad.length, 0, 0,
        buf, 0);
    assertThat(n).isEqualTo(buf.length);
    return hex(Arrays.copyOfRange(buf, aad.length, buf.length));
  }

  @Test
  void gcmTestCase2SealsOneZeroBlockUnderTheZeroKey() {
    assertThat(seal(new byte[16], new byte[12], new byte[0], new byte[16]))
        .isEqualTo("0388dace60b6a392f328c2b971b2fe78" + "ab6e47d42cec13bdf53a67b21257bddf");
  }

  @Test
  void gcmTestCase3SealsFourBlocksWithoutAad() {
    byte[] p = hex(hex(P) + "1aafd255");
    assertThat(seal(K, IV, new byte[0], p)).isEqualTo(
        "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
            + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985"
            + "4d5c2af327cd64a62cf35abd2ba6fab4");
  }

  @Test
  void gcmTestCase4SealsAPartialBlockWithAad() {
    assertThat(seal(K, IV, A, P)).isEqualTo(
        "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
            + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
            + "5bc94fbc3221a5db94fae95ae7121a47");
  }

  @Test
  void gcmTestCase16SealsWithA256BitKey() {
    assertThat(seal(K256, IV, A, P)).isEqualTo(
        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
            + "76fc6ece0f4e1768cddf8853bb2d551b");
  }

  @Test
  void rtpMatchesTheJceForEveryPayloadLengthInPlaceAndDisjoint() {
    SplittableRandom random = new SplittableRandom(7714);
    byte[] key = new byte[16];
    byte[] salt = new byte[12];
    random.nextBytes(key);
    random.nextBytes(salt);
    SrtpProfile profile = SrtpProfile.SRTP_AEAD_AES_128_GCM;
    AesGcmCtrTransform ours = new AesGcmCtrTransform(key, salt);
    JceAesGcmTransform jce = new JceAesGcmTransform(profile, key, salt);
    for (int payload = 0; payload <= 3100; payload++) {
      int header = 12 + 4 * (payload % 5);
      int len = header + payload;
      byte[] plain = new byte[len + 16];
      random.nextBytes(plain);
      int ssrc = random.nextInt();
      long index = random.nextLong() & 0xFFFF_FFFF_FFFFL;
      byte[] expected = new byte[len + 16];
      jce.protectRtp(plain, 0, len, header, ssrc, index, expected, 0);
      byte[] disjoint = new byte[len + 16 + 3];
      assertThat(ours.protectRtp(plain, 0, len, header, ssrc, index, disjoint, 3))
          .isEqualTo(len + 16);
      assertThat(Arrays.copyOfRange(disjoint, 3, disjoint.length)).isEqualTo(expected);
      byte[] inPlace = plain.clone();
      ours.protectRtp(inPlace, 0, len, header, ssrc, index, inPlace, 0);
      assertThat(inPlace).isEqualTo(expected);

      byte[] opened = new byte[len];
      assertThat(ours.unprotectRtp(expected, 0, len + 16, header, ssrc, index, opened, 0))
          .isTrue();
      assertThat(opened).isEqualTo(Arrays.copyOf(plain, len));
      assertThat(ours.unprotectRtp(inPlace, 0, len + 16, header, ssrc, index, inPlace, 0))
          .isTrue();
      assertThat(Arrays.copyOf(inPlace, len)).isEqualTo(Arrays.copyOf(plain, len));
    }
  }

  @Test
  void rtcpMatchesTheJceEncryptedAndNot() {
    SplittableRandom random = new SplittableRandom(3711);
    byte[] key = new byte[32];
    byte[] salt = new byte[12];
    random.nextBytes(key);
    random.nextBytes(salt);
    SrtpProfile profile = SrtpProfile.SRTP_AEAD_AES_256_GCM;
    AesGcmCtrTransform ours = new AesGcmCtrTransform(key, salt);
    JceAesGcmTransform jce = new JceAesGcmTransform(profile, key, salt);
    for (int len = 8; len <= 1700; len += 4) {
      byte[] plain = new byte[len + 20];
      random.nextBytes(plain);
      int ssrc = random.nextInt();
      int index = random.nextInt() & 0x7fff_ffff;
      byte[] expected = new byte[len + 20];
      jce.protectRtcp(plain, 0, len, ssrc, index, expected, 0);
      byte[] sealed = new byte[len + 20];
      assertThat(ours.protectRtcp(plain, 0, len, ssrc, index, sealed, 0)).isEqualTo(len + 20);
      assertThat(sealed).isEqualTo(expected);
      byte[] opened = new byte[len];
      assertThat(ours.unprotectRtcp(sealed, 0, len + 20, ssrc, 0x8000_0000 | index, opened, 0))
          .isEqualTo(len);
      assertThat(opened).isEqualTo(Arrays.copyOf(plain, len));

      // E = 0: the whole RTCP packet is AAD, the tag is GMAC over it and the index word.
      byte[] clear = Arrays.copyOf(plain, len + 20);
      jce.rtcpIv(ssrc, index);
      byte[] word = new byte[4];
      RtpHeaderFields.writeInt(word, 0, index);
      jce.tagOnly(clear, 0, len, word, clear, len);
      RtpHeaderFields.writeInt(clear, len + 16, index);
      byte[] out = new byte[len];
      assertThat(ours.unprotectRtcp(clear, 0, len + 20, ssrc, index, out, 0)).isEqualTo(len);
      assertThat(out).isEqualTo(Arrays.copyOf(plain, len));
    }
  }

  @Test
  void forgedRtpIsRefusedAndTheOutputLeftUntouched() {
    byte[] key = new byte[16];
    AesGcmCtrTransform ours = transform(key, new byte[12]);
    byte[] packet = new byte[12 + 300 + 16];
    packet[0] = (byte) 0x80;
    ours.protectRtp(packet, 0, 312, 12, 1, 5, packet, 0);
    for (int at : new int[] {0, 11, 12, 200, 311, 312, 327}) {
      byte[] forged = packet.clone();
      forged[at] ^= 0x01;
      byte[] out = new byte[312];
      assertThat(ours.unprotectRtp(forged, 0, forged.length, 12, 1, 5, out, 0)).isFalse();
      assertThat(out).containsOnly(0);
    }
    byte[] out = new byte[312];
    assertThat(ours.unprotectRtp(packet, 0, packet.length, 12, 1, 6, out, 0)).isFalse();
    assertThat(ours.unprotectRtp(packet, 0, packet.length, 12, 1, 5, out, 0)).isTrue();
  }

  @Test
  void aesGcmTransformGivesTheJceBytesOnBothSidesOfItsSplit() {
    SplittableRandom random = new SplittableRandom(128);
    byte[] key = new byte[16];
    byte[] salt = new byte[12];
    random.nextBytes(key);
    random.nextBytes(salt);
    SrtpProfile profile = SrtpProfile.SRTP_AEAD_AES_128_GCM;
    AesGcmTransform chosen = new AesGcmTransform(profile, key, salt, true);
    JceAesGcmTransform jce = new JceAesGcmTransform(profile, key, salt);
    for (int text = AesGcmTransform.SHORT_TEXT - 20; text <= AesGcmTransform.SHORT_TEXT + 20;
        text++) {
      int len = 12 + text;
      byte[] plain = new byte[len + 20];
      random.nextBytes(plain);
      byte[] expected = new byte[len + 16];
      jce.protectRtp(plain, 0, len, 12, 99, text, expected, 0);
      byte[] sealed = new byte[len + 16];
      chosen.protectRtp(plain, 0, len, 12, 99, text, sealed, 0);
      assertThat(sealed).isEqualTo(expected);
      byte[] opened = new byte[len];
      assertThat(chosen.unprotectRtp(sealed, 0, len + 16, 12, 99, text, opened, 0)).isTrue();
      assertThat(opened).isEqualTo(Arrays.copyOf(plain, len));

      byte[] rtcp = new byte[text + 8 + 20];
      random.nextBytes(rtcp);
      byte[] rtcpExpected = new byte[rtcp.length];
      jce.protectRtcp(rtcp, 0, text + 8, 99, text, rtcpExpected, 0);
      byte[] rtcpSealed = new byte[rtcp.length];
      chosen.protectRtcp(rtcp, 0, text + 8, 99, text, rtcpSealed, 0);
      assertThat(rtcpSealed).isEqualTo(rtcpExpected);
      byte[] rtcpOpened = new byte[text + 8];
      assertThat(chosen.unprotectRtcp(rtcpSealed, 0, rtcp.length, 99, 0x8000_0000 | text,
          rtcpOpened, 0)).isEqualTo(text + 8);
      assertThat(rtcpOpened).isEqualTo(Arrays.copyOf(rtcp, text + 8));
    }
  }

  @Test
  void theCounterModePathIsBuiltOnlyForAShortRtpPacketAndNeverForSrtcp() {
    byte[] key = new byte[16];
    byte[] salt = new byte[12];
    SrtpProfile profile = SrtpProfile.SRTP_AEAD_AES_128_GCM;
    AesGcmTransform video = new AesGcmTransform(profile, key, salt, true);
    byte[] packet = new byte[12 + 1000 + 16];
    video.protectRtp(packet, 0, 1012, 12, 1, 1, packet, 0);
    assertThat(video.hasCounterMode()).isFalse();
    video.protectRtp(packet, 0, 12 + AesGcmTransform.SHORT_TEXT, 12, 1, 2, packet, 0);
    assertThat(video.hasCounterMode()).isTrue();

    AesGcmTransform rtcp = new AesGcmTransform(profile, key, salt, false);
    byte[] report = new byte[8 + 20];
    rtcp.protectRtcp(report, 0, 8, 1, 1, report, 0);
    assertThat(rtcp.hasCounterMode()).isFalse();
  }
}
