package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.SessionDescription;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Shared inputs of the negotiation tests: captured browser SDP and an SFU endpoint. */
final class Fixtures {
  private Fixtures() {}

  static final String FINGERPRINT = "17:EB:D3:F8:0B:84:39:6C:CA:28:41:C4:1E:A5:DE:CE:"
      + "9A:1C:42:01:3E:78:60:2A:F1:4C:AE:2B:6F:03:90:11";

  static final LocalEndpoint LOCAL = new LocalEndpoint("sfuUfragAbCd", "sfuPasswordAbCdEfGhIjKlMn",
      "sha-256", FINGERPRINT,
      List.of(new HostCandidate("192.0.2.10", 40000), new HostCandidate("2001:db8::10", 40000)));

  static SessionNegotiator negotiator() {
    return new SessionNegotiator(LOCAL, MediaCapabilities.defaults(), "sfu-cname", 4242);
  }

  /** A capture of src/test/resources/wire/sdp, exactly as the browser wrote it. */
  static String capture(String name) {
    return resource("/wire/sdp/" + name);
  }

  /** A file of src/test/resources/media/negotiation. */
  static String own(String name) {
    return resource("/media/negotiation/" + name);
  }

  private static String resource(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The m-line of {@code sdp} with mid {@code mid}. */
  static MediaDescription media(SessionDescription sdp, String mid) {
    MediaDescription media = sdp.mediaByMid(mid);
    if (media == null) {
      throw new AssertionError("no m-line with mid " + mid + " in\n" + sdp);
    }
    return media;
  }
}
