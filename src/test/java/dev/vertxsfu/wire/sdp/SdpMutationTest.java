package dev.vertxsfu.wire.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Changes to a parsed description write out cleanly: only the lines changed differ from the
 * input, the result parses again to the same text, and descriptions built in code are valid.
 */
@Tag("fast")
class SdpMutationTest {
  private final String input = Captures.text("chromium-offer-av-data.sdp");
  private final SessionDescription sdp = SessionDescription.parse(input);

  private List<String> inputLines() {
    return new ArrayList<>(List.of(input.split("\r\n")));
  }

  private static String join(List<String> lines) {
    return String.join("\r\n", lines) + "\r\n";
  }

  /** The written text, after checking that it parses back to itself. */
  private static String written(SessionDescription sdp) {
    String text = sdp.format();
    assertThat(SessionDescription.parse(text).format()).isEqualTo(text);
    return text;
  }

  @Test
  void addingAnAttributeAppendsItToItsSection() {
    sdp.media().get(1).attributes().add("x-google-flag", "conference");
    List<String> expected = inputLines();
    expected.add(expected.indexOf("m=application 9 UDP/DTLS/SCTP webrtc-datachannel"),
        "a=x-google-flag:conference");
    assertThat(written(sdp)).isEqualTo(join(expected));
  }

  @Test
  void insertingAnAttributeAtAnIndexKeepsTheRestInPlace() {
    Attributes audio = sdp.media().get(0).attributes();
    audio.add(audio.indexOf("mid") + 1, Attribute.of("bundle-only"));
    List<String> expected = inputLines();
    expected.add(expected.indexOf("a=mid:0") + 1, "a=bundle-only");
    assertThat(written(sdp)).isEqualTo(join(expected));
  }

  @Test
  void removingAttributesDropsOnlyTheirLines() {
    Attributes video = sdp.media().get(1).attributes();
    assertThat(video.remove("ssrc")).isEqualTo(4);
    assertThat(video.remove("ssrc-group")).isEqualTo(1);
    assertThat(video.remove("absent")).isZero();
    List<String> expected = inputLines();
    expected.removeIf(line -> line.startsWith("a=ssrc:4036239639 ")
        || line.startsWith("a=ssrc:3038876841 ") || line.startsWith("a=ssrc-group:"));
    assertThat(written(sdp)).isEqualTo(join(expected));
  }

  @Test
  void removingAMediaDescriptionAndUpdatingTheBundleGroup() {
    sdp.media().remove(2);
    sdp.attributes().replace(Group.bundle(List.of("0", "1")).toAttribute());
    List<String> expected = inputLines();
    expected.set(expected.indexOf("a=group:BUNDLE 0 1 2"), "a=group:BUNDLE 0 1");
    expected.subList(expected.indexOf("m=application 9 UDP/DTLS/SCTP webrtc-datachannel"),
        expected.size()).clear();
    assertThat(written(sdp)).isEqualTo(join(expected));
  }

  @Test
  void addingAMediaDescriptionAppendsItsLines() {
    MediaDescription video = new MediaDescription("video", 9, MediaDescription.RTP_PROTO,
        List.of("96", "97"));
    video.connections().add(ConnectionData.of("0.0.0.0"));
    video.attributes().add("mid", "3").add(Attribute.of("recvonly"))
        .add(new RtpMap(96, "VP8", 90000, null).toAttribute())
        .add(new RtpMap(97, "rtx", 90000, null).toAttribute())
        .add(new Fmtp(97, "apt=96").toAttribute());
    sdp.media().add(video);
    assertThat(written(sdp)).isEqualTo(input + String.join("\r\n",
        "m=video 9 UDP/TLS/RTP/SAVPF 96 97", "c=IN IP4 0.0.0.0", "a=mid:3", "a=recvonly",
        "a=rtpmap:96 VP8/90000", "a=rtpmap:97 rtx/90000", "a=fmtp:97 apt=96", ""));
    assertThat(sdp.mediaByMid("3").attributes().fmtp(97).apt()).isEqualTo(96);
  }

  @Test
  void changingThePortRewritesOnlyTheMediaLine() {
    sdp.media().get(0).setPort(0);
    List<String> expected = inputLines();
    expected.set(expected.indexOf("m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126"),
        "m=audio 0 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126");
    assertThat(written(sdp)).isEqualTo(join(expected));
  }

  @Test
  void changingTheDirectionReplacesTheLineInPlaceOrAppendsOne() {
    sdp.media().get(1).attributes().setDirection(Direction.RECVONLY);
    sdp.media().get(2).attributes().setDirection(Direction.INACTIVE);
    List<String> expected = inputLines();
    int videoStart = expected.indexOf("a=mid:1");
    expected.set(expected.subList(videoStart, expected.size()).indexOf("a=sendrecv") + videoStart,
        "a=recvonly");
    expected.add("a=inactive");
    assertThat(written(sdp)).isEqualTo(join(expected));
    assertThat(sdp.direction(sdp.media().get(1))).isEqualTo(Direction.RECVONLY);
  }

  @Test
  void settingTheDirectionRemovesExtraDirectionLines() {
    Attributes attributes = new Attributes().add(Attribute.of("sendonly")).add("mid", "0")
        .add(Attribute.of("inactive"));
    attributes.setDirection(Direction.SENDRECV);
    assertThat(attributes.asList()).containsExactly(Attribute.of("sendrecv"),
        Attribute.of("mid", "0"));
  }

  @Test
  void narrowingTheCodecsAsAnAnswerDoes() {
    MediaDescription video = sdp.media().get(1);
    Set<String> kept = Set.of("96", "97");
    video.setFormats(List.of("96", "97"));
    video.attributes().removeIf(attribute -> switch (attribute.name()) {
      case "rtpmap", "fmtp", "rtcp-fb" -> !kept.contains(attribute.value().split(" ")[0]);
      default -> false;
    });
    SessionDescription reparsed = SessionDescription.parse(written(sdp));
    Attributes attributes = reparsed.media().get(1).attributes();
    assertThat(reparsed.media().get(1).payloadTypes()).containsExactly(96, 97);
    assertThat(attributes.rtpMaps()).extracting(RtpMap::encodingName).containsExactly("VP8", "rtx");
    assertThat(attributes.rtcpFbs()).hasSize(5).allMatch(fb -> fb.payloadType() == 96);
    assertThat(attributes.extMaps()).hasSize(11);
  }

  @Test
  void bumpingTheSessionVersion() {
    sdp.setOrigin(sdp.origin().withNextVersion());
    assertThat(written(sdp)).isEqualTo(input.replace("o=- 8657909359045387998 2 ",
        "o=- 8657909359045387998 3 "));
    Origin big = new Origin("-", "1", "99999999999999999999", "IN", "IP4", "127.0.0.1");
    assertThat(big.withNextVersion().sessionVersion()).isEqualTo("100000000000000000000");
  }

  @Test
  void anLfDescriptionStaysLfAfterChanges() {
    SessionDescription lf = SessionDescription.parse(input.replace("\r\n", "\n"));
    lf.media().get(0).attributes().add(Attribute.of("x-test"));
    assertThat(lf.format()).doesNotContain("\r").contains("a=x-test\nm=video");
  }

  @Test
  void aDescriptionBuiltInCodeWritesTheExpectedText() {
    SessionDescription answer = new SessionDescription(Origin.of(4611731400430051336L, 2));
    answer.attributes().add(Group.bundle(List.of("0")).toAttribute())
        .add(Attribute.of("ice-lite")).add("msid-semantic", " WMS *");
    MediaDescription audio = new MediaDescription("audio", 40000, MediaDescription.RTP_PROTO,
        List.of("111"));
    audio.connections().add(ConnectionData.of("203.0.113.10"));
    audio.bandwidths().add(new Bandwidth(Bandwidth.TIAS, 64000));
    audio.attributes()
        .add("ice-ufrag", "Sfu1").add("ice-pwd", "abcdefghijklmnopqrstuvwx")
        .add(new Fingerprint("sha-256", new byte[32]).toAttribute())
        .add(Setup.PASSIVE.toAttribute()).add("mid", "0")
        .add(ExtMap.of(4, "urn:ietf:params:rtp-hdrext:sdes:mid").toAttribute())
        .add(Attribute.of(Direction.RECVONLY.attributeName())).add(Attribute.of("rtcp-mux"))
        .add(new RtpMap(111, "opus", 48000, 2).toAttribute())
        .add(new RtcpFb(111, "transport-cc", null).toAttribute())
        .add(Fmtp.of(111, new java.util.LinkedHashMap<>(java.util.Map.of("minptime", "10")))
            .toAttribute())
        .add(Candidate.host("1", 2130706431L, "203.0.113.10", 40000).toAttribute())
        .add(Attribute.of("end-of-candidates"));
    answer.media().add(audio);
    String text = written(answer);
    assertThat(text).isEqualTo(String.join("\r\n",
        "v=0",
        "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
        "s=-",
        "t=0 0",
        "a=group:BUNDLE 0",
        "a=ice-lite",
        "a=msid-semantic: WMS *",
        "m=audio 40000 UDP/TLS/RTP/SAVPF 111",
        "c=IN IP4 203.0.113.10",
        "b=TIAS:64000",
        "a=ice-ufrag:Sfu1",
        "a=ice-pwd:abcdefghijklmnopqrstuvwx",
        "a=fingerprint:sha-256 " + "00:".repeat(31) + "00",
        "a=setup:passive",
        "a=mid:0",
        "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
        "a=recvonly",
        "a=rtcp-mux",
        "a=rtpmap:111 opus/48000/2",
        "a=rtcp-fb:111 transport-cc",
        "a=fmtp:111 minptime=10",
        "a=candidate:1 1 udp 2130706431 203.0.113.10 40000 typ host",
        "a=end-of-candidates",
        ""));
    SessionDescription reparsed = SessionDescription.parse(text);
    Captures.readEverything(reparsed);
    assertThat(reparsed.attributes().iceLite()).isTrue();
    assertThat(reparsed.media().get(0).attributes().endOfCandidates()).isTrue();
  }

  @Test
  void typedValuesBuiltInCodeWriteWhatTheyRead() {
    List<Attribute> attributes = List.of(
        new Rid("q", RidDirection.RECV, List.of(96, 97), java.util.Map.of("max-fps", "30"))
            .toAttribute(),
        Simulcast.of(List.of(), List.of("q", "h", "f")).toAttribute(),
        new SsrcGroup(SsrcGroup.SIM, List.of(1L, 2L, 3L)).toAttribute(),
        new Ssrc(1, Ssrc.CNAME, "sfu").toAttribute(),
        new Msid("stream", "track").toAttribute(),
        new ExtMap(4096, Direction.SENDONLY, "urn:x", "attr").toAttribute(),
        new RtcpFb(RtcpFb.ALL_PAYLOAD_TYPES, "nack", null).toAttribute());
    assertThat(attributes).extracting(Attribute::toString).containsExactly(
        "rid:q recv pt=96,97;max-fps=30", "simulcast:recv q;h;f", "ssrc-group:SIM 1 2 3",
        "ssrc:1 cname:sfu", "msid:stream track", "extmap:4096/sendonly urn:x attr",
        "rtcp-fb:* nack");
    Attributes list = new Attributes();
    attributes.forEach(list::add);
    assertThat(list.rids().get(0).format()).isEqualTo("q recv pt=96,97;max-fps=30");
    assertThat(list.simulcast().receiveRids()).containsExactly("q", "h", "f");
    assertThat(list.rtcpFbs().get(0).appliesTo(120)).isTrue();
  }

  @Test
  void invalidValuesAreRefusedWhenBuilt() {
    assertThatThrownBy(() -> Attribute.of("bad name", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Attribute.of("x", "injected\r\na=evil"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sdp.media().get(0).setPort(65536))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sdp.media().get(0).setFormats(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sdp.setSessionName("a\nb"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RtpMap(128, "opus", 48000, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Fingerprint("sha-256", new byte[20]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Group("BUNDLE", List.of("a b")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDescriptionWithoutTimingCannotBeWritten() {
    sdp.timings().clear();
    assertThatThrownBy(sdp::format).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("t=");
  }

  @Test
  void genericAccessorsReadWhatIsThere() {
    Attributes audio = sdp.media().get(0).attributes();
    assertThat(audio.value("mid")).isEqualTo("0");
    assertThat(audio.value("absent")).isNull();
    assertThat(audio.first("rtcp-mux").hasValue()).isFalse();
    assertThat(audio.all("rtpmap")).hasSize(8);
    assertThat(audio.size()).isEqualTo(audio.asList().size());
    assertThat(audio.get(0)).isEqualTo(Attribute.of("rtcp", "9 IN IP4 0.0.0.0"));
    assertThat(audio.get(0).lineNumber()).isEqualTo(10);
    assertThat(audio).first().isEqualTo(audio.get(0));
    assertThatThrownBy(() -> audio.asList().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void sessionLevelValuesApplyToMediaWithoutTheirOwn() {
    SessionDescription text = SessionDescription.parse(String.join("\r\n",
        "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=recvonly", "a=ice-ufrag:sess",
        "m=audio 9 RTP/AVP 0", "a=mid:a",
        "m=video 9 RTP/AVP 96", "a=mid:v", "a=sendonly", "a=ice-ufrag:medi", ""));
    assertThat(text.direction(text.mediaByMid("a"))).isEqualTo(Direction.RECVONLY);
    assertThat(text.direction(text.mediaByMid("v"))).isEqualTo(Direction.SENDONLY);
    assertThat(text.effective(text.mediaByMid("a"), Attributes::iceUfrag)).isEqualTo("sess");
    assertThat(text.effective(text.mediaByMid("v"), Attributes::iceUfrag)).isEqualTo("medi");
    text.attributes().remove("recvonly");
    assertThat(text.direction(text.mediaByMid("a"))).isEqualTo(Direction.SENDRECV);
    assertThat(Direction.SENDONLY.reverse()).isEqualTo(Direction.RECVONLY);
    assertThat(Direction.SENDRECV.intersect(Direction.RECVONLY)).isEqualTo(Direction.RECVONLY);
  }
}
