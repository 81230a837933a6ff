package dev.vertxsfu.wire.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Tag;

/**
 * SRTCP protect and unprotect for every profile: round trips, the E flag and 31-bit index, its
 * own replay list, tampering, and unencrypted (E = 0) packets from a peer.
 */
@Tag("fast")
class SrtcpContextTest {
  static final int SSRC = 0x0badcafe;

  static byte[] protect(SrtcpContext sender, byte[] rtcp) {
    byte[] buf = Arrays.copyOf(rtcp, rtcp.length + sender.profile().srtcpOverhead());
    assertThat(sender.protect(buf, 0, rtcp.length)).isEqualTo(buf.length);
    return buf;
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void roundTripsAndNumbersPacketsFromZero(SrtpProfile profile) {
    SrtpSessionKeys keys = SrtpContextTest.keys(profile, 21);
    SrtcpContext sender = new SrtcpContext(keys);
    SrtcpContext receiver = new SrtcpContext(keys);
    byte[] rtcp = TestPackets.rtcpReceiverReport(SSRC);
    for (int i = 0; i < 5; i++) {
      byte[] srtcp = protect(sender, rtcp);
      int wordAt = profile.isAead() ? srtcp.length - 4 : rtcp.length;
      assertThat(RtpHeaderFields.readInt(srtcp, wordAt)).as("E flag and index")
          .isEqualTo(0x8000_0000 | i);
      assertThat(Arrays.copyOf(srtcp, 8)).as("first 8 bytes in the clear")
          .isEqualTo(Arrays.copyOf(rtcp, 8));
      assertThat(Arrays.copyOfRange(srtcp, 8, rtcp.length)).as("the rest encrypted")
          .isNotEqualTo(Arrays.copyOfRange(rtcp, 8, rtcp.length));
      byte[] out = new byte[rtcp.length];
      assertThat(receiver.unprotect(srtcp, 0, srtcp.length, out, 0)).isEqualTo(rtcp.length);
      assertThat(out).isEqualTo(rtcp);
    }
    assertThat(sender.nextIndex()).isEqualTo(5);
    assertThat(receiver.highestReceivedIndex()).isEqualTo(4);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void roundTripsInPlaceWithAHeaderOnlyPacket(SrtpProfile profile) {
    SrtpSessionKeys keys = SrtpContextTest.keys(profile, 22);
    byte[] bye = TestPackets.rtcpReceiverReport(SSRC);
    bye = Arrays.copyOf(bye, 8);
    bye[0] = (byte) 0x80;
    byte[] srtcp = protect(new SrtcpContext(keys), bye);
    assertThat(new SrtcpContext(keys).unprotect(srtcp, 0, srtcp.length)).isEqualTo(8);
    assertThat(Arrays.copyOf(srtcp, 8)).isEqualTo(bye);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void anyFlippedBitFailsAuthenticationOrIsMalformed(SrtpProfile profile) {
    SrtpSessionKeys keys = SrtpContextTest.keys(profile, 23);
    byte[] srtcp = protect(new SrtcpContext(keys), TestPackets.rtcpReceiverReport(SSRC));
    SrtcpContext receiver = new SrtcpContext(keys);
    for (int bit = 0; bit < srtcp.length * 8; bit++) {
      byte[] forged = srtcp.clone();
      forged[bit / 8] ^= (byte) (1 << (bit % 8));
      Rfc7714Test.assertRejected(() -> receiver.unprotect(forged, 0, forged.length),
          "bit " + bit);
    }
    assertThat(receiver.highestReceivedIndex()).isEqualTo(-1);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void replaysAreRejectedAndReorderingIsAccepted(SrtpProfile profile) {
    SrtpSessionKeys keys = SrtpContextTest.keys(profile, 24);
    SrtcpContext sender = new SrtcpContext(keys);
    byte[][] srtcp = new byte[4][];
    for (int i = 0; i < srtcp.length; i++) {
      srtcp[i] = protect(sender, TestPackets.rtcpReceiverReport(SSRC));
    }
    SrtcpContext receiver = new SrtcpContext(keys);
    for (int i : new int[] {0, 2, 1, 3}) {
      assertThat(receiver.unprotect(srtcp[i].clone(), 0, srtcp[i].length)).isEqualTo(32);
    }
    assertThat(receiver.unprotect(srtcp[2].clone(), 0, srtcp[2].length))
        .isEqualTo(SrtpStatus.REPLAYED);
  }

  @Test
  void indicesOlderThanTheWindowAreTooOld() {
    SrtpSessionKeys keys = SrtpContextTest.keys(SrtpProfile.SRTP_AEAD_AES_128_GCM, 25);
    SrtcpContext sender = new SrtcpContext(keys);
    byte[] old = protect(sender, TestPackets.rtcpReceiverReport(SSRC));
    sender.startSendingAt(ReplayWindow.SRTCP_WINDOW);
    byte[] recent = protect(sender, TestPackets.rtcpReceiverReport(SSRC));
    SrtcpContext receiver = new SrtcpContext(keys);
    assertThat(receiver.unprotect(recent, 0, recent.length)).isEqualTo(32);
    assertThat(receiver.unprotect(old, 0, old.length)).isEqualTo(SrtpStatus.TOO_OLD);
  }

  @Test
  void theSrtcpIndexWrapsModulo2To31() {
    SrtcpContext sender = new SrtcpContext(
        SrtpContextTest.keys(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, 26));
    sender.startSendingAt(0x7fff_ffff);
    protect(sender, TestPackets.rtcpReceiverReport(SSRC));
    assertThat(sender.nextIndex()).isZero();
  }

  @Test
  void anUnencryptedAesCmPacketFromAPeerIsVerifiedAndReturnedAsIs() throws Exception {
    SrtpSessionKeys keys = SrtpContextTest.keys(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_32, 27);
    byte[] rtcp = TestPackets.rtcpReceiverReport(SSRC);
    // RFC 3711 §3.4 with E = 0: the packet, then E || index, then the 80-bit tag over both.
    byte[] srtcp = Arrays.copyOf(rtcp, rtcp.length + 14);
    RtpHeaderFields.writeInt(srtcp, rtcp.length, 9);
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(keys.rtcpAuthKey, "HmacSHA1"));
    mac.update(srtcp, 0, rtcp.length + 4);
    System.arraycopy(mac.doFinal(), 0, srtcp, rtcp.length + 4, 10);

    byte[] out = new byte[rtcp.length];
    SrtcpContext receiver = new SrtcpContext(keys);
    assertThat(receiver.unprotect(srtcp, 0, srtcp.length, out, 0)).isEqualTo(rtcp.length);
    assertThat(out).isEqualTo(rtcp);
    assertThat(receiver.highestReceivedIndex()).isEqualTo(9);
  }

  @Test
  void sha1_32UsesAnEightyBitTagForSrtcp() {
    SrtpProfile profile = SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_32;
    assertThat(profile.srtpTagLength()).isEqualTo(4);
    assertThat(profile.srtcpOverhead()).isEqualTo(14);
    byte[] srtcp = protect(new SrtcpContext(SrtpContextTest.keys(profile, 28)),
        TestPackets.rtcpReceiverReport(SSRC));
    assertThat(srtcp).hasSize(32 + 4 + 10);
  }
}
