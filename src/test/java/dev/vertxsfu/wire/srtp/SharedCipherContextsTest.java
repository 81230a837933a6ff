package dev.vertxsfu.wire.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contexts of one session that share the first one's cipher ({@code new SrtpContext(keys,
 * sibling)}, as {@code media.transport.SrtpSession} makes them), taking turns packet by packet
 * over several SSRCs and lengths on both paths of AES-GCM (short and long RTP): the same bytes
 * as contexts of their own, and each side opens what the other sealed.
 */
@Tag("fast")
class SharedCipherContextsTest {
  private static final int[] SSRCS = {0x11111111, 0x22222222, 0x33333333};

  private static byte[] rtp(int seq, int ssrc, int payloadLength) {
    byte[] header = TestPackets.rtpHeader(seq, ssrc);
    byte[] packet = Arrays.copyOf(header, header.length + payloadLength);
    for (int i = header.length; i < packet.length; i++) {
      packet[i] = (byte) (i * 5 + seq + ssrc);
    }
    return packet;
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void rtpContextsSharingACipherSealAsTheirOwnAndOpenEachOther(SrtpProfile profile) {
    SrtpSessionKeys keys = SrtpContextTest.keys(profile, 7);
    SrtpContext[] own = new SrtpContext[SSRCS.length];
    SrtpContext[] shared = new SrtpContext[SSRCS.length];
    SrtpContext[] receivers = new SrtpContext[SSRCS.length];
    for (int i = 0; i < SSRCS.length; i++) {
      own[i] = new SrtpContext(keys);
      shared[i] = i == 0 ? new SrtpContext(keys) : new SrtpContext(keys, shared[0]);
      receivers[i] = i == 0 ? new SrtpContext(keys) : new SrtpContext(keys, receivers[0]);
    }
    int tag = profile.srtpTagLength();
    for (int seq = 100; seq < 160; seq++) {
      for (int i = 0; i < SSRCS.length; i++) {
        int length = new int[] {3, 40, 64, 65, 300, 1200}[(seq + i) % 6];
        byte[] rtp = rtp(seq, SSRCS[i], length);
        byte[] a = Arrays.copyOf(rtp, rtp.length + tag);
        byte[] b = Arrays.copyOf(rtp, rtp.length + tag);
        assertThat(own[i].protect(a, 0, rtp.length)).isEqualTo(a.length);
        assertThat(shared[i].protect(b, 0, rtp.length)).isEqualTo(b.length);
        assertThat(b).isEqualTo(a);
        assertThat(receivers[i].unprotect(b, 0, b.length)).isEqualTo(rtp.length);
        assertThat(Arrays.copyOf(b, rtp.length)).isEqualTo(rtp);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void rtcpContextsSharingACipherSealAsTheirOwnAndOpenEachOther(SrtpProfile profile) {
    SrtpSessionKeys keys = SrtpContextTest.keys(profile, 8);
    SrtcpContext[] own = new SrtcpContext[SSRCS.length];
    SrtcpContext[] shared = new SrtcpContext[SSRCS.length];
    SrtcpContext[] receivers = new SrtcpContext[SSRCS.length];
    for (int i = 0; i < SSRCS.length; i++) {
      own[i] = new SrtcpContext(keys);
      shared[i] = i == 0 ? new SrtcpContext(keys) : new SrtcpContext(keys, shared[0]);
      receivers[i] = i == 0 ? new SrtcpContext(keys) : new SrtcpContext(keys, receivers[0]);
    }
    for (int round = 0; round < 20; round++) {
      for (int i = 0; i < SSRCS.length; i++) {
        byte[] rtcp = TestPackets.rtcpReceiverReport(SSRCS[i]);
        byte[] a = Arrays.copyOf(rtcp, rtcp.length + profile.srtcpOverhead());
        byte[] b = Arrays.copyOf(rtcp, rtcp.length + profile.srtcpOverhead());
        assertThat(own[i].protect(a, 0, rtcp.length)).isEqualTo(a.length);
        assertThat(shared[i].protect(b, 0, rtcp.length)).isEqualTo(b.length);
        assertThat(b).isEqualTo(a);
        assertThat(receivers[i].unprotect(b, 0, b.length)).isEqualTo(rtcp.length);
        assertThat(Arrays.copyOf(b, rtcp.length)).isEqualTo(rtcp);
      }
    }
  }
}
