package dev.vertxsfu.media.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.media.dtls.DtlsFingerprint;
import dev.vertxsfu.testpeer.LibWebRtc;
import dev.vertxsfu.testpeer.SyntheticCamera;
import dev.vertxsfu.testpeer.TestPeer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A real libwebrtc peer against one {@link WebRtcTransport} on a real UDP socket. The answer
 * is written here by hand from the offer (negotiation is not this layer's job): ICE-lite, our
 * credentials and fingerprint, one host candidate, the offer's VP8 payload type received.
 */
class WebRtcTransportPeerTest {

  private static String group(String regex, String sdp) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(sdp);
    assertThat(m.find()).as("%s in%n%s", regex, sdp).isTrue();
    return m.group(1);
  }

  /** The SFU's answer to a one-video-m-line offer, as media.negotiation will write it. */
  static String answer(String offer, TransportHarness sfu, int port) {
    String mid = group("^a=mid:(\\S+)", offer);
    String vp8 = group("^a=rtpmap:(\\d+) VP8/90000", offer);
    return String.join("\r\n",
        "v=0",
        "o=- 1 1 IN IP4 127.0.0.1",
        "s=-",
        "t=0 0",
        "a=ice-lite",
        "a=group:BUNDLE " + mid,
        "a=msid-semantic: WMS",
        "m=video " + port + " UDP/TLS/RTP/SAVPF " + vp8,
        "c=IN IP4 127.0.0.1",
        "a=rtcp:9 IN IP4 0.0.0.0",
        "a=ice-ufrag:" + sfu.ice.ufrag(),
        "a=ice-pwd:" + sfu.ice.password(),
        "a=fingerprint:" + TransportHarness.CERTIFICATE.fingerprint(),
        "a=setup:passive",
        "a=mid:" + mid,
        "a=recvonly",
        "a=rtcp-mux",
        "a=rtcp-rsize",
        "a=rtpmap:" + vp8 + " VP8/90000",
        "a=rtcp-fb:" + vp8 + " nack",
        "a=rtcp-fb:" + vp8 + " nack pli",
        "a=candidate:1 1 udp 2130706431 127.0.0.1 " + port + " typ host",
        "a=end-of-candidates",
        "");
  }

  /** Connects a publisher of one synthetic 320x240 video track to a fresh transport. */
  private static void publish(LibWebRtc libWebRtc, TestPeer publisher, TransportHarness sfu,
      DtlsFingerprint expected) throws Exception {
    String offer = publisher.createOffer();
    int port = sfu.start(group("^a=ice-ufrag:(\\S+)", offer),
        expected != null ? expected
            : DtlsFingerprint.parse(group("^a=fingerprint:(.+)$", offer).trim()));
    publisher.applyAnswer(answer(offer, sfu, port));
  }

  @Test
  void aLibWebRtcPublishersMediaIsDecryptedAndComesFromLoopback() throws Exception {
    try (LibWebRtc libWebRtc = new LibWebRtc(); TestPeer publisher = new TestPeer(libWebRtc);
        TransportHarness sfu = new TransportHarness()) {
      CustomVideoSource video = libWebRtc.videoSource();
      publisher.addVideo(libWebRtc.factory(), video, "camera", "stream");
      publish(libWebRtc, publisher, sfu, null);
      try (SyntheticCamera camera = new SyntheticCamera(video, 320, 240, 30)) {
        sfu.connected.get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> sfu.rtpPackets.get() >= 30);
      }
      assertThat(sfu.rtpSources).allMatch(a -> a.getAddress().isLoopbackAddress());
      assertThat(sfu.onLoop(() -> sfu.transport.state())).isEqualTo(TransportState.CONNECTED);
      assertThat(sfu.rtcpPackets.get()).isPositive();
    }
  }

  @Test
  void aPeerWhoseCertificateDoesNotMatchItsFingerprintGetsNoMedia() throws Exception {
    DtlsCertificate stranger =
        DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
    try (LibWebRtc libWebRtc = new LibWebRtc(); TestPeer publisher = new TestPeer(libWebRtc);
        TransportHarness sfu = new TransportHarness()) {
      CustomVideoSource video = libWebRtc.videoSource();
      publisher.addVideo(libWebRtc.factory(), video, "camera", "stream");
      publish(libWebRtc, publisher, sfu, stranger.fingerprint());
      try (SyntheticCamera camera = new SyntheticCamera(video, 320, 240, 30)) {
        sfu.failed.get(20, TimeUnit.SECONDS);
      }
      assertThat(sfu.rtpPackets.get()).isZero();
      assertThat(sfu.states).doesNotContain(TransportState.CONNECTED);
    }
  }

  @Test
  void aReplayedSrtpPacketIsDropped() throws Exception {
    try (LibWebRtc libWebRtc = new LibWebRtc(); TestPeer publisher = new TestPeer(libWebRtc);
        TransportHarness sfu = new TransportHarness()) {
      CustomVideoSource video = libWebRtc.videoSource();
      publisher.addVideo(libWebRtc.factory(), video, "camera", "stream");
      publish(libWebRtc, publisher, sfu, null);
      // which packets came through, by SSRC and sequence number: libwebrtc may still send
      // (its pacer, a retransmission) after the camera stops, so a plain count would race
      List<Long> delivered = new CopyOnWriteArrayList<>();
      sfu.rtpTap = packet -> delivered.add(streamAndSequence(packet));
      byte[] captured;
      try (SyntheticCamera camera = new SyntheticCamera(video, 320, 240, 30)) {
        sfu.connected.get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> sfu.rtpPackets.get() >= 10);
        captured = sfu.lastSrtp.get();
      }
      long replayed = streamAndSequence(captured); // SRTP leaves the header in the clear
      await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains(replayed));
      long droppedBefore = sfu.onLoop(() -> sfu.transport.packetsDropped());
      sfu.inject(captured, sfu.lastSource()); // handled on the loop before inject returns
      assertThat(sfu.onLoop(() -> sfu.transport.packetsDropped())).isEqualTo(droppedBefore + 1);
      assertThat(delivered.stream().filter(p -> p == replayed)).as("deliveries of the replayed "
          + "packet").hasSize(1);
    }
  }

  /** An RTP packet's SSRC and sequence number, as one number. */
  private static long streamAndSequence(byte[] packet) {
    long ssrc = ((packet[8] & 0xffL) << 24) | ((packet[9] & 0xff) << 16)
        | ((packet[10] & 0xff) << 8) | (packet[11] & 0xff);
    return ssrc << 16 | ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
  }
}
