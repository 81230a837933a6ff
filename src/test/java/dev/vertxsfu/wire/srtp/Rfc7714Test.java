package dev.vertxsfu.wire.srtp;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * RFC 7714 §16 (SRTP) and §17 (SRTCP) test vectors, typed in from the RFC text. They publish
 * session keys (no master key), so the contexts are built from {@link SrtpSessionKeys}' session
 * constructor: key 00 01 .. 0f (or .. 1f), salt "Quid pro quo", the same for SRTP and SRTCP.
 */
@Tag("fast")
class Rfc7714Test {
  static final byte[] KEY_128 = hex("000102030405060708090a0b0c0d0e0f");
  static final byte[] KEY_256 = hex("000102030405060708090a0b0c0d0e0f"
      + "101112131415161718191a1b1c1d1e1f");
  static final byte[] SALT = hex("517569642070726f2071756f");

  /** §16: 12-byte header, 38-byte payload "Gallia est omnis divisa in partes tres". */
  static final byte[] RTP = hex("""
      8040f17b 8041f8d3 5501a0b2 47616c6c
      69612065 7374206f 6d6e6973 20646976
      69736120 696e2070 61727465 73207472
      6573""");

  /** §16.1.1 "Encrypted and tagged packet". */
  static final byte[] SRTP_128 = hex("""
      8040f17b 8041f8d3 5501a0b2 f24de3a3
      fb34de6c acba861c 9d7e4bca be633bd5
      0d294e6f 42a5f47a 51c7d19b 36de3adf
      8833899d 7f27beb1 6a9152cf 765ee439
      0cce""");

  /** §16.2.1 "Encrypted and tagged packet". */
  static final byte[] SRTP_256 = hex("""
      8040f17b 8041f8d3 5501a0b2 32b1de78
      a822fe12 ef9f78fa 332e33aa b1801238
      9a58e2f3 b50b2a02 76ffae0f 1ba63799
      b87b7aa3 db36dfff d6b0f9bb 7878d7a7
      6c13""");

  /** §16.1.3 "Tagged packet". */
  static final byte[] TAGGED_128 = hex("""
      8040f17b 8041f8d3 5501a0b2 47616c6c
      69612065 7374206f 6d6e6973 20646976
      69736120 696e2070 61727465 73207472
      65732249 3f82d2bc e397e9d7 9e3b19aa
      4216""");

  /** §16.2.3 "Tagged packet". */
  static final byte[] TAGGED_256 = hex("""
      8040f17b 8041f8d3 5501a0b2 47616c6c
      69612065 7374206f 6d6e6973 20646976
      69736120 696e2070 61727465 73207472
      6573a866 d5910f88 7463067c eefec452
      15d4""");

  /** §17.1 "Encrypting the following packet" (the §17 preamble's copy has length 0x0e, a typo). */
  static final byte[] RTCP = hex("""
      81c8000d 4d617273 4e545031 4e545032
      52545020 0000042a 0000e930 4c756e61
      deadbeef deadbeef deadbeef deadbeef
      deadbeef""");

  /** §17.1 "Encrypted and tagged packet". */
  static final byte[] SRTCP_128 = hex("""
      81c8000d 4d617273 63e94885 dcdab67c
      a727d766 2f6b7e99 7ff5c0f7 6c06f32d
      c676a5f1 730d6fda 4ce09b46 86303ded
      0bb9275b c84aa458 96cf4d2f c5abf872
      45d9eade 800005d4""");

  /** §17.2 "Decrypting the following packet". */
  static final byte[] SRTCP_256 = hex("""
      81c8000d 4d617273 d50ae4d1 f5ce5d30
      4ba297e4 7d470c28 2c3ece5d bffe0a50
      a2eaa5c1 110555be 8415f658 c61de047
      6f1b6fad 1d1eb30c 4446839f 57ff6f6c
      b26ac3be 800005d4""");

  /** §17.3 "Tagged packet" (E = 0). */
  static final byte[] SRTCP_TAGGED_128 = hex("""
      81c8000d 4d617273 4e545031 4e545032
      52545020 0000042a 0000e930 4c756e61
      deadbeef deadbeef deadbeef deadbeef
      deadbeef 841dd968 3dd78ec9 2ae58790
      125f62b3 000005d4""");

  /** §17.4 "Verifying the following packet" (E = 0). */
  static final byte[] SRTCP_TAGGED_256 = hex("""
      81c8000d 4d617273 4e545031 4e545032
      52545020 0000042a 0000e930 4c756e61
      deadbeef deadbeef deadbeef deadbeef
      deadbeef 91db4afb feee5a97 8fab4393
      ed2615fe 000005d4""");

  static SrtpSessionKeys keys(SrtpProfile profile) {
    byte[] key = profile == SrtpProfile.SRTP_AEAD_AES_256_GCM ? KEY_256 : KEY_128;
    return new SrtpSessionKeys(profile, key, SALT, new byte[0], key, SALT, new byte[0]);
  }

  static SrtpSessionKeys keys128() {
    return keys(SrtpProfile.SRTP_AEAD_AES_128_GCM);
  }

  static SrtpSessionKeys keys256() {
    return keys(SrtpProfile.SRTP_AEAD_AES_256_GCM);
  }

  @Test
  void section16FormsTheSrtpIvFromSsrcRocAndSeq() {
    AesGcmTransform transform = (AesGcmTransform) keys128().newRtpTransform();
    transform.rtpIv(0x5501a0b2, 0xf17b);
    assertThat(hex(transform.currentIv())).isEqualTo("51753c6580c2726f20718414");
  }

  @Test
  void section17FormsTheSrtcpIvFromSsrcAndIndex() {
    AesGcmTransform transform = (AesGcmTransform) keys128().newRtcpTransform();
    transform.rtcpIv(0x4d617273, 0x5d4);
    assertThat(hex(transform.currentIv())).isEqualTo("517524055203726f207170bb");
  }

  @Test
  void section16_1_1EncryptsWithAes128Gcm() {
    assertThat(protect(keys128(), RTP)).isEqualTo(SRTP_128);
  }

  @Test
  void section16_1_2DecryptsWithAes128Gcm() {
    assertThat(unprotect(keys128(), SRTP_128)).isEqualTo(RTP);
  }

  @Test
  void section16_2_1EncryptsWithAes256Gcm() {
    assertThat(protect(keys256(), RTP)).isEqualTo(SRTP_256);
  }

  @Test
  void section16_2_2DecryptsWithAes256Gcm() {
    assertThat(unprotect(keys256(), SRTP_256)).isEqualTo(RTP);
  }

  @Test
  void section16_1_3TagsTheWholePacketWithAes128Gmac() {
    byte[] tagged = Arrays.copyOf(RTP, RTP.length + 16);
    System.arraycopy(gmac(keys128(), RTP), 0, tagged, RTP.length, 16);
    assertThat(tagged).isEqualTo(TAGGED_128);
  }

  @Test
  void section16_1_4VerifiesTheTagAndRefusesAnAlteredPacket() {
    assertVerification(keys128(), TAGGED_128);
  }

  @Test
  void section16_2_3TagsTheWholePacketWithAes256Gmac() {
    byte[] tagged = Arrays.copyOf(RTP, RTP.length + 16);
    System.arraycopy(gmac(keys256(), RTP), 0, tagged, RTP.length, 16);
    assertThat(tagged).isEqualTo(TAGGED_256);
  }

  @Test
  void section16_2_4VerifiesTheTagAndRefusesAnAlteredPacket() {
    assertVerification(keys256(), TAGGED_256);
  }

  @Test
  void section17_1EncryptsAndTagsSrtcpWithAes128Gcm() {
    SrtcpContext context = new SrtcpContext(keys128());
    context.startSendingAt(0x5d4);
    byte[] buf = Arrays.copyOf(RTCP, RTCP.length + 20);
    int length = context.protect(buf, 0, RTCP.length);
    assertThat(Arrays.copyOf(buf, length)).isEqualTo(SRTCP_128);
    assertThat(context.nextIndex()).isEqualTo(0x5d5);
  }

  @Test
  void section17_1PacketUnprotectsBackToTheRtcpPacket() {
    byte[] buf = SRTCP_128.clone();
    int length = new SrtcpContext(keys128()).unprotect(buf, 0, buf.length);
    assertThat(Arrays.copyOf(buf, length)).isEqualTo(RTCP);
  }

  @Test
  void section17_2VerifiesAndDecryptsSrtcpWithAes256Gcm() {
    byte[] out = new byte[RTCP.length];
    SrtcpContext context = new SrtcpContext(keys256());
    int length = context.unprotect(SRTCP_256, 0, SRTCP_256.length, out, 0);
    assertThat(length).isEqualTo(RTCP.length);
    assertThat(out).isEqualTo(RTCP);
    assertThat(context.highestReceivedIndex()).isEqualTo(0x5d4);
  }

  @Test
  void section17_3TagsSrtcpWithoutEncryptionWithAes128Gmac() {
    AesGcmTransform transform = (AesGcmTransform) keys128().newRtcpTransform();
    transform.rtcpIv(0x4d617273, 0x5d4);
    byte[] packet = Arrays.copyOf(RTCP, RTCP.length + 20);
    byte[] esrtcp = hex("000005d4");
    transform.tagOnly(packet, 0, RTCP.length, esrtcp, packet, RTCP.length);
    System.arraycopy(esrtcp, 0, packet, RTCP.length + 16, 4);
    assertThat(packet).isEqualTo(SRTCP_TAGGED_128);
  }

  @Test
  void section17_3TaggedPacketIsAcceptedUnencrypted() {
    byte[] buf = SRTCP_TAGGED_128.clone();
    int length = new SrtcpContext(keys128()).unprotect(buf, 0, buf.length);
    assertThat(Arrays.copyOf(buf, length)).isEqualTo(RTCP);
  }

  @Test
  void section17_4VerifiesUnencryptedSrtcpWithAes256Gmac() {
    byte[] out = new byte[RTCP.length];
    int length = new SrtcpContext(keys256())
        .unprotect(SRTCP_TAGGED_256, 0, SRTCP_TAGGED_256.length, out, 0);
    assertThat(length).isEqualTo(RTCP.length);
    assertThat(out).isEqualTo(RTCP);
  }

  @Test
  void everyFlippedBitOfTheSrtpVectorsFailsAuthenticationOrIsMalformed() {
    for (SrtpProfile profile : new SrtpProfile[] {
        SrtpProfile.SRTP_AEAD_AES_128_GCM, SrtpProfile.SRTP_AEAD_AES_256_GCM}) {
      byte[] valid = profile == SrtpProfile.SRTP_AEAD_AES_128_GCM ? SRTP_128 : SRTP_256;
      for (int bit = 0; bit < valid.length * 8; bit++) {
        byte[] forged = valid.clone();
        forged[bit / 8] ^= (byte) (1 << (bit % 8));
        assertRejected(() -> new SrtpContext(keys(profile)).unprotect(forged, 0, forged.length),
            profile + " bit " + bit);
      }
    }
  }

  @Test
  void everyFlippedBitOfTheSrtcpVectorsFailsAuthenticationOrIsMalformed() {
    byte[][] vectors = {SRTCP_128, SRTCP_256, SRTCP_TAGGED_128, SRTCP_TAGGED_256};
    SrtpSessionKeys[] keys = {keys128(), keys256(), keys128(), keys256()};
    for (int v = 0; v < vectors.length; v++) {
      for (int bit = 0; bit < vectors[v].length * 8; bit++) {
        byte[] forged = vectors[v].clone();
        forged[bit / 8] ^= (byte) (1 << (bit % 8));
        SrtpSessionKeys k = keys[v];
        assertRejected(() -> new SrtcpContext(k).unprotect(forged, 0, forged.length),
            "vector " + v + " bit " + bit);
      }
    }
  }

  @Test
  void aShortGcmPacketIsMalformedNotForged() {
    byte[] tooShort = Arrays.copyOf(SRTP_128, 12 + 15);
    assertThatThrownBy(() -> new SrtpContext(keys128()).unprotect(tooShort, 0, tooShort.length))
        .isInstanceOf(SrtpFormatException.class)
        .hasMessageContaining("16-byte tag");
  }

  static void assertRejected(java.util.function.IntSupplier unprotect, String what) {
    try {
      assertThat(unprotect.getAsInt()).as(what).isEqualTo(SrtpStatus.AUTHENTICATION_FAILED);
    } catch (SrtpFormatException expected) {
      assertThat(expected.getMessage()).as(what).isNotBlank();
    }
  }

  private static byte[] protect(SrtpSessionKeys keys, byte[] rtp) {
    byte[] buf = Arrays.copyOf(rtp, rtp.length + 16);
    int length = new SrtpContext(keys).protect(buf, 0, rtp.length);
    assertThat(length).isEqualTo(rtp.length + 16);
    return buf;
  }

  private static byte[] unprotect(SrtpSessionKeys keys, byte[] srtp) {
    byte[] out = new byte[srtp.length - 16];
    int length = new SrtpContext(keys).unprotect(srtp, 0, srtp.length, out, 0);
    assertThat(length).isEqualTo(srtp.length - 16);
    return out;
  }

  /** §16.x.3: GMAC of the whole RTP packet (all of it associated data, no plaintext). */
  private static byte[] gmac(SrtpSessionKeys keys, byte[] rtp) {
    AesGcmTransform transform = (AesGcmTransform) keys.newRtpTransform();
    transform.rtpIv(RtpHeaderFields.rtpSsrc(rtp, 0), RtpHeaderFields.sequenceNumber(rtp, 0));
    byte[] tag = new byte[16];
    transform.tagOnly(rtp, 0, rtp.length, null, tag, 0);
    return tag;
  }

  /** §16.x.4: "Received tag = Computed tag", and not so once any bit of the packet changes. */
  private static void assertVerification(SrtpSessionKeys keys, byte[] tagged) {
    int length = tagged.length - 16;
    byte[] received = Arrays.copyOfRange(tagged, length, tagged.length);
    assertThat(gmac(keys, Arrays.copyOf(tagged, length))).isEqualTo(received);
    for (int bit = 0; bit < length * 8; bit += 7) {
      byte[] altered = Arrays.copyOf(tagged, length);
      altered[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(gmac(keys, altered)).as("bit %d", bit).isNotEqualTo(received);
    }
  }
}
