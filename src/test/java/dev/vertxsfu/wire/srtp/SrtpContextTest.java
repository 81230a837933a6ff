package dev.vertxsfu.wire.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Tag;

/**
 * SRTP protect and unprotect for every profile: round trips in place and into another buffer,
 * tampering, the rollover counter across 65535 -> 0 on both sides, reordering across the wrap,
 * and the replay list (replays, too-old packets, the window sliding, forgeries not moving it).
 */
@Tag("fast")
class SrtpContextTest {
  static final int SSRC = 0x1234abcd;

  static SrtpSessionKeys keys(SrtpProfile profile, int seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] material = new byte[profile.keyingMaterialLength()];
    random.nextBytes(material);
    return SrtpKeyingMaterial.clientWriteKeys(profile, material);
  }

  /** An RTP packet with two CSRCs and a one-byte-header extension, and a payload of n bytes. */
  static byte[] rtp(int seq, int payloadLength) {
    byte[] header = TestPackets.rtpHeader(seq, SSRC);
    byte[] packet = Arrays.copyOf(header, header.length + payloadLength);
    for (int i = header.length; i < packet.length; i++) {
      packet[i] = (byte) (i * 7 + seq);
    }
    return packet;
  }

  static byte[] protect(SrtpContext sender, byte[] rtp) {
    byte[] buf = Arrays.copyOf(rtp, rtp.length + sender.profile().srtpTagLength());
    int length = sender.protect(buf, 0, rtp.length);
    assertThat(length).isEqualTo(buf.length);
    return buf;
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void roundTripsInPlace(SrtpProfile profile) {
    SrtpContext sender = new SrtpContext(keys(profile, 1));
    SrtpContext receiver = new SrtpContext(keys(profile, 1));
    for (int length : new int[] {0, 1, 15, 16, 17, 1200}) {
      byte[] rtp = rtp(1000 + length, length);
      byte[] srtp = protect(sender, rtp);
      assertThat(Arrays.copyOfRange(srtp, 0, 28)).as("header stays in the clear")
          .isEqualTo(Arrays.copyOf(rtp, 28));
      if (length > 0) {
        assertThat(Arrays.copyOfRange(srtp, 28, rtp.length)).as("payload encrypted")
            .isNotEqualTo(Arrays.copyOfRange(rtp, 28, rtp.length));
      }
      assertThat(receiver.unprotect(srtp, 0, srtp.length)).isEqualTo(rtp.length);
      assertThat(Arrays.copyOf(srtp, rtp.length)).isEqualTo(rtp);
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void roundTripsIntoAnotherBufferAtAnOffsetLeavingTheInputAlone(SrtpProfile profile) {
    SrtpContext sender = new SrtpContext(keys(profile, 2));
    SrtpContext receiver = new SrtpContext(keys(profile, 2));
    byte[] rtp = rtp(7, 300);
    byte[] in = new byte[rtp.length + 5];
    System.arraycopy(rtp, 0, in, 5, rtp.length);
    byte[] out = new byte[rtp.length + 40];
    int srtpLength = sender.protect(in, 5, rtp.length, out, 9);
    assertThat(Arrays.copyOfRange(in, 5, in.length)).as("input untouched").isEqualTo(rtp);
    byte[] srtp = Arrays.copyOfRange(out, 9, 9 + srtpLength);

    byte[] plain = new byte[rtp.length + 3];
    assertThat(receiver.unprotect(srtp, 0, srtp.length, plain, 3)).isEqualTo(rtp.length);
    assertThat(Arrays.copyOfRange(plain, 3, plain.length)).isEqualTo(rtp);
    assertThat(srtp).as("input untouched").isEqualTo(Arrays.copyOfRange(out, 9, 9 + srtpLength));
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void inPlaceAndOutOfPlaceProduceTheSameBytes(SrtpProfile profile) {
    byte[] rtp = rtp(42, 700);
    byte[] inPlace = protect(new SrtpContext(keys(profile, 3)), rtp);
    byte[] out = new byte[inPlace.length];
    new SrtpContext(keys(profile, 3)).protect(rtp, 0, rtp.length, out, 0);
    assertThat(out).isEqualTo(inPlace);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void anyFlippedBitInHeaderPayloadOrTagFailsAuthentication(SrtpProfile profile) {
    SrtpSessionKeys keys = keys(profile, 4);
    byte[] srtp = protect(new SrtpContext(keys), rtp(500, 40));
    SrtpContext receiver = new SrtpContext(keys);
    for (int bit = 0; bit < srtp.length * 8; bit++) {
      byte[] forged = srtp.clone();
      forged[bit / 8] ^= (byte) (1 << (bit % 8));
      Rfc7714Test.assertRejected(() -> receiver.unprotect(forged, 0, forged.length),
          "bit " + bit);
    }
    assertThat(receiver.highestReceivedIndex()).as("forgeries never move the window")
        .isEqualTo(-1);
    assertThat(receiver.unprotect(srtp, 0, srtp.length)).isPositive();
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void aDifferentRolloverCounterFailsAuthentication(SrtpProfile profile) {
    SrtpSessionKeys keys = keys(profile, 5);
    SrtpContext sender = new SrtpContext(keys);
    protect(sender, rtp(65535, 10));
    byte[] afterWrap = protect(sender, rtp(3, 10)); // ROC 1
    assertThat(sender.highestSentIndex()).isEqualTo(65536 + 3);
    SrtpContext freshReceiver = new SrtpContext(keys); // assumes ROC 0 for its first packet
    assertThat(freshReceiver.unprotect(afterWrap, 0, afterWrap.length))
        .isEqualTo(SrtpStatus.AUTHENTICATION_FAILED);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void rolloverCounterAdvancesAcross65535To0OnBothSides(SrtpProfile profile) {
    SrtpSessionKeys keys = keys(profile, 6);
    SrtpContext sender = new SrtpContext(keys);
    SrtpContext receiver = new SrtpContext(keys);
    for (int i = 0; i < 20; i++) {
      int seq = (65530 + i) & 0xffff;
      byte[] rtp = rtp(seq, 30);
      byte[] srtp = protect(sender, rtp);
      assertThat(receiver.unprotect(srtp, 0, srtp.length)).as("seq %d", seq)
          .isEqualTo(rtp.length);
      assertThat(Arrays.copyOf(srtp, rtp.length)).isEqualTo(rtp);
      assertThat(receiver.rolloverCounter()).isEqualTo(seq >= 65530 ? 0 : 1);
    }
    assertThat(sender.highestSentIndex()).isEqualTo(65536 + 13);
    assertThat(receiver.highestReceivedIndex()).isEqualTo(65536 + 13);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void reorderingAcrossTheWrapIsAcceptedAndDecrypted(SrtpProfile profile) {
    SrtpSessionKeys keys = keys(profile, 7);
    SrtpContext sender = new SrtpContext(keys);
    int[] seqs = {65532, 65533, 65534, 65535, 0, 1, 2, 3};
    byte[][] srtp = new byte[seqs.length][];
    byte[][] rtp = new byte[seqs.length][];
    for (int i = 0; i < seqs.length; i++) {
      rtp[i] = rtp(seqs[i], 25);
      srtp[i] = protect(sender, rtp[i]);
    }
    SrtpContext receiver = new SrtpContext(keys);
    for (int i : new int[] {0, 1, 5, 2, 4, 3, 7, 6}) {
      assertThat(receiver.unprotect(srtp[i], 0, srtp[i].length)).as("seq %d", seqs[i])
          .isEqualTo(rtp[i].length);
      assertThat(Arrays.copyOf(srtp[i], rtp[i].length)).isEqualTo(rtp[i]);
    }
    assertThat(receiver.rolloverCounter()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void aSenderGivenReorderedSequenceNumbersKeepsTheRocOfEachPacket(SrtpProfile profile) {
    SrtpSessionKeys keys = keys(profile, 8);
    SrtpContext sender = new SrtpContext(keys);
    SrtpContext receiver = new SrtpContext(keys);
    for (int seq : new int[] {65534, 1, 65535, 0, 2}) {
      byte[] rtp = rtp(seq, 20);
      byte[] srtp = protect(sender, rtp);
      assertThat(receiver.unprotect(srtp, 0, srtp.length)).as("seq %d", seq)
          .isEqualTo(rtp.length);
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void aReplayIsRejectedWithoutCryptography(SrtpProfile profile) {
    SrtpSessionKeys keys = keys(profile, 9);
    byte[] srtp = protect(new SrtpContext(keys), rtp(100, 50));
    SrtpContext receiver = new SrtpContext(keys);
    assertThat(receiver.unprotect(srtp.clone(), 0, srtp.length)).isEqualTo(50 + 28);
    assertThat(receiver.unprotect(srtp.clone(), 0, srtp.length)).isEqualTo(SrtpStatus.REPLAYED);
    byte[] replayWithBadTag = srtp.clone();
    replayWithBadTag[srtp.length - 1] ^= 1;
    assertThat(receiver.unprotect(replayWithBadTag, 0, srtp.length))
        .as("the replay check runs before authentication").isEqualTo(SrtpStatus.REPLAYED);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void packetsOlderThanTheWindowAreTooOldAndTheWindowSlides(SrtpProfile profile) {
    SrtpSessionKeys keys = keys(profile, 10);
    SrtpContext sender = new SrtpContext(keys);
    byte[][] srtp = new byte[3000][];
    for (int seq = 0; seq < srtp.length; seq++) {
      srtp[seq] = protect(sender, rtp(seq, 4));
    }
    SrtpContext receiver = new SrtpContext(keys);
    int window = ReplayWindow.SRTP_WINDOW;
    assertThat(receiver.unprotect(srtp[2000].clone(), 0, srtp[2000].length)).isPositive();
    assertThat(receiver.unprotect(srtp[2000 - window].clone(), 0, srtp[0].length))
        .isEqualTo(SrtpStatus.TOO_OLD);
    assertThat(receiver.unprotect(srtp[2000 - window + 1].clone(), 0, srtp[0].length))
        .as("the oldest index inside the window").isPositive();
    assertThat(receiver.unprotect(srtp[1500].clone(), 0, srtp[0].length)).isPositive();
    assertThat(receiver.unprotect(srtp[1500].clone(), 0, srtp[0].length))
        .isEqualTo(SrtpStatus.REPLAYED);
    // Slide the window forward by 600: 1500 is now too old, 1700 still inside.
    assertThat(receiver.unprotect(srtp[2600].clone(), 0, srtp[0].length)).isPositive();
    assertThat(receiver.unprotect(srtp[1500].clone(), 0, srtp[0].length))
        .isEqualTo(SrtpStatus.TOO_OLD);
    assertThat(receiver.unprotect(srtp[1700].clone(), 0, srtp[0].length)).isPositive();
    assertThat(receiver.unprotect(srtp[2599].clone(), 0, srtp[0].length)).isPositive();
    assertThat(receiver.unprotect(srtp[2599].clone(), 0, srtp[0].length))
        .isEqualTo(SrtpStatus.REPLAYED);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void aForgedPacketDoesNotMoveTheWindowSoTheRealOneIsStillAccepted(SrtpProfile profile) {
    SrtpSessionKeys keys = keys(profile, 11);
    SrtpContext sender = new SrtpContext(keys);
    byte[] first = protect(sender, rtp(10, 16));
    byte[] genuine = protect(sender, rtp(11, 16));
    SrtpContext receiver = new SrtpContext(keys);
    assertThat(receiver.unprotect(first, 0, first.length)).isPositive();
    byte[] forged = genuine.clone();
    forged[20] ^= 0x40;
    assertThat(receiver.unprotect(forged, 0, forged.length))
        .isEqualTo(SrtpStatus.AUTHENTICATION_FAILED);
    assertThat(receiver.highestReceivedIndex()).isEqualTo(10);
    assertThat(receiver.unprotect(genuine, 0, genuine.length)).isPositive();
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void aPacketBeforeTheFirstOneWithRocZeroIsTooOld(SrtpProfile profile) {
    SrtpSessionKeys keys = keys(profile, 12);
    SrtpContext sender = new SrtpContext(keys);
    byte[] first = protect(sender, rtp(5, 8));
    byte[] late = protect(sender, rtp(65000, 8));
    SrtpContext receiver = new SrtpContext(keys);
    assertThat(receiver.unprotect(first, 0, first.length)).isPositive();
    assertThat(receiver.unprotect(late, 0, late.length)).isEqualTo(SrtpStatus.TOO_OLD);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void aRetransmissionOfTheSamePacketProtectsToTheSameBytes(SrtpProfile profile) {
    SrtpContext sender = new SrtpContext(keys(profile, 13));
    byte[] rtp = rtp(77, 90);
    byte[] once = protect(sender, rtp);
    byte[] again = protect(sender, rtp); // consecutive: SunJCE GCM refuses a reused IV
    assertThat(again).isEqualTo(once);
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void keysOfTheOtherDirectionFailAuthentication(SrtpProfile profile) {
    byte[] material = new byte[profile.keyingMaterialLength()];
    new SplittableRandom(14).nextBytes(material);
    byte[] srtp = protect(new SrtpContext(SrtpKeyingMaterial.clientWriteKeys(profile, material)),
        rtp(1, 30));
    SrtpContext wrong = new SrtpContext(SrtpKeyingMaterial.serverWriteKeys(profile, material));
    assertThat(wrong.unprotect(srtp, 0, srtp.length)).isEqualTo(SrtpStatus.AUTHENTICATION_FAILED);
  }
}
