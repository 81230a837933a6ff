package dev.vertxsfu.wire.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The captured browser descriptions under {@code src/test/resources/wire/sdp/}. */
final class Captures {
  private Captures() {}

  static final List<String> CHROMIUM = List.of(
      "chromium-offer-av-data.sdp", "chromium-answer-av-data.sdp",
      "chromium-offer-simulcast.sdp", "chromium-offer-recvonly.sdp",
      "chromium-offer-renegotiation.sdp", "chromium-offer-gathered.sdp",
      "chromium-offer-mdns.sdp");
  static final List<String> FIREFOX = List.of(
      "firefox-offer-av-data.sdp", "firefox-offer-simulcast.sdp");

  static List<String> all() {
    return java.util.stream.Stream.concat(CHROMIUM.stream(), FIREFOX.stream()).toList();
  }

  static byte[] bytes(String name) {
    try (InputStream in = Captures.class.getResourceAsStream("/wire/sdp/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  static SessionDescription parse(String name) {
    return SessionDescription.parse(bytes(name));
  }

  /** Calls every typed accessor of {@code attributes}, so that a malformed value shows. */
  static void readEverything(Attributes attributes) {
    attributes.mid();
    attributes.msids();
    attributes.rtpMaps();
    attributes.fmtps().forEach(Fmtp::apt);
    attributes.rtcpFbs();
    attributes.extMaps();
    attributes.ssrcs();
    attributes.ssrcGroups();
    attributes.rids();
    attributes.simulcast();
    attributes.groups();
    attributes.bundleGroup();
    attributes.iceUfrag();
    attributes.icePwd();
    attributes.iceOptions();
    attributes.iceLite();
    attributes.fingerprints();
    attributes.setup();
    attributes.candidates();
    attributes.endOfCandidates();
    attributes.direction();
    attributes.rtcpMux();
    attributes.rtcpRsize();
    attributes.sctpPort();
    attributes.maxMessageSize();
  }

  /** {@link #readEverything} on the session and every media description. */
  static void readEverything(SessionDescription sdp) {
    readEverything(sdp.attributes());
    for (MediaDescription media : sdp.media()) {
      readEverything(media.attributes());
      media.payloadTypes();
    }
  }
}
