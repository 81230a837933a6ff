package dev.vertxsfu.wire.srtp;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;

/**
 * RFC 3711 Appendix B test vectors, typed in from the RFC text: B.2 (the AES-CM keystream) and
 * B.3 (key derivation), then a whole SRTP and SRTCP packet built from them and checked against
 * an independent computation with the JDK's AES/CTR and HmacSHA1 (the RFC has no packet vector).
 * Appendix A's index estimation is checked case by case.
 */
@Tag("fast")
class Rfc3711Test {
  /** B.3 inputs. */
  static final byte[] MASTER_KEY = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
  static final byte[] MASTER_SALT = hex("0EC675AD498AFEEBB6960B3AABE6");
  /** B.3 outputs. */
  static final byte[] CIPHER_KEY = hex("C61E7A93744F39EE10734AFE3FF7A087");
  static final byte[] CIPHER_SALT = hex("30CBBC08863D8C85D49DB34A9AE1");
  static final byte[] AUTH_KEY = hex("""
      CEBE321F6FF7716B6FD4AB49AF256A15
      6D38BAA48F0A0ACF3C34E2359E6CDBCE
      E049646C43D9327AD175578EF7227098
      6371C10C9A369AC2F94A8C5FBCDDDC25
      6D6E919A48B610EF17C2041E47403576
      6B68642C59BBFC2F34DB60DBDFB2""");

  @Test
  void appendixB2AesCmKeystream() {
    byte[] sessionKey = hex("2B7E151628AED2A6ABF7158809CF4F3C");
    byte[] sessionSalt = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD");
    AesCmTransform transform = new AesCmTransform(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80,
        sessionKey, sessionSalt, new byte[20], 10);
    int segment = 1044512; // 65282 AES blocks, "Keystream segment length"
    byte[] keystream = new byte[segment];
    transform.crypt(new byte[segment], 0, segment, keystream, 0, 0, 0);

    assertThat(hex(Arrays.copyOfRange(keystream, 0, 48)).toUpperCase()).isEqualTo(
        "E03EAD0935C95E80E166B16DD92B4EB4"   // counter ...FCFD0000
        + "D23513162B02D0F72A43A2FE4A5F97AB" // counter ...FCFD0001
        + "41E95B3BB0A2E8DD477901E4FCA894C0"); // counter ...FCFD0002
    assertThat(hex(Arrays.copyOfRange(keystream, segment - 48, segment)).toUpperCase())
        .isEqualTo(
            "EC8CDF7398607CB0F2D21675EA9EA1E4"   // counter ...FCFDFEFF
            + "362B7C3C6773516318A077D7FC5073AE" // counter ...FCFDFF00
            + "6A2CC3787889374FBEB4C81B17BA6C44"); // counter ...FCFDFF01
  }

  @Test
  void appendixB2KeystreamIsTheSameInPlace() {
    byte[] sessionKey = hex("2B7E151628AED2A6ABF7158809CF4F3C");
    byte[] sessionSalt = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD");
    AesCmTransform transform = new AesCmTransform(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80,
        sessionKey, sessionSalt, new byte[20], 10);
    byte[] buf = new byte[52];
    transform.crypt(buf, 4, 48, buf, 4, 0, 0);
    assertThat(hex(Arrays.copyOfRange(buf, 4, 52)).toUpperCase()).isEqualTo(
        "E03EAD0935C95E80E166B16DD92B4EB4D23513162B02D0F72A43A2FE4A5F97AB"
        + "41E95B3BB0A2E8DD477901E4FCA894C0");
  }

  @Test
  void appendixB3DerivesTheCipherKey() {
    assertThat(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, 0x00, 16)).isEqualTo(CIPHER_KEY);
  }

  @Test
  void appendixB3DerivesTheCipherSalt() {
    assertThat(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, 0x02, 14))
        .isEqualTo(CIPHER_SALT);
  }

  @Test
  void appendixB3DerivesThe94ByteAuthKey() {
    assertThat(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, 0x01, 94)).isEqualTo(AUTH_KEY);
  }

  @Test
  void appendixB3SessionKeysForTheDefaultProfileUseThe160BitAuthKey() {
    SrtpSessionKeys keys = SrtpSessionKeys.derive(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80,
        MASTER_KEY, MASTER_SALT);
    assertThat(keys.rtpKey).isEqualTo(CIPHER_KEY);
    assertThat(keys.rtpSalt).isEqualTo(CIPHER_SALT);
    assertThat(keys.rtpAuthKey).isEqualTo(Arrays.copyOf(AUTH_KEY, 20));
    assertThat(keys.rtcpKey).isNotEqualTo(CIPHER_KEY).hasSize(16);
    assertThat(keys.rtcpSalt).hasSize(14);
    assertThat(keys.rtcpAuthKey).hasSize(20);
  }

  @Test
  void srtpPacketFromTheB3KeysMatchesAnIndependentAesCtrAndHmacSha1() throws Exception {
    // Sequence number 0xffff then 0x0000: the second packet is protected with ROC 1.
    byte[] rtp = hex("8060ffff 0000a000 cafebabe 00112233445566778899aabbccddeeff0102");
    byte[] rtp2 = hex("80600000 0000a0a0 cafebabe 00112233445566778899aabbccddeeff0102");
    SrtpContext sender = new SrtpContext(SrtpSessionKeys.derive(
        SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT));
    for (byte[] packet : new byte[][] {rtp, rtp2}) {
      byte[] buf = Arrays.copyOf(packet, packet.length + 10);
      assertThat(sender.protect(buf, 0, packet.length)).isEqualTo(packet.length + 10);
      int roc = packet == rtp ? 0 : 1;
      long index = ((long) roc << 16) | RtpHeaderFields.sequenceNumber(packet, 0);
      assertThat(buf).isEqualTo(expectedSrtp(packet, 0xcafebabe, index, roc));
    }
  }

  @Test
  void srtcpPacketFromTheB3KeysMatchesAnIndependentAesCtrAndHmacSha1() throws Exception {
    byte[] rtcp = hex("80c90001 deadbeef");
    byte[] rtcpWithReport = hex("81c90007 deadbeef 01020304 00000001 00000002 00000003 00000004"
        + " 00000005");
    SrtpSessionKeys keys = SrtpSessionKeys.derive(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80,
        MASTER_KEY, MASTER_SALT);
    SrtcpContext sender = new SrtcpContext(keys);
    int index = 0;
    for (byte[] packet : new byte[][] {rtcp, rtcpWithReport}) {
      byte[] buf = Arrays.copyOf(packet, packet.length + 14);
      assertThat(sender.protect(buf, 0, packet.length)).isEqualTo(packet.length + 14);
      byte[] expected = Arrays.copyOf(packet, packet.length + 14);
      byte[] payload = Arrays.copyOfRange(packet, 8, packet.length);
      byte[] sealed = aesCtr(keys.rtcpKey, iv(keys.rtcpSalt, 0xdeadbeef, index), payload);
      System.arraycopy(sealed, 0, expected, 8, sealed.length);
      RtpHeaderFields.writeInt(expected, packet.length, 0x8000_0000 | index);
      byte[] tag = hmacSha1(keys.rtcpAuthKey, Arrays.copyOf(expected, packet.length + 4));
      System.arraycopy(tag, 0, expected, packet.length + 4, 10);
      assertThat(buf).isEqualTo(expected);
      index++;
    }
  }

  /** Appendix A: s_l below 32768 and the packet far ahead means the previous ROC, and so on. */
  @ParameterizedTest(name = "s_l {0} ROC {1}, SEQ {2} -> v {3}")
  @CsvSource({
      "100, 5, 101, 5",
      "100, 5, 99, 5",
      "100, 5, 32868, 5",
      "100, 5, 32869, 4",
      "100, 5, 65535, 4",
      "40000, 5, 7232, 5",
      "40000, 5, 7231, 6",
      "40000, 5, 0, 6",
      "65535, 0, 0, 1",
      "65535, 0, 65534, 0",
      "0, 1, 65535, 0",
      "0, 0, 65535, -1",
  })
  void appendixAEstimatesTheRolloverCounter(int sl, long roc, int seq, long v) {
    long index = SrtpContext.estimateIndex((roc << 16) | sl, seq);
    if (v < 0) {
      assertThat(index).as("no ROC below 0").isNegative();
    } else {
      assertThat(index).isEqualTo((v << 16) | seq);
    }
  }

  @Test
  void appendixAFirstPacketHasRocZero() {
    assertThat(SrtpContext.estimateIndex(-1, 65000)).isEqualTo(65000);
  }

  private static byte[] expectedSrtp(byte[] rtp, int ssrc, long index, int roc) throws Exception {
    byte[] payload = Arrays.copyOfRange(rtp, 12, rtp.length);
    byte[] cipher = aesCtr(CIPHER_KEY, iv(CIPHER_SALT, ssrc, index), payload);
    byte[] authenticated = new byte[rtp.length + 4];
    System.arraycopy(rtp, 0, authenticated, 0, 12);
    System.arraycopy(cipher, 0, authenticated, 12, cipher.length);
    RtpHeaderFields.writeInt(authenticated, rtp.length, roc);
    byte[] tag = hmacSha1(Arrays.copyOf(AUTH_KEY, 20), authenticated);
    byte[] expected = Arrays.copyOf(authenticated, rtp.length + 10);
    System.arraycopy(tag, 0, expected, rtp.length, 10);
    return expected;
  }

  /** §4.1.1: IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16), as big integers. */
  private static byte[] iv(byte[] salt, int ssrc, long index) {
    java.math.BigInteger iv = new java.math.BigInteger(1, salt).shiftLeft(16)
        .xor(java.math.BigInteger.valueOf(ssrc & 0xffffffffL).shiftLeft(64))
        .xor(java.math.BigInteger.valueOf(index).shiftLeft(16));
    byte[] raw = iv.toByteArray();
    byte[] block = new byte[16];
    int take = Math.min(raw.length, 16);
    System.arraycopy(raw, raw.length - take, block, 16 - take, take);
    return block;
  }

  private static byte[] aesCtr(byte[] key, byte[] iv, byte[] data) throws Exception {
    Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
    return cipher.doFinal(data);
  }

  private static byte[] hmacSha1(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(key, "HmacSHA1"));
    return mac.doFinal(data);
  }
}
