package dev.vertxsfu.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("fast")
class RemoteDescriptionTracksTest {

  private static final String OFFER = String.join("\r\n",
      "v=0",
      "o=- 1 2 IN IP4 127.0.0.1",
      "s=-",
      "t=0 0",
      "a=group:BUNDLE 0 1 2 3",
      "a=msid-semantic: WMS s-a",
      "m=video 9 UDP/TLS/RTP/SAVPF 96",
      "a=mid:0",
      "a=sendonly",
      "a=msid:s-a cam-a",
      "m=audio 9 UDP/TLS/RTP/SAVPF 111",
      "a=mid:1",
      "a=msid:s-a mic-a",
      "m=video 9 UDP/TLS/RTP/SAVPF 96",
      "a=mid:2",
      "a=recvonly",
      "m=video 9 UDP/TLS/RTP/SAVPF 96",
      "a=mid:3",
      "a=inactive",
      "a=msid:s-b cam-b",
      "m=video 0 UDP/TLS/RTP/SAVPF 96",
      "a=mid:4",
      "a=sendonly",
      "a=msid:s-c cam-c",
      "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
      "a=mid:5",
      "");

  @Test
  void readsTheMsidOfEachMlineTheSfuSendsOn() {
    assertThat(RemoteDescriptionTracks.read(OFFER)).containsExactly(
        new RemoteTrackId("0", "s-a", "cam-a", "video"),
        new RemoteTrackId("1", "s-a", "mic-a", "audio"));
  }

  @Test
  void skipsReceiveOnlyInactiveRejectedAndMsidlessMlines() {
    assertThat(RemoteDescriptionTracks.read(OFFER)).extracting(RemoteTrackId::mid)
        .doesNotContain("2", "3", "4", "5");
  }

  @Test
  void readsLineFeedOnlySdpToo() {
    assertThat(RemoteDescriptionTracks.read(OFFER.replace("\r\n", "\n"))).hasSize(2);
  }

  @Test
  void aTrackInfoMatchesTheMlineThatCarriesItsMsid() {
    TrackInfo camera = new TrackInfo("c-0", "cam-a", "s-a", "video", "media");
    assertThat(camera.carriedBy(new RemoteTrackId("0", "s-a", "cam-a", "video"))).isTrue();
    assertThat(camera.carriedBy(new RemoteTrackId("1", "s-a", "mic-a", "audio"))).isFalse();
    assertThat(camera.carriedBy(new RemoteTrackId("0", "s-b", "cam-a", "video"))).isFalse();
  }
}
